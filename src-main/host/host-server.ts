import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../app/dispatch';
import type { EventBus } from '../core/event-bus';
import type { Downloads } from '../core/downloads';
import { serveDownload } from './downloads';
import { errorReply, errorReplyFrom } from '../core/error-reply';
import { attachEventSocket } from './event-socket';
import { HostGuard, SESSION_COOKIE } from './guard';
import { PAGE_TOKEN_FRAGMENT, PAGE_TOKEN_HEADER } from '../../src-preload/api/host-session';
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
  /** A session unused this long is signed out (default 12 h; the setting is read on every request). */
  idleMs?: () => number;
}

export interface RunningHost {
  port: number;
  /** Open this once: it carries the one-time secret and signs one browser tab in. */
  loginUrl: string;
  /** A new one-time sign-in URL (the previous one stops working). */
  newLoginUrl(): string;
  origin: string;
  close(): Promise<void>;
}

const NOT_SIGNED_IN = `<!doctype html><meta charset="utf-8"><title>Behalf</title>
<body style="font:14px system-ui;margin:3em">Open the link that <code>behalf serve</code> (or <code>npm start</code>) printed in the terminal: it signs this browser in. A link works once; press Enter in that terminal for a new one.</body>`;

const UNAUTHENTICATED = errorReply(
  'host.unauthenticated',
  'This tab is not signed in (or its session ended).',
  'Press Enter in the terminal running `behalf serve` for a new sign-in link and open it.',
);

/** The browser door: the built console, the contract over POST /rpc/<channel>, events over /events. Loopback only. */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const guard = new HostGuard({ secret: opts.secret, idleMs: opts.idleMs });
  const maxBody = opts.maxBodyBytes ?? 64 * 1024 * 1024;
  let port = 0;

  const server = http.createServer(async (req, res) => {
    setSecurityHeaders(res, port);
    try {
      if (!guard.hostAllowed(req)) return sendText(res, 421, 'Wrong Host header: use the 127.0.0.1 address printed at start.');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/login' && req.method === 'GET') return signIn(guard, url, res);
      if (url.pathname.startsWith('/rpc/') || url.pathname === '/session/sign-out') {
        if (req.method !== 'POST') return sendText(res, 405, 'Use POST.');
        const session = guard.pageSession(req, headerValue(req.headers[PAGE_TOKEN_HEADER]));
        if (!session) return sendJson(res, 401, UNAUTHENTICATED);
        if (!guard.fetchSiteAllowed(req) || !guard.originAllowed(req, true))
          return sendJson(res, 403, errorReply('host.bad-origin', 'Requests must come from the console itself.'));
        if (url.pathname === '/session/sign-out') {
          guard.signOut(session);
          res.setHeader('Set-Cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
          return sendJson(res, 200, { ok: true, value: { signedOut: true } });
        }
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendText(res, 415, 'Send application/json.');
        const input = await readJsonBody(req, maxBody);
        return sendJson(res, 200, await opts.dispatch(url.pathname.slice(5), input));
      }
      const signedIn = guard.hasSession(req);
      if (url.pathname.startsWith('/download/') && opts.downloads) {
        if (!signedIn) return sendText(res, 401, 'Not signed in.');
        return serveDownload(opts.downloads, url.pathname.slice(10), res);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
      if (!signedIn) {
        res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8' });
        return res.end(NOT_SIGNED_IN);
      }
      return serveStatic(opts.staticDir, url.pathname, res);
    } catch (err) {
      if (!res.headersSent) sendJson(res, 400, errorReplyFrom(err));
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
    loginUrl: `${origin}/login?secret=${guard.initialSecret}`,
    newLoginUrl: () => `${origin}/login?secret=${guard.renewSecret()}`,
    close: () =>
      new Promise<void>((resolve) => {
        closeEvents();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * One-time sign-in: the secret is consumed, the cookie is set, and the page token goes to the page in the URL
 * fragment (browsers never send fragments to a server, so it stays out of logs and other ports).
 */
function signIn(guard: HostGuard, url: URL, res: http.ServerResponse): void {
  const wait = guard.limiter.retryAfterMs();
  if (wait > 0) {
    res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
    return sendText(res, 429, `Too many failed sign-ins: try again in ${Math.ceil(wait / 1000)} s.`);
  }
  if (!guard.consumeSecret(url.searchParams.get('secret'))) {
    guard.limiter.fail();
    return sendText(
      res,
      401,
      'That sign-in link was used already or is not valid for this run of Behalf. Press Enter in the terminal running `behalf serve` for a new one.',
    );
  }
  guard.limiter.succeed();
  const { setCookie, pageToken } = guard.openSession();
  res.writeHead(302, { 'Set-Cookie': setCookie, Location: `/#${PAGE_TOKEN_FRAGMENT}=${pageToken}` });
  res.end();
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
