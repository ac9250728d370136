import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { startHost, type RunningHost } from '../../../src-main/host/host-server';
import { tempDir, tempServices } from '../../support/temp';

/** Raw HTTP so we can send any Host/Origin header (fetch would not let us). */
function request(port: number, opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('browser host', () => {
  let host: RunningHost;
  afterEach(async () => host?.close());

  async function start() {
    const s = tempServices();
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><p>console</p>');
    fs.writeFileSync(path.join(tempDir(), 'secret.txt'), 'do not serve');
    host = await startHost({ dispatch: createDispatch(createHandlers(s)), bus: s.bus, staticDir: dir });
    const login = await request(host.port, { path: new URL(host.loginUrl).pathname + new URL(host.loginUrl).search });
    const cookie = String(login.headers['set-cookie']?.[0]).split(';')[0]!;
    return { s, login, cookie, origin: host.origin };
  }

  it('binds to loopback and swaps the secret for an HttpOnly SameSite=Strict cookie', async () => {
    const { login } = await start();
    expect(login.status).toBe(302);
    expect(login.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    expect(host.loginUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/login\?secret=/);
  });

  it('refuses a wrong secret and every page or RPC without the session', async () => {
    await start();
    expect((await request(host.port, { path: '/login?secret=wrong' })).status).toBe(401);
    expect((await request(host.port, { path: '/' })).status).toBe(401);
    const rpc = await request(host.port, { path: '/rpc/tenants.list', method: 'POST', headers: { 'content-type': 'application/json', origin: host.origin }, body: '{}' });
    expect(rpc.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) even with a session', async () => {
    const { cookie } = await start();
    const r = await request(host.port, { path: '/', headers: { host: `evil.example:${host.port}`, cookie } });
    expect(r.status).toBe(421);
  });

  it('refuses RPC with a foreign or missing Origin', async () => {
    const { cookie } = await start();
    const post = (headers: Record<string, string>) => request(host.port, { path: '/rpc/tenants.create', method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body: JSON.stringify({ name: 'X', domain: 'x.com' }) });
    expect((await post({ origin: 'http://evil.example' })).status).toBe(403);
    expect((await post({})).status).toBe(403);
    expect((await post({ origin: host.origin })).status).toBe(200);
  });

  it('carries the contract: envelope replies with the error shape', async () => {
    const { cookie, s } = await start();
    const call = (ch: string, body: unknown) => request(host.port, { path: `/rpc/${ch}`, method: 'POST', headers: { 'content-type': 'application/json', cookie, origin: host.origin }, body: JSON.stringify(body) });
    const ok = JSON.parse((await call('tenants.create', { name: 'Acme', domain: 'acme.com' })).body);
    expect(ok).toMatchObject({ ok: true, value: { domain: 'acme.com' } });
    expect(s.tenants.count()).toBe(1);
    const bad = JSON.parse((await call('tenants.create', { name: 'Acme', domain: '' })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    const notJson = await request(host.port, { path: '/rpc/tenants.list', method: 'POST', headers: { 'content-type': 'application/json', cookie, origin: host.origin }, body: '{oops' });
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
    const { cookie, s } = await start();
    const url = `ws://127.0.0.1:${host.port}/events`;
    const refused = new WebSocket(url, { headers: { origin: host.origin } });
    await expect(new Promise((res, rej) => (refused.on('open', res), refused.on('error', rej)))).rejects.toThrow(/403/);
    const foreign = new WebSocket(url, { headers: { origin: 'http://evil.example', cookie } });
    await expect(new Promise((res, rej) => (foreign.on('open', res), foreign.on('error', rej)))).rejects.toThrow(/403/);
    const ws = new WebSocket(url, { headers: { origin: host.origin, cookie } });
    await new Promise((res) => ws.on('open', res));
    const got = new Promise<string>((res) => ws.on('message', (d) => res(String(d))));
    s.tenants.create({ name: 'Pushed', domain: 'pushed.com' });
    expect(JSON.parse(await got)).toMatchObject({ event: 'tenants.changed', payload: { reason: 'created' } });
    ws.close();
  });
});
