import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { startHost, type RunningHost } from '../../../src-main/host/host-server';
import { tempDir, tempServices } from '../../support/temp';
import { dumpLedger } from '../../hardening/ledger-dump';
import { rawExchange, request } from '../../hardening/http';
import { signIn } from '../../hardening/host-session';

/** Records every constant-time comparison the guard makes (the real function still answers). */
const compared = vi.hoisted(() => ({ calls: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compared.calls++;
      return real.timingSafeEqual(a, b);
    },
  };
});

/**
 * Issue #10 item 6: the browser host's perimeter. Loopback only; nothing without the session; Host and Origin
 * must name this server (DNS rebinding, cross-site pages); static serving never leaves the renderer folder;
 * the login secret is compared in constant time; cookies are HttpOnly + SameSite=Strict; HTML carries a CSP.
 */
describe('browser host security (item 6)', () => {
  let s: ReturnType<typeof tempServices>;
  let host: RunningHost;
  let cookie = '';
  let pageToken = '';
  let protocols: string[] = [];
  let loginSetCookie = '';
  let cases = 0;
  const SENTINEL = 'SENTINEL-outside-the-static-folder';
  let root = '';
  let staticDir = '';

  beforeAll(async () => {
    s = tempServices({ door: 'browser-host' });
    root = tempDir('behalf-host-root-');
    staticDir = path.join(root, 'renderer');
    fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><p>console</p>');
    fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(root, 'secret.txt'), SENTINEL);
    fs.writeFileSync(path.join(root, 'renderer-evil.js'), SENTINEL); // a sibling whose name starts like the root
    host = await startHost({ dispatch: createDispatch(createHandlers(s)), bus: s.bus, staticDir, downloads: s.downloads });
    const session = await signIn(host, host.loginUrl);
    loginSetCookie = String(session.login.headers['set-cookie']?.[0]);
    cookie = session.cookie;
    pageToken = session.token;
    protocols = session.protocols;
  });
  afterAll(async () => {
    console.log(`browser host security: ${cases} cases`);
    await host?.close();
    s?.close();
  });

  const rpcHeaders = (extra: Record<string, string> = {}) => ({
    'content-type': 'application/json',
    cookie,
    origin: host.origin,
    'x-behalf-session': pageToken,
    ...extra,
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    // The kernel's own table: exactly one listening socket on this port, bound to 127.0.0.1 (0100007F).
    const hexPort = host.port.toString(16).toUpperCase().padStart(4, '0');
    const listening = (file: string) =>
      (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(1) : [])
        .map((l) => l.trim().split(/\s+/))
        .filter((f) => f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A')
        .map((f) => f[1]!.split(':')[0]);
    if (fs.existsSync('/proc/net/tcp')) {
      expect(listening('/proc/net/tcp')).toEqual(['0100007F']);
      expect(listening('/proc/net/tcp6')).toEqual([]);
    }
    // Every non-loopback address of this machine refuses the connection.
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address);
    for (const address of others) {
      cases++;
      const err = await new Promise<string>((resolve) => {
        const sock = net.connect({ host: address, port: host.port });
        sock.setTimeout(2000, () => (sock.destroy(), resolve('ETIMEDOUT')));
        sock.on('connect', () => (sock.destroy(), resolve('connected')));
        sock.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      expect(err, address).not.toBe('connected');
    }
    cases++;
  });

  it('refuses every route without the session (and a wrong or stale cookie)', async () => {
    const downloadId = s.downloads.add('sheet.md', 'text/markdown', Buffer.from('# sheet'));
    const noSession: Record<string, string>[] = [
      {},
      { cookie: 'behalf_session=forged' },
      { cookie: 'behalf_session=' },
      { cookie: `other=${cookie.split('=')[1]}` },
      { cookie: `${cookie}x` },
    ];
    for (const headers of noSession) {
      for (const p of ['/', '/index.html', '/assets/app.js', '/anything', `/download/${downloadId}`]) {
        cases++;
        const r = await request(host.port, { path: p, headers });
        expect(r.status, `${p} ${JSON.stringify(headers)}`).toBe(401);
        expect(r.body).not.toContain('console.log');
        expect(r.body).not.toContain('# sheet');
      }
      for (const ch of ['tenants.list', 'tenants.create', 'settings.update', 'settings.setToken']) {
        cases++;
        const before = dumpLedger(s.db);
        const r = await request(host.port, {
          path: `/rpc/${ch}`,
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: host.origin, 'x-behalf-session': pageToken, ...headers },
          body: '{"name":"X","domain":"x.com","token":"abcdefgh-1234"}',
        });
        expect(r.status, ch).toBe(401);
        expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'host.unauthenticated' } });
        expect(dumpLedger(s.db)).toBe(before);
      }
      cases++;
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events`, protocols, { headers: { origin: host.origin, ...headers } });
      await expect(new Promise((res, rej) => (ws.on('open', res), ws.on('error', rej)))).rejects.toThrow(/403/);
    }
    // The refused attempts did not spend the download: the signed-in page still gets it, once.
    cases++;
    expect((await request(host.port, { path: `/download/${downloadId}`, headers: { cookie } })).body).toBe('# sheet');
    expect((await request(host.port, { path: `/download/${downloadId}`, headers: { cookie } })).status).toBe(404);
    // Other methods on /rpc never reach dispatch.
    for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS']) {
      cases++;
      expect((await request(host.port, { path: '/rpc/tenants.list', method, headers: { cookie, origin: host.origin } })).status).toBe(405);
    }
  });

  it('refuses a foreign Host header on every route (DNS rebinding), even with the session', async () => {
    const hosts = [
      `attacker.example:${host.port}`,
      `127.0.0.1.nip.io:${host.port}`,
      `localhost.attacker.example:${host.port}`,
      `127.0.0.1:${host.port}.evil.example`,
      '127.0.0.1',
      `127.0.0.1:${host.port + 1}`,
      `[::1]:${host.port}`,
      `0.0.0.0:${host.port}`,
      `192.0.2.2:${host.port}`,
      `127.0.0.2:${host.port}`,
      `2130706433:${host.port}`,
    ];
    const secret = new URL(host.newLoginUrl()).searchParams.get('secret')!; // live and unused: still refused
    for (const h of hosts) {
      for (const [p, method] of [
        ['/', 'GET'],
        ['/rpc/tenants.list', 'POST'],
        [`/download/x`, 'GET'],
        [`/login?secret=${secret}`, 'GET'],
      ] as const) {
        cases++;
        const r = await request(host.port, {
          path: p,
          method,
          headers: { host: h, cookie, origin: host.origin, 'content-type': 'application/json' },
          body: method === 'POST' ? '{}' : undefined,
        });
        expect(r.status, `${h} ${p}`).toBe(421);
        expect(r.headers['set-cookie'], `${h} ${p}`).toBeUndefined();
      }
      cases++;
      const ws = await rawExchange(
        host.port,
        `GET /events HTTP/1.1\r\nHost: ${h}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: ${host.origin}\r\nCookie: ${cookie}\r\n\r\n`,
        { waitMs: 1000 },
      );
      expect(ws, h).toMatch(/^HTTP\/1\.1 (403|400)/);
    }
    // An empty Host, and none at all (HTTP/1.0), are not this server either.
    for (const head of [`GET / HTTP/1.1\r\nHost:\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`, `GET / HTTP/1.0\r\nCookie: ${cookie}\r\n\r\n`]) {
      cases++;
      expect(await rawExchange(host.port, head, { waitMs: 1000 })).toMatch(/^HTTP\/1\.[01] (400|421)/);
    }
    // localhost and upper case are the same server.
    cases++;
    expect((await request(host.port, { path: '/', headers: { host: `LOCALHOST:${host.port}`, cookie } })).status).toBe(200);
  });

  it('refuses a foreign, null or missing Origin on state-changing requests and on the event socket', async () => {
    const origins = [
      'null',
      'http://attacker.example',
      `http://127.0.0.1.nip.io:${host.port}`,
      `https://127.0.0.1:${host.port}`,
      `http://127.0.0.1:${host.port + 1}`,
      'file://',
      'chrome-extension://abc',
      `http://attacker.example:${host.port}`,
      `ws://127.0.0.1:${host.port}`,
      'not a url',
      '',
    ];
    for (const origin of origins) {
      for (const ch of ['tenants.create', 'settings.update', 'tenants.importCsv']) {
        cases++;
        const before = dumpLedger(s.db);
        const r = await request(host.port, {
          path: `/rpc/${ch}`,
          method: 'POST',
          headers: rpcHeaders({ origin }),
          body: '{"name":"O","domain":"origin.com","csv":"name,domain\\nO,o.com"}',
        });
        expect(r.status, `${origin} ${ch}`).toBe(403);
        expect(dumpLedger(s.db)).toBe(before);
      }
      cases++;
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events`, protocols, { headers: { origin, cookie } });
      await expect(new Promise((res, rej) => (ws.on('open', res), ws.on('error', rej))), origin).rejects.toThrow(/403/);
    }
    cases++;
    const noOrigin = await request(host.port, {
      path: '/rpc/tenants.create',
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-behalf-session': pageToken },
      body: '{"name":"O","domain":"origin.com"}',
    });
    expect(noOrigin.status).toBe(403);
    cases++;
    expect(
      (await request(host.port, { path: '/rpc/tenants.list', method: 'POST', headers: rpcHeaders({ origin: `http://localhost:${host.port}` }), body: '{}' }))
        .status,
    ).toBe(200);
  });

  it('never serves a file outside the static folder, whatever the path spelling', async () => {
    const outside = [
      '/../secret.txt',
      '/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%252e%252e/secret.txt',
      '/%252e%252e%252fsecret.txt',
      '/..\\secret.txt',
      '/\\..\\secret.txt',
      '/..;/secret.txt',
      '/.%2e/secret.txt',
      '/%c0%ae%c0%ae/secret.txt',
      '/%e0%80%ae%e0%80%ae/secret.txt',
      '/..%00/secret.txt',
      '/secret.txt%00.js',
      '//etc/passwd',
      '/%2Fetc%2Fpasswd',
      '/etc/passwd',
      `/${path.join(root, 'secret.txt')}`,
      `/${encodeURIComponent(path.join(root, 'secret.txt'))}`,
      '/../renderer-evil.js',
      '/%2e%2e/renderer-evil.js',
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/./../secret.txt',
      '/....//secret.txt',
      '/..../secret.txt',
      '/%u002e%u002e/secret.txt',
      '/..%c0%afsecret.txt',
      '/%ZZ',
      '/file:///etc/passwd',
    ];
    for (const p of outside) {
      cases++;
      const raw = await rawExchange(host.port, `GET ${p} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`, {
        waitMs: 1500,
      });
      expect(raw, p).toMatch(/^HTTP\/1\.1 \d{3}/);
      expect(raw, p).not.toContain(SENTINEL);
      expect(raw, p).not.toMatch(/root:x?:0:0/);
    }
    // The folder's own files are served.
    cases++;
    expect((await request(host.port, { path: '/assets/app.js', headers: { cookie } })).body).toBe('console.log(1)');
  });

  it('compares the login secret in constant time; a wrong secret gets no cookie', async () => {
    // Each guess against a host of its own: one host rate-limits after a few failures (tested in host-server).
    const secret = 'Zq3v9YpL0sT7wE2rX8mN5bC1dF6gH4jK'; // 32 base64url characters: a strong BEHALF_HOST_SECRET
    const wrong = [
      secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A'),
      secret.toUpperCase() === secret ? secret.toLowerCase() : secret.toUpperCase(),
      '',
      'x',
      `${secret}x`,
      secret.slice(1),
      encodeURIComponent(secret) + '%00',
      `${secret} `,
      ' '.repeat(secret.length),
      '\u00e9'.repeat(secret.length / 2),
    ];
    for (const w of wrong) {
      cases++;
      const own = await startHost({ dispatch: createDispatch(createHandlers(s)), bus: s.bus, staticDir, secret });
      const before = compared.calls;
      const r = await request(own.port, { path: `/login?secret=${encodeURIComponent(w)}` });
      await own.close();
      expect(r.status, w).toBe(401);
      expect(r.headers['set-cookie'], w).toBeUndefined();
      // Same-length guesses go through timingSafeEqual (no early-exit string compare).
      if (Buffer.byteLength(w) === Buffer.byteLength(secret)) expect(compared.calls, w).toBe(before + 1);
    }
    cases++;
    const own = await startHost({ dispatch: createDispatch(createHandlers(s)), bus: s.bus, staticDir, secret });
    const r = await request(own.port, { path: `/login?secret=${secret}`, method: 'POST' });
    expect(r.headers['set-cookie']).toBeUndefined();
    await own.close();
  });

  it('sets the session cookie HttpOnly + SameSite=Strict, and a CSP (plus framing and sniffing guards) on HTML', async () => {
    cases++;
    const attrs = loginSetCookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=strict');
    expect(attrs).toContain('path=/');
    expect(attrs.some((a) => a.startsWith('domain='))).toBe(false);
    expect(cookie.split('=')[1]!.length).toBeGreaterThanOrEqual(40);
    for (const [p, headers] of [
      ['/', { cookie }],
      ['/', {}],
      ['/login?secret=wrong', {}],
      ['/no/such/route', { cookie }],
    ] as const) {
      cases++;
      const page = await request(host.port, { path: p, headers });
      const csp = String(page.headers['content-security-policy']);
      expect(csp, p).toMatch(/default-src 'self'/);
      expect(csp, p).toMatch(/script-src 'self'(;|$)/);
      expect(csp, p).not.toMatch(/unsafe-eval/);
      expect(csp, p).toMatch(/frame-ancestors 'none'/);
      expect(csp, p).toMatch(/object-src 'none'/);
      expect(page.headers['x-frame-options'], p).toBe('DENY');
      expect(page.headers['x-content-type-options'], p).toBe('nosniff');
      expect(page.headers['referrer-policy'], p).toBe('no-referrer');
    }
  });

  it('counts', () => expect(cases).toBeGreaterThan(150));
});
