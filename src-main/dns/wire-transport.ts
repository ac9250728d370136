import dgram from 'node:dgram';
import net from 'node:net';
import * as packet from 'dns-packet';
import type { CancelScope } from './cancel-scope';
import { decodeResponse, encodeQuery, type WireResponse } from './wire-packets';

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

/** How a question ended: an answer packet (any rcode), or no usable answer with a c-ares style error code. */
export type WireOutcome = { ok: true; response: WireResponse } | { ok: false; code: 'ETIMEOUT' | 'ECONNREFUSED' | 'EBADNAME' | 'ECANCELLED' };

export interface WireTransportOptions {
  /** Per-try timeout in ms (doubled each round over the servers, as c-ares does). */
  timeout: number;
  tries: number;
}

export interface WireTransport {
  /** `scope`: one check's cancellation; cancelling it ends this question at once with ECANCELLED (cancel-scope.ts). */
  ask(servers: readonly WireServer[], question: WireQuestion, scope?: CancelScope): Promise<WireOutcome>;
  /** Ends the pending questions asked with `scope` (ECANCELLED); the scope calls it when cancelled. */
  cancelScope(scope: CancelScope): void;
  /** Questions sent so far over UDP and over TCP (the truncation test and the bench read these). */
  readonly sent: { udp: number; tcp: number };
  /** Ends every pending question with ECANCELLED and closes the sockets. */
  close(): void;
}

/** Sockets per server. One socket's receive buffer overflowed at ~400 answers in flight (P2 bench). */
const SOCKETS_PER_SERVER = 2;
const RECEIVE_BUFFER_BYTES = 4 * 2 ** 20;
/** A server's sockets close after this long without a question (a run asks thousands of customers' servers). */
const IDLE_CLOSE_MS = 5_000;
/** Rcodes c-ares treats as "this server failed": asked again (next server, next round) while tries remain. */
const RETRY_RCODES = new Set(['SERVFAIL', 'NOTIMP', 'REFUSED']);

/** A try's end: the answer, null on timeout, or the port refused / the question's scope cancelled. */
type UdpResult = WireResponse | null | 'ECONNREFUSED' | 'ECANCELLED';

interface Pending {
  server: WireServer;
  question: WireQuestion;
  scope: CancelScope | undefined;
  done: (result: UdpResult) => void;
}

interface UdpSocket {
  socket: dgram.Socket;
  pending: Map<number, Pending>;
  idle: NodeJS.Timeout | null;
}

export function createWireTransport(options: WireTransportOptions): WireTransport {
  // Connected sockets, a few per server: the kernel then reports a closed port (ICMP port unreachable) as
  // ECONNREFUSED, as it does to c-ares, instead of the question waiting out every timeout (P11 found a bulk run
  // asking an unreachable authoritative server take 20 times longer than through node:dns).
  const sockets = new Map<string, UdpSocket[]>();
  const turns = new Map<string, number>();
  const tcpSockets = new Set<net.Socket>();
  /** Each pending TCP try's canceller, with the scope it was asked in. */
  const cancels = new Map<() => void, CancelScope | undefined>();
  const sent = { udp: 0, tcp: 0 };
  const outbox = new Outbox();
  let closed = false;

  const serverKey = (server: WireServer) => `${server.host}#${server.port}`;

  const closeIdle = (key: string, entry: UdpSocket) => {
    if (entry.pending.size > 0) return;
    const list = sockets.get(key)?.filter((e) => e !== entry) ?? [];
    if (list.length) sockets.set(key, list);
    else sockets.delete(key);
    entry.socket.close();
  };

  const socketFor = (server: WireServer): UdpSocket => {
    const key = serverKey(server);
    const list = sockets.get(key) ?? [];
    let entry: UdpSocket;
    if (list.length < SOCKETS_PER_SERVER) {
      const family = net.isIPv6(server.host) ? 'udp6' : 'udp4';
      // Servers are IP addresses (validated up front): no name lookup per send, not even dgram's nextTick one.
      const socket = dgram.createSocket({
        type: family,
        lookup: (address, _options, callback) => (callback as (e: null, a: string, f: number) => void)(null, address, family === 'udp6' ? 6 : 4),
      });
      entry = { socket, pending: new Map(), idle: null };
      socket.on('message', (buf, from) => onMessage(entry, buf, from));
      // Port unreachable: every question waiting on this socket went to that one server, which is not listening.
      socket.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ECONNREFUSED') for (const p of [...entry.pending.values()]) p.done('ECONNREFUSED');
      });
      // Sends made before the connect completes are queued by dgram and go out once it has.
      socket.connect(server.port, server.host, () => {
        try {
          socket.setRecvBufferSize(RECEIVE_BUFFER_BYTES);
        } catch {
          // The kernel's limit (net.core.rmem_max) applies; the default buffer still works, just smaller.
        }
      });
      socket.unref();
      list.push(entry);
      sockets.set(key, list);
    } else {
      const turn = ((turns.get(key) ?? 0) + 1) % list.length;
      turns.set(key, turn);
      entry = list[turn]!;
    }
    if (entry.idle) clearTimeout(entry.idle);
    entry.idle = null;
    return entry;
  };

  const onMessage = (entry: UdpSocket, buf: Buffer, from: dgram.RemoteInfo) => {
    if (buf.length < 12) return;
    const p = entry.pending.get(buf.readUInt16BE(0));
    // Only the server asked may answer, and only to the question asked (as c-ares checks): anything else is dropped.
    if (!p || from.port !== p.server.port || from.address !== p.server.host) return;
    let response: WireResponse;
    try {
      response = decodeResponse(buf);
    } catch {
      return;
    }
    if (!sameQuestion(response, p.question)) return;
    p.done(response);
  };

  /** One UDP try (see UdpResult). `query` is the encoded question; only its id is rewritten. */
  const udpTry = (server: WireServer, question: WireQuestion, query: Buffer, timeout: number, scope: CancelScope | undefined) =>
    new Promise<UdpResult>((resolve) => {
      const entry = socketFor(server);
      let id = (Math.random() * 0x10000) | 0;
      while (entry.pending.has(id)) id = (id + 1) & 0xffff;
      const finish = (result: UdpResult) => {
        if (entry.pending.get(id)?.done !== finish) return;
        entry.pending.delete(id);
        clearTimeout(timer);
        if (entry.pending.size === 0 && !closed) entry.idle = setTimeout(closeIdle, IDLE_CLOSE_MS, serverKey(server), entry).unref();
        resolve(result);
      };
      const timer = setTimeout(() => finish(null), timeout);
      entry.pending.set(id, { server, question, scope, done: finish });
      sent.udp += 1;
      const bytes = Buffer.from(query);
      bytes.writeUInt16BE(id, 0);
      outbox.add(entry.socket, bytes, () => finish(null));
    });

  /** One TCP try (after a truncated UDP answer; see UdpResult). */
  const tcpTry = (server: WireServer, question: WireQuestion, query: Buffer, timeout: number, scope: CancelScope | undefined) =>
    new Promise<UdpResult>((resolve) => {
      sent.tcp += 1;
      const conn = net.connect({ host: server.host, port: server.port });
      tcpSockets.add(conn);
      let received = Buffer.alloc(0);
      const finish = (result: UdpResult) => {
        clearTimeout(timer);
        cancels.delete(cancel);
        tcpSockets.delete(conn);
        conn.destroy();
        resolve(result);
      };
      const cancel = () => finish('ECANCELLED');
      const timer = setTimeout(() => finish(null), timeout);
      cancels.set(cancel, scope);
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
          const response = decodeResponse(received.subarray(2, 2 + received.readUInt16BE(0)));
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
    async ask(servers, question, scope) {
      const encode = (edns: boolean) => encodeQuery(question.name, question.type, edns);
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
        if (closed || scope?.aborted) return { ok: false, code: 'ECANCELLED' };
        const server = servers[attempt % servers.length]!;
        const timeout = options.timeout * 2 ** Math.floor(attempt / servers.length);
        let response = await udpTry(server, question, query, timeout, scope);
        if (response === 'ECANCELLED') return { ok: false, code: 'ECANCELLED' };
        if (response === 'ECONNREFUSED') {
          last = { ok: false, code: 'ECONNREFUSED' };
          continue;
        }
        if (response?.rcode === 'FORMERR' && edns) {
          // A server that does not speak EDNS0: ask it the plain way from now on (c-ares does the same).
          edns = false;
          query = encode(false);
          const plain = await udpTry(server, question, query, timeout, scope);
          if (plain === 'ECANCELLED') return { ok: false, code: 'ECANCELLED' };
          if (plain === 'ECONNREFUSED') {
            last = { ok: false, code: 'ECONNREFUSED' };
            continue;
          }
          response = plain;
        }
        if (response && response.flag_tc) {
          const overTcp = await tcpTry(server, question, query, timeout, scope);
          if (overTcp === 'ECANCELLED') return { ok: false, code: 'ECANCELLED' };
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
    cancelScope(scope) {
      for (const list of sockets.values()) for (const entry of list) for (const p of [...entry.pending.values()]) if (p.scope === scope) p.done('ECANCELLED');
      for (const [cancel, of] of [...cancels]) if (of === scope) cancel();
    },
    close() {
      closed = true;
      outbox.clear();
      const all = [...sockets.values()].flat();
      for (const entry of all) for (const p of [...entry.pending.values()]) p.done(null);
      for (const cancel of [...cancels.keys()]) cancel();
      for (const conn of tcpSockets) conn.destroy();
      for (const entry of all) {
        if (entry.idle) clearTimeout(entry.idle);
        entry.socket.close();
      }
      sockets.clear();
    },
  };
}

/**
 * Datagrams queued during one turn of the event loop and sent back to back once its I/O callbacks are done.
 * A datagram that finds the server asleep pays for waking it inside the send call, and the checks send a few
 * questions at a time between stretches of their own work, so a server on the same machine slept between
 * nearly every send: sent at once, a turn's questions wake it once (P2, a run of 10,000 tenants on this
 * machine: 28,100–30,100 q/s against 23,400–25,200 sending each question as it was made).
 */
export class Outbox {
  private readonly queue: { socket: dgram.Socket; bytes: Buffer; lost: () => void }[] = [];
  private scheduled: NodeJS.Immediate | null = null;

  /** `lost` runs if the send throws at once (the socket is gone): the try then ends as an unanswered datagram. */
  add(socket: dgram.Socket, bytes: Buffer, lost: () => void): void {
    this.queue.push({ socket, bytes, lost });
    this.scheduled ??= setImmediate(this.flush);
  }

  /** Drops what is queued (the transport is closing: its questions are already ended). */
  clear(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    this.queue.length = 0;
  }

  private readonly flush = (): void => {
    this.scheduled = null;
    // Errors (a refused port) come back as the socket's 'error' event, as for any send without a callback; only a
    // send that throws at once is handled here.
    const queue = this.queue.splice(0);
    for (const { socket, bytes, lost } of queue) {
      try {
        socket.send(bytes);
      } catch {
        lost();
      }
    }
  };
}

function sameQuestion(response: WireResponse, question: WireQuestion): boolean {
  const q = response.questions?.[0];
  return response.type === 'response' && q !== undefined && q.type === question.type && q.name.toLowerCase() === trimDot(question.name).toLowerCase();
}

function trimDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}
