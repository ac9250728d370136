import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostmarkGateway, PostmarkGatewayError } from '../../../src-main/postmark';
import { createClientFetch } from '../../../src-main/postmark/client-fetch';

/**
 * The official client's transport (client-fetch.ts) against Node's own fetch, on a real HTTP server: what the client
 * reads (status, text) and how each failure rejects must be the same, or error-map.ts would read them differently.
 */
const ours = createClientFetch(request);

interface Seen {
  method: string;
  url: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}

let server: http.Server;
let base = '';
const seen: Seen[] = [];
let capture: http.Server;
let captureUrl = '';
let captured = 0;

function listen(s: http.Server): Promise<string> {
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  capture = http.createServer((req, res) => {
    captured++;
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"TotalCount":0,"Servers":[]}');
  });
  captureUrl = await listen(capture);
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body, headers: req.headers });
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (path === '/ok') res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ID":7,"Name":"Tenant ☃"}');
      else if (path === '/refused') res.writeHead(422, { 'Content-Type': 'application/json' }).end('{"ErrorCode":300,"Message":"Invalid email request"}');
      else if (path === '/html') res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Sign in</title>');
      else if (path === '/empty') res.writeHead(200).end();
      else if (path === '/down') res.writeHead(503, { 'Content-Type': 'text/plain' }).end('Service Unavailable');
      else if (path === '/slow') setTimeout(() => res.writeHead(200).end('{}'), 500);
      else if (path === '/cut') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
        res.write('{"ID":');
        setTimeout(() => res.destroy(), 20);
      } else if (path.startsWith('/moved')) res.writeHead(302, { Location: `${captureUrl}/servers` }).end();
      else res.writeHead(404).end();
    });
  });
  base = await listen(server);
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await new Promise((r) => capture.close(r));
});

const headers = {
  Accept: 'application/json',
  'Content-Type': 'application/json',
  'X-Postmark-Account-Token': 'account-token',
  'User-Agent': 'Postmark.JS - 5.1.0',
};

async function answer(f: typeof fetch, path: string, init: RequestInit): Promise<{ status: number; text: string; seen: Seen }> {
  const before = seen.length;
  const res = await f(`${base}${path}`, init);
  const text = await res.text();
  return { status: res.status, text, seen: seen[before]! };
}

async function rejection(run: () => Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await run();
  } catch (err) {
    return { name: (err as Error).name, message: (err as Error).message };
  }
  throw new Error('expected a rejection');
}

describe('the official client transport', () => {
  it.each([
    ['GET', '/ok?count=500&offset=0', undefined],
    ['POST', '/ok', JSON.stringify({ Name: 'Tenant ☃', Color: 'Blue' })],
    ['PUT', '/refused', JSON.stringify({ Name: 'x' })],
    ['DELETE', '/ok', undefined],
    ['GET', '/html', undefined],
    ['GET', '/empty', undefined],
    ['GET', '/down', undefined],
  ])('%s %s: the same status, text and request as Node fetch', async (method, path, body) => {
    const init = { method, headers, body };
    const viaFetch = await answer(fetch, path, init);
    const viaOurs = await answer(ours, path, init);
    expect([viaOurs.status, viaOurs.text]).toEqual([viaFetch.status, viaFetch.text]);
    expect(viaOurs.seen.method).toBe(method);
    expect(viaOurs.seen.url).toBe(viaFetch.seen.url);
    expect(viaOurs.seen.body).toBe(viaFetch.seen.body);
    for (const h of ['accept', 'content-type', 'x-postmark-account-token', 'user-agent', 'content-length'])
      expect(viaOurs.seen.headers[h], h).toBe(viaFetch.seen.headers[h]);
  });

  it('rejects like fetch when nothing listens, when the time runs out, and when the body is cut', async () => {
    const closed = http.createServer();
    const gone = await listen(closed);
    await new Promise((r) => closed.close(r));
    const refused = (f: typeof fetch) => rejection(() => f(`${gone}/ok`, { headers }));
    expect(await refused(ours)).toEqual(await refused(fetch));
    expect(await refused(ours)).toEqual({ name: 'TypeError', message: 'fetch failed' });

    const slow = (f: typeof fetch) => rejection(() => f(`${base}/slow`, { headers, signal: AbortSignal.timeout(50) }));
    expect(await slow(ours)).toEqual(await slow(fetch));
    expect((await slow(ours)).name).toBe('TimeoutError');

    const cut = (f: typeof fetch) => rejection(async () => (await f(`${base}/cut`, { headers })).text());
    expect(await cut(ours)).toEqual(await cut(fetch));
    expect(await cut(ours)).toEqual({ name: 'TypeError', message: 'terminated' });
  });

  it('never follows a redirect: the token stays here and the call fails as not Postmark', async () => {
    const res = await ours(`${base}/moved`, { headers });
    expect(res.status).toBe(302);
    await res.text();

    const gw = createPostmarkGateway({ accountToken: 'account-token', endpoint: `${base}/moved`, retry: { attempts: 1, baseMs: 1, maxMs: 1 } });
    const err = await gw.listAllServers().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostmarkGatewayError);
    expect((err as PostmarkGatewayError).code).toBe('postmark.endpoint');
    expect(captured).toBe(0);
  });
});
