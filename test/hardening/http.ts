import http from 'node:http';
import net from 'node:net';

export interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw HTTP so a test can send any Host, Origin, content type or body bytes (fetch forbids most of these). */
export function request(
  port: number,
  opts: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer; hostname?: string },
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: opts.hostname ?? '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/**
 * Writes raw bytes on a socket (paths Node's client would normalise or refuse, partial bodies) and collects
 * whatever comes back until the server closes or `waitMs` passes; `closeEarly` hangs up after writing.
 */
export function rawExchange(port: number, text: string | Buffer, opts: { closeEarly?: boolean; waitMs?: number } = {}): Promise<string> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      sock.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    sock.on('data', (d) => chunks.push(d));
    sock.on('end', finish);
    sock.on('close', finish);
    sock.on('error', finish);
    sock.on('connect', () => {
      sock.write(text);
      if (opts.closeEarly) setTimeout(finish, 20);
    });
    setTimeout(finish, opts.waitMs ?? 2000);
  });
}
