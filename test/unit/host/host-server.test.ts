import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { startHost, type RunningHost } from '../../../src-main/host/host-server';
import { tempDir, tempServices } from '../../support/temp';
import { signIn } from '../../hardening/host-session';

/** Raw HTTP so we can send any Host/Origin header (fetch would not let us). */
function request(port: number, opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('browser host', () => {
  let host: RunningHost;
  afterEach(async () => host?.close());

  async function start(opts: Partial<Parameters<typeof startHost>[0]> = {}) {
    const s = tempServices();
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><p>console</p>');
    fs.writeFileSync(path.join(tempDir(), 'secret.txt'), 'do not serve');
    host = await startHost({ dispatch: createDispatch(createHandlers(s)), bus: s.bus, staticDir: dir, ...opts });
    const session = await signIn(host, host.loginUrl);
    return { s, ...session, origin: host.origin };
  }

  it('binds to loopback and swaps the secret for an HttpOnly SameSite=Strict cookie and a page token in the fragment', async () => {
    const { login, token } = await start();
    expect(login.status).toBe(302);
    expect(login.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    expect(login.headers.location).toMatch(/^\/#behalf-session=[A-Za-z0-9_-]{40,}$/);
    expect(token.length).toBeGreaterThan(40);
    expect(host.loginUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/login\?secret=/);
  });

  it('the sign-in link works once; a new one can be asked for and the old one dies', async () => {
    await start();
    const again = await request(host.port, { path: new URL(host.loginUrl).pathname + new URL(host.loginUrl).search });
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    const fresh = host.newLoginUrl();
    const unused = host.newLoginUrl(); // asking again retires the previous, unused link
    expect((await request(host.port, { path: new URL(fresh).pathname + new URL(fresh).search })).status).toBe(401);
    expect((await request(host.port, { path: new URL(unused).pathname + new URL(unused).search })).status).toBe(302);
  });

  it('the cookie alone does not reach RPC: the page token must come with it, for that same session', async () => {
    const a = await start();
    const other = await signIn(host, host.newLoginUrl());
    const call = (headers: Record<string, string>) => request(host.port, { path: '/rpc/tenants.count', method: 'POST', headers, body: '{}' });
    expect((await call(a.rpcHeaders())).status).toBe(200);
    expect((await call(a.rpcHeaders({ 'x-behalf-session': '' }))).status).toBe(401);
    const { 'x-behalf-session': _drop, ...cookieOnly } = a.rpcHeaders();
    expect((await call(cookieOnly)).status).toBe(401);
    // Another session's token with this session's cookie is refused: the two must belong together.
    expect((await call(a.rpcHeaders({ 'x-behalf-session': other.token }))).status).toBe(401);
  });

  it('refuses cross-site fetch metadata, and tossed cookies cannot sign anyone out', async () => {
    const a = await start();
    const call = (headers: Record<string, string>) => request(host.port, { path: '/rpc/tenants.count', method: 'POST', headers, body: '{}' });
    expect((await call(a.rpcHeaders({ 'sec-fetch-site': 'same-site' }))).status).toBe(403);
    expect((await call(a.rpcHeaders({ 'sec-fetch-site': 'cross-site' }))).status).toBe(403);
    expect((await call(a.rpcHeaders({ 'sec-fetch-site': 'same-origin' }))).status).toBe(200);
    // A page on another port set `behalf_session=junk; path=/rpc`: the browser sends it first. Still signed in.
    expect((await call(a.rpcHeaders({ cookie: `behalf_session=junk; ${a.cookie}` }))).status).toBe(200);
    expect((await request(host.port, { path: '/', headers: { cookie: `behalf_session=junk; ${a.cookie}` } })).status).toBe(200);
  });

  it('signs out on request and after the idle time, and rate-limits failed sign-ins', async () => {
    let idleMs = 60_000;
    const a = await start({ idleMs: () => idleMs });
    const call = (headers: Record<string, string>) => request(host.port, { path: '/rpc/tenants.count', method: 'POST', headers, body: '{}' });
    const out = await request(host.port, { path: '/session/sign-out', method: 'POST', headers: a.rpcHeaders(), body: '{}' });
    expect(out.status).toBe(200);
    expect(out.headers['set-cookie']?.[0]).toMatch(/Max-Age=0/);
    expect((await call(a.rpcHeaders())).status).toBe(401);
    expect((await request(host.port, { path: '/', headers: { cookie: a.cookie } })).status).toBe(401);

    const b = await signIn(host, host.newLoginUrl());
    expect((await call(b.rpcHeaders())).status).toBe(200);
    idleMs = 0; // the setting changed to "no idle time at all": the next request finds the session expired
    await new Promise((r) => setTimeout(r, 5));
    expect((await call(b.rpcHeaders())).status).toBe(401);

    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await request(host.port, { path: '/login?secret=guess' + i })).status);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429]);
    // While limited, even the right secret waits: guessing cannot continue at full speed.
    const good = host.newLoginUrl();
    const limited = await request(host.port, { path: new URL(good).pathname + new URL(good).search });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses a BEHALF_HOST_SECRET under 128 bits', async () => {
    const s = tempServices();
    for (const weak of ['1', 'password', 'a'.repeat(21), '0123456789abcdef0123456789abcde']) {
      await expect(startHost({ dispatch: createDispatch(createHandlers(s)), bus: s.bus, staticDir: tempDir(), secret: weak })).rejects.toThrow(
        /at least 128 bits/,
      );
    }
    host = await startHost({ dispatch: createDispatch(createHandlers(s)), bus: s.bus, staticDir: tempDir(), secret: '0123456789abcdef0123456789abcdef' });
    expect(host.loginUrl).toMatch(/secret=0123456789abcdef0123456789abcdef$/);
  });

  it('refuses a wrong secret and every page or RPC without the session', async () => {
    await start();
    expect((await request(host.port, { path: '/login?secret=wrong' })).status).toBe(401);
    expect((await request(host.port, { path: '/' })).status).toBe(401);
    const rpc = await request(host.port, {
      path: '/rpc/tenants.list',
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: host.origin },
      body: '{}',
    });
    expect(rpc.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) even with a session', async () => {
    const { cookie } = await start();
    const r = await request(host.port, { path: '/', headers: { host: `evil.example:${host.port}`, cookie } });
    expect(r.status).toBe(421);
  });

  it('refuses RPC with a foreign or missing Origin', async () => {
    const { rpcHeaders } = await start();
    const post = (headers: Record<string, string>) =>
      request(host.port, { path: '/rpc/tenants.create', method: 'POST', headers, body: JSON.stringify({ name: 'X', domain: 'x.com' }) });
    expect((await post(rpcHeaders({ origin: 'http://evil.example' }))).status).toBe(403);
    const { origin: _o, ...noOrigin } = rpcHeaders();
    expect((await post(noOrigin)).status).toBe(403);
    expect((await post(rpcHeaders())).status).toBe(200);
  });

  it('carries the contract: envelope replies with the error shape', async () => {
    const { rpcHeaders, s } = await start();
    const call = (ch: string, body: unknown) => request(host.port, { path: `/rpc/${ch}`, method: 'POST', headers: rpcHeaders(), body: JSON.stringify(body) });
    const ok = JSON.parse((await call('tenants.create', { name: 'Acme', domain: 'acme.com' })).body);
    expect(ok).toMatchObject({ ok: true, value: { domain: 'acme.com' } });
    expect(s.tenants.count()).toBe(1);
    const bad = JSON.parse((await call('tenants.create', { name: 'Acme', domain: '' })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    const notJson = await request(host.port, { path: '/rpc/tenants.list', method: 'POST', headers: rpcHeaders(), body: '{oops' });
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'host.bad-json' } });
  });

  it('sends a strict CSP and never serves files outside the renderer folder', async () => {
    const { cookie } = await start();
    const page = await request(host.port, { path: '/', headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'.*script-src 'self'.*frame-ancestors 'none'/);
    for (const p of ['/../secret.txt', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/a/%00.js', '/..\\..\\x.js']) {
      const r = await request(host.port, { path: p, headers: { cookie } });
      expect(r.body).not.toContain('root:');
      expect(r.body).not.toContain('do not serve');
    }
  });

  it('pushes events over the WebSocket only to signed-in same-origin pages', async () => {
    const { cookie, protocols, s } = await start();
    const url = `ws://127.0.0.1:${host.port}/events`;
    const refused = new WebSocket(url, protocols, { headers: { origin: host.origin } });
    await expect(new Promise((res, rej) => (refused.on('open', res), refused.on('error', rej)))).rejects.toThrow(/403/);
    const foreign = new WebSocket(url, protocols, { headers: { origin: 'http://evil.example', cookie } });
    await expect(new Promise((res, rej) => (foreign.on('open', res), foreign.on('error', rej)))).rejects.toThrow(/403/);
    const cookieOnly = new WebSocket(url, { headers: { origin: host.origin, cookie } });
    await expect(new Promise((res, rej) => (cookieOnly.on('open', res), cookieOnly.on('error', rej)))).rejects.toThrow(/403/);
    const ws = new WebSocket(url, protocols, { headers: { origin: host.origin, cookie } });
    await new Promise((res) => ws.on('open', res));
    const got = new Promise<string>((res) => ws.on('message', (d) => res(String(d))));
    s.tenants.create({ name: 'Pushed', domain: 'pushed.com' });
    expect(JSON.parse(await got)).toMatchObject({ event: 'tenants.changed', payload: { reason: 'created' } });
    ws.close();
  });
});
