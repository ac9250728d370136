import dgram from 'node:dgram';
import net from 'node:net';
import * as packet from 'dns-packet';

/**
 * The bulk run's own DNS transport (issue #17, P2): a few UDP sockets shared by every question of the run, in
 * place of c-ares channels whose per-query cost bounded the bulk check. It behaves like c-ares does for the
 * checker (so answers and cause codes stay the same as `node:dns`): EDNS0 with a 1232-byte UDP size, a try per
 * server in turn with the timeout doubling each round, SERVFAIL/NOTIMP/REFUSED asked again while tries remain,
 * the question asked again over TCP when the UDP answer is truncated (TC bit), and again without EDNS on FORMERR.
 * The wire format is `dns-packet`'s; this file only moves packets.
 */

export interface WireServer {
  host: string;
  port: number;
}

export interface WireQuestion {
  name: string;
  type: packet.RecordType;
}

/** A decoded answer packet (dns-packet decodes the rcode too; its types leave it out). */
export type WireResponse = packet.DecodedPacket & { rcode?: string };

/** How a question ended: an answer packet (any rcode), or no usable answer with a c-ares style error code. */
export type WireOutcome = { ok: true; response: WireResponse } | { ok: false; code: 'ETIMEOUT' | 'ECONNREFUSED' | 'EBADNAME' | 'ECANCELLED' };

export interface WireTransportOptions {
  /** Per-try timeout in ms (doubled each round over the servers, as c-ares does). */
  timeout: number;
  tries: number;
}

export interface WireTransport {
  ask(servers: readonly WireServer[], question: WireQuestion): Promise<WireOutcome>;
  /** Questions sent so far over UDP and over TCP (the truncation test and the bench read these). */
  readonly sent: { udp: number; tcp: number };
  /** Ends every pending question with ECANCELLED and closes the sockets. */
  close(): void;
}

/** What c-ares advertises by default (the DNS flag day 2020 size): answers up to it come over UDP. */
const EDNS_UDP_SIZE = 1232;
/** Sockets per address family. One socket's receive buffer overflowed at ~400 answers in flight (P2 bench). */
const SOCKETS_PER_FAMILY = 2;
const RECEIVE_BUFFER_BYTES = 4 * 2 ** 20;
/** Rcodes c-ares treats as "this server failed": asked again (next server, next round) while tries remain. */
const RETRY_RCODES = new Set(['SERVFAIL', 'NOTIMP', 'REFUSED']);

interface Pending {
  server: WireServer;
  question: WireQuestion;
  done: (response: WireResponse | null) => void;
}

interface UdpSocket {
  socket: dgram.Socket;
  pending: Map<number, Pending>;
}

export function createWireTransport(options: WireTransportOptions): WireTransport {
  const sockets: Record<'udp4' | 'udp6', UdpSocket[]> = { udp4: [], udp6: [] };
  const turns = { udp4: 0, udp6: 0 };
  const tcpSockets = new Set<net.Socket>();
  const cancels = new Set<() => void>();
  const sent = { udp: 0, tcp: 0 };
  let closed = false;

  const socketFor = (family: 'udp4' | 'udp6'): UdpSocket => {
    const list = sockets[family];
    if (list.length < SOCKETS_PER_FAMILY) {
      // Servers are IP addresses (validated up front): no name lookup per send, not even dgram's nextTick one.
      const socket = dgram.createSocket({
        type: family,
        lookup: (address, _options, callback) => (callback as (e: null, a: string, f: number) => void)(null, address, family === 'udp6' ? 6 : 4),
      });
      const entry: UdpSocket = { socket, pending: new Map() };
      socket.on('message', (buf, from) => onMessage(entry, buf, from));
      // A send error (no route) surfaces here as well as in send's callback; the try then times out.
      socket.on('error', () => undefined);
      socket.bind(0, () => {
        try {
          socket.setRecvBufferSize(RECEIVE_BUFFER_BYTES);
        } catch {
          // The kernel's limit (net.core.rmem_max) applies; the default buffer still works, just smaller.
        }
      });
      socket.unref();
      list.push(entry);
      return entry;
    }
    turns[family] = (turns[family] + 1) % list.length;
    return list[turns[family]]!;
  };

  const onMessage = (entry: UdpSocket, buf: Buffer, from: dgram.RemoteInfo) => {
    if (buf.length < 12) return;
    const p = entry.pending.get(buf.readUInt16BE(0));
    // Only the server asked may answer, and only to the question asked (as c-ares checks): anything else is dropped.
    if (!p || from.port !== p.server.port || from.address !== p.server.host) return;
    let response: WireResponse;
    try {
      response = packet.decode(buf);
    } catch {
      return;
    }
    if (!sameQuestion(response, p.question)) return;
    p.done(response);
  };

  /** One UDP try: the answer, or null on timeout. `query` is the encoded question; only its id is rewritten. */
  const udpTry = (server: WireServer, question: WireQuestion, query: Buffer, timeout: number) =>
    new Promise<WireResponse | null>((resolve) => {
      const entry = socketFor(net.isIPv6(server.host) ? 'udp6' : 'udp4');
      let id = (Math.random() * 0x10000) | 0;
      while (entry.pending.has(id)) id = (id + 1) & 0xffff;
      const finish = (response: WireResponse | null) => {
        entry.pending.delete(id);
        clearTimeout(timer);
        resolve(response);
      };
      const timer = setTimeout(finish, timeout, null);
      entry.pending.set(id, { server, question, done: finish });
      sent.udp += 1;
      const bytes = Buffer.from(query);
      bytes.writeUInt16BE(id, 0);
      entry.socket.send(bytes, server.port, server.host);
    });

  /** One TCP try (after a truncated UDP answer): the answer, null on timeout, or the connection's error code. */
  const tcpTry = (server: WireServer, question: WireQuestion, query: Buffer, timeout: number) =>
    new Promise<WireResponse | null | 'ECONNREFUSED'>((resolve) => {
      sent.tcp += 1;
      const conn = net.connect({ host: server.host, port: server.port });
      tcpSockets.add(conn);
      let received = Buffer.alloc(0);
      const finish = (result: WireResponse | null | 'ECONNREFUSED') => {
        clearTimeout(timer);
        cancels.delete(cancel);
        tcpSockets.delete(conn);
        conn.destroy();
        resolve(result);
      };
      const cancel = () => finish(null);
      const timer = setTimeout(() => finish(null), timeout);
      cancels.add(cancel);
      conn.on('connect', () => {
        const framed = Buffer.alloc(2 + query.length);
        framed.writeUInt16BE(query.length, 0);
        query.copy(framed, 2);
        conn.write(framed);
      });
      conn.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        if (received.length < 2 || received.length < 2 + received.readUInt16BE(0)) return;
        try {
          const response = packet.decode(received.subarray(2, 2 + received.readUInt16BE(0)));
          finish(sameQuestion(response, question) ? response : null);
        } catch {
          finish(null);
        }
      });
      conn.on('error', (err: NodeJS.ErrnoException) => finish(err.code === 'ECONNREFUSED' ? 'ECONNREFUSED' : null));
      conn.on('close', () => finish(null));
    });

  return {
    sent,
    async ask(servers, question) {
      const encode = (edns: boolean) => {
        const q: packet.Packet = {
          type: 'query',
          id: 0,
          flags: packet.RECURSION_DESIRED,
          questions: [{ name: question.name, type: question.type, class: 'IN' }],
        };
        if (edns)
          q.additionals = [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_SIZE, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }];
        return packet.encode(q);
      };
      let query: Buffer;
      try {
        query = encode(true);
      } catch {
        return { ok: false, code: 'EBADNAME' };
      }
      let edns = true;
      let last: WireOutcome = { ok: false, code: 'ETIMEOUT' };
      const attempts = options.tries * servers.length;
      for (let attempt = 0; attempt < attempts; attempt++) {
        if (closed) return { ok: false, code: 'ECANCELLED' };
        const server = servers[attempt % servers.length]!;
        const timeout = options.timeout * 2 ** Math.floor(attempt / servers.length);
        let response = await udpTry(server, question, query, timeout);
        if (response?.rcode === 'FORMERR' && edns) {
          // A server that does not speak EDNS0: ask it the plain way from now on (c-ares does the same).
          edns = false;
          query = encode(false);
          response = await udpTry(server, question, query, timeout);
        }
        if (response && response.flag_tc) {
          const overTcp = await tcpTry(server, question, query, timeout);
          if (overTcp === 'ECONNREFUSED') {
            last = { ok: false, code: 'ECONNREFUSED' };
            continue;
          }
          response = overTcp;
        }
        if (closed) return { ok: false, code: 'ECANCELLED' };
        if (!response) {
          last = { ok: false, code: 'ETIMEOUT' };
          continue;
        }
        last = { ok: true, response };
        if (!RETRY_RCODES.has(response.rcode ?? '')) break;
      }
      return last;
    },
    close() {
      closed = true;
      for (const entry of [...sockets.udp4, ...sockets.udp6]) for (const p of [...entry.pending.values()]) p.done(null);
      for (const cancel of [...cancels]) cancel();
      for (const conn of tcpSockets) conn.destroy();
      for (const entry of [...sockets.udp4, ...sockets.udp6]) entry.socket.close();
      sockets.udp4 = [];
      sockets.udp6 = [];
    },
  };
}

function sameQuestion(response: WireResponse, question: WireQuestion): boolean {
  const q = response.questions?.[0];
  return response.type === 'response' && q !== undefined && q.type === question.type && q.name.toLowerCase() === trimDot(question.name).toLowerCase();
}

function trimDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}
