import dgram from 'node:dgram';
import { once } from 'node:events';
import { isIPv4 } from 'node:net';

/**
 * A tiny authoritative DNS server on 127.0.0.1 that answers PTR queries over real UDP, so the reverse-DNS code
 * is exercised through node's resolver (c-ares) exactly as in production. IPs in `silent` never get an
 * answer (timeouts); IPs in `servfail` get SERVFAIL; every other unknown IP gets NXDOMAIN.
 */
export interface PtrServer {
  /** `127.0.0.1:<port>`, for `servers`. */
  address: string;
  /** Queries received per IP, to prove what the cache saved. */
  queries: Map<string, number>;
  close(): Promise<void>;
}

export async function startPtrServer(zone: Record<string, string>, opts: { silent?: string[]; servfail?: string[] } = {}): Promise<PtrServer> {
  const byName = new Map(Object.entries(zone).map(([ip, ptr]) => [reverseName(ip), { ip, ptr }]));
  const silent = new Set((opts.silent ?? []).map(reverseName));
  const servfail = new Set((opts.servfail ?? []).map(reverseName));
  const ipOf = new Map([...Object.keys(zone), ...(opts.silent ?? []), ...(opts.servfail ?? [])].map((ip) => [reverseName(ip), ip]));
  const queries = new Map<string, number>();
  const socket = dgram.createSocket('udp4');

  socket.on('message', (msg, rinfo) => {
    const q = parseQuestion(msg);
    if (!q) return;
    const ip = ipOf.get(q.name) ?? q.name;
    queries.set(ip, (queries.get(ip) ?? 0) + 1);
    if (silent.has(q.name)) return;
    const hit = q.type === 12 ? byName.get(q.name) : undefined;
    const rcode = servfail.has(q.name) ? 2 : hit ? 0 : 3;
    const header = Buffer.alloc(12);
    header.writeUInt16BE(msg.readUInt16BE(0), 0);
    header.writeUInt16BE(0x8400 | (msg.readUInt16BE(2) & 0x0100) | 0x0080 | rcode, 2); // QR AA (RD) RA
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(hit && rcode === 0 ? 1 : 0, 6);
    const parts: Buffer[] = [header, msg.subarray(12, q.end)];
    if (hit && rcode === 0) {
      const rdata = encodeName(hit.ptr);
      const rr = Buffer.alloc(12);
      rr.writeUInt16BE(0xc00c, 0);
      rr.writeUInt16BE(12, 2);
      rr.writeUInt16BE(1, 4);
      rr.writeUInt32BE(300, 6);
      rr.writeUInt16BE(rdata.length, 10);
      parts.push(rr, rdata);
    }
    socket.send(Buffer.concat(parts), rinfo.port, rinfo.address);
  });
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  const { port } = socket.address();
  return {
    address: `127.0.0.1:${port}`,
    queries,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

export function reverseName(ip: string): string {
  if (isIPv4(ip)) return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return `${groups
    .map((g) => g.padStart(4, '0'))
    .join('')
    .split('')
    .reverse()
    .join('.')}.ip6.arpa`;
}

function parseQuestion(msg: Buffer): { name: string; type: number; end: number } | undefined {
  let i = 12;
  const labels: string[] = [];
  while (i < msg.length) {
    const len = msg[i] ?? 0;
    i++;
    if (len === 0) break;
    labels.push(
      msg
        .subarray(i, i + len)
        .toString('ascii')
        .toLowerCase(),
    );
    i += len;
  }
  if (i + 4 > msg.length) return undefined;
  return { name: labels.join('.'), type: msg.readUInt16BE(i), end: i + 4 };
}

function encodeName(name: string): Buffer {
  return Buffer.concat([
    ...name
      .replace(/\.$/, '')
      .split('.')
      .map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'ascii')])),
    Buffer.from([0]),
  ]);
}
