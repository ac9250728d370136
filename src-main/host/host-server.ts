import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { toApiError } from '../../src-preload/api/errors';
import type { Dispatch } from '../app/dispatch';
import type { EventBus } from '../app/event-bus';
import type { Downloads } from './downloads';
import { attachEventSocket } from './event-socket';
import { HostGuard } from './guard';
import { sendJson, sendText, setSecurityHeaders } from './headers';
import { readJsonBody } from './read-body';
import { serveStatic } from './static-files';

export interface HostOptions {
  dispatch: Dispatch;
  bus: EventBus;
  staticDir: string;
  downloads?: Downloads;
  port?: number;
  secret?: string;
  maxBodyBytes?: number;
}

export interface RunningHost {
  port: number;
  /** Open this once: it carries the secret and turns it into a session cookie. */
  loginUrl: string;
  origin: string;
  close(): Promise<void>;
}

const NOT_SIGNED_IN = `<!doctype html><meta charset="utf-8"><title>Behalf</title>
<body style="font:14px system-ui;margin:3em">Open the link that <code>behalf serve</code> (or <code>npm start</code>) printed in the terminal: it signs this browser in.</body>`;

/** The browser door: the built console, the contract over POST /rpc/<channel>, events over /events. Loopback only. */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const guard = new HostGuard(opts.secret);
  const maxBody = opts.maxBodyBytes ?? 64 * 1024 * 1024;
  let port = 0;

  const server = http.createServer(async (req, res) => {
    setSecurityHeaders(res, port);
    try {
      if (!guard.hostAllowed(req)) return sendText(res, 421, 'Wrong Host header: use the 127.0.0.1 address printed at start.');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/login' && req.method === 'GET') {
        if (!guard.secretMatches(url.searchParams.get('secret'))) return sendText(res, 401, 'That link is not valid for this run of Behalf.');
        res.writeHead(302, { 'Set-Cookie': guard.openSession(), Location: '/' });
        return res.end();
      }
      const signedIn = guard.hasSession(req);
      if (url.pathname.startsWith('/rpc/')) {
        if (req.method !== 'POST') return sendText(res, 405, 'Use POST.');
        if (!signedIn) return sendJson(res, 401, { ok: false, error: { code: 'host.unauthenticated', message: 'Not signed in.', hint: 'Open the link printed at start.' } });
        if (!guard.originAllowed(req, true)) return sendJson(res, 403, { ok: false, error: { code: 'host.bad-origin', message: 'Requests must come from the console itself.' } });
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendText(res, 415, 'Send application/json.');
        const input = await readJsonBody(req, maxBody);
        return sendJson(res, 200, await opts.dispatch(url.pathname.slice(5), input));
      }
      if (url.pathname.startsWith('/download/') && opts.downloads) {
        if (!signedIn) return sendText(res, 401, 'Not signed in.');
        return opts.downloads.serve(url.pathname.slice(10), res);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
      if (!signedIn) {
        res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8' });
        return res.end(NOT_SIGNED_IN);
      }
      return serveStatic(opts.staticDir, url.pathname, res);
    } catch (err) {
      if (!res.headersSent) sendJson(res, 400, { ok: false, error: toApiError(err) });
      else res.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  guard.bindPort(port);
  const closeEvents = attachEventSocket(server, guard, opts.bus);
  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    origin,
    loginUrl: `${origin}/login?secret=${guard.secret}`,
    close: () =>
      new Promise<void>((resolve) => {
        closeEvents();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
