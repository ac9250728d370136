import dgram from 'node:dgram';
import * as packet from 'dns-packet';
import { createWireTransport } from '../../../src-main/dns/wire-transport';
import { WireResolver } from '../../../src-main/dns/wire-resolver';
import { round } from './stats';

/**
 * What a Node process gets from the same loopback nsd below the checker, on the same questions: where P2's time
 * goes. Each floor runs `PASSES` passes over the questions and keeps the last one (the first ones pay for the JIT).
 * - `udp`: the questions sent as ready-made packets over one connected UDP socket, answers only counted. It is the
 *   cost of a datagram each way in a Node process, and nothing else.
 * - `udpDecode`: the same, each answer decoded by `dns-packet` as the bulk transport decodes it.
 * - `resolver`: the bulk run's own path below the checks (`WireResolver` over the wire transport: ids, timers,
 *   retries, decoding and the answers mapped as node:dns maps them).
 * Each figure comes with the process's CPU time per question (user + system), to show what runs out first.
 */
export interface P2Floor {
  qps: number;
  cpuMicrosPerQuestion: number;
}

const PASSES = 5;
const IN_FLIGHT = 100;
/** A pass that hears nothing for this long has lost answers: it ends, and its rate counts only what came back. */
const STALL_MS = 1000;

interface Question {
  name: string;
  type: 'TXT' | 'MX' | 'CNAME' | 'A' | 'AAAA' | 'NS' | 'SOA';
}

export async function p2Floors(server: { host: string; port: number }, asked: readonly string[]): Promise<Record<'udp' | 'udpDecode' | 'resolver', P2Floor>> {
  const questions = asked.map((line): Question => {
    const [name, type] = line.split(' ');
    return { name: name!, type: type as Question['type'] };
  });
  const udp = await lastPass(() => rawUdp(server, questions, false));
  const udpDecode = await lastPass(() => rawUdp(server, questions, true));
  const resolver = await lastPass(() => viaResolver(server, questions));
  return { udp, udpDecode, resolver };
}

async function lastPass(pass: () => Promise<number>): Promise<P2Floor> {
  let floor: P2Floor = { qps: 0, cpuMicrosPerQuestion: 0 };
  for (let i = 0; i < PASSES; i++) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const answered = await pass();
    const used = process.cpuUsage(cpu);
    floor = { qps: round(answered / ((performance.now() - t) / 1000), 0), cpuMicrosPerQuestion: round((used.user + used.system) / answered, 1) };
  }
  return floor;
}

/** One pass of ready-made query packets through a connected socket, `IN_FLIGHT` at a time; resolves with the answers heard. */
async function rawUdp(server: { host: string; port: number }, questions: readonly Question[], decode: boolean): Promise<number> {
  const packets = questions.map((q) =>
    packet.encode({ type: 'query', id: 0, flags: packet.RECURSION_DESIRED, questions: [{ name: q.name, type: q.type, class: 'IN' }] }),
  );
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.connect(server.port, server.host, resolve));
  socket.setRecvBufferSize(4 * 2 ** 20);
  let next = 0;
  let answered = 0;
  try {
    return await new Promise<number>((resolve) => {
      let heard = -1;
      const stall = setInterval(() => (answered === heard ? finish() : (heard = answered)), STALL_MS);
      const finish = () => {
        clearInterval(stall);
        resolve(answered);
      };
      const send = () => {
        if (next >= packets.length) return;
        const bytes = Buffer.from(packets[next]!);
        bytes.writeUInt16BE(next & 0xffff, 0);
        next += 1;
        socket.send(bytes);
      };
      socket.on('message', (msg) => {
        if (decode) packet.decode(msg);
        answered += 1;
        if (answered === packets.length) return finish();
        send();
      });
      for (let i = 0; i < IN_FLIGHT; i++) send();
    });
  } finally {
    socket.close();
  }
}

/** One pass through `WireResolver`, `IN_FLIGHT` questions at a time; every question counts (an error is an answer too). */
async function viaResolver(server: { host: string; port: number }, questions: readonly Question[]): Promise<number> {
  const transport = createWireTransport({ timeout: 2000, tries: 2 });
  const resolver = new WireResolver(transport, [`${server.host}:${server.port}`]);
  const ask = (q: Question): Promise<unknown> => {
    switch (q.type) {
      case 'TXT':
        return resolver.resolveTxt(q.name);
      case 'MX':
        return resolver.resolveMx(q.name);
      case 'CNAME':
        return resolver.resolveCname(q.name);
      case 'A':
        return resolver.resolve4(q.name);
      case 'AAAA':
        return resolver.resolve6(q.name);
      case 'NS':
        return resolver.resolveNs(q.name);
      case 'SOA':
        return resolver.resolveSoa(q.name);
    }
  };
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < questions.length) await ask(questions[next++]!).catch(() => undefined);
      }),
    );
    return questions.length;
  } finally {
    transport.close();
  }
}
