import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { createServices, type ConfirmInMain } from '../../../src-main/app/services';
import { runCli } from '../../../src-main/cli/main';
import { startHost, type RunningHost } from '../../../src-main/host/host-server';
import { MemoryVault } from '../../../src-main/secrets/memory-vault';
import { checkSecretEndpoint } from '../../../src-main/postmark/endpoint';
import { startPostmarkSimulator, type PostmarkSimulator } from '../../support/postmark-sim';
import { request } from '../../hardening/http';
import { signIn } from '../../hardening/host-session';
import { tempDir } from '../../support/temp';

/**
 * Issue #23 item 2, run as the attack was: the Postmark API URL moved to a capturing server on another loopback
 * port, then a reconcile. No request carrying a token may reach the capturing server, whichever door tried.
 */
describe('hardening: the account token cannot be redirected', () => {
  let sim: PostmarkSimulator;
  let capture: http.Server;
  let captureUrl = '';
  const captured: http.IncomingHttpHeaders[] = [];
  let cases = 0;

  beforeAll(async () => {
    sim = await startPostmarkSimulator();
    capture = http.createServer((req, res) => {
      captured.push(req.headers);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"TotalCount":0,"Servers":[],"Domains":[],"SenderSignatures":[]}');
    });
    await new Promise<void>((r) => capture.listen(0, '127.0.0.1', r));
    captureUrl = `http://127.0.0.1:${(capture.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    console.log(`endpoint redirect: ${cases} cases`);
    await sim?.close();
    await new Promise((r) => capture?.close(r));
  });

  const tokensAtCapture = () => captured.filter((h) => h['x-postmark-account-token'] || h['x-postmark-server-token']).length;
  const services = (home: string, vault: MemoryVault, confirmInMain?: ConfirmInMain, env: Record<string, string> = {}) =>
    createServices({ home, door: confirmInMain ? 'electron' : 'browser-host', vault, version: 'test', env, confirmInMain });

  it('the browser host refuses both ways of moving the URL, and the next reconcile still goes to Postmark', async () => {
    const home = tempDir();
    const vault = new MemoryVault({});
    const s = services(home, vault);
    s.settings.writeProtected({ postmarkEndpoint: sim.url });
    s.vault.setAccountToken(sim.accountToken);
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    const host: RunningHost = await startHost({ dispatch: createDispatch(createHandlers(s)), bus: s.bus, staticDir: dir });
    const session = await signIn(host, host.loginUrl);
    const rpc = async (ch: string, body: unknown) =>
      JSON.parse((await request(host.port, { path: `/rpc/${ch}`, method: 'POST', headers: session.rpcHeaders(), body: JSON.stringify(body) })).body);

    for (const url of [captureUrl, `${captureUrl}/`, 'http://localhost:1', 'https://evil.example']) {
      cases++;
      expect(await rpc('settings.update', { postmarkEndpoint: url })).toMatchObject({ ok: false });
      cases++;
      expect(await rpc('settings.changeEndpoint', { url })).toMatchObject({
        ok: false,
        error: { code: expect.stringMatching(/settings\.(confirm-in-terminal|endpoint-insecure)/) },
      });
    }
    cases++;
    await s.postmark.reconcile();
    expect(s.postmarkEndpoint()).toBe(sim.url);
    expect(tokensAtCapture()).toBe(0);
    await host.close();
    s.close();
  });

  it('the Electron door changes it only after main confirms, and then no stored token is left to send', async () => {
    const home = tempDir();
    const vault = new MemoryVault({});
    let answer = false;
    const questions: string[] = [];
    const s = services(home, vault, async (q) => (questions.push(q.message), answer));
    s.settings.writeProtected({ postmarkEndpoint: sim.url });
    s.vault.setAccountToken(sim.accountToken);
    s.vault.setServerToken(11, 'server-token-11');
    const dispatch = createDispatch(createHandlers(s));

    cases++;
    expect(await dispatch('settings.changeEndpoint', { url: captureUrl })).toMatchObject({ ok: false, error: { code: 'settings.cancelled' } });
    expect(s.vault.getAccountToken()).toBe(sim.accountToken);
    cases++;
    answer = true;
    expect(await dispatch('settings.changeEndpoint', { url: captureUrl })).toMatchObject({
      ok: true,
      value: { changed: true, tokensCleared: true, endpoint: captureUrl },
    });
    expect(questions).toEqual([`Send Postmark requests to ${captureUrl}?`, `Send Postmark requests to ${captureUrl}?`]);
    expect(s.vault.hasAccountToken()).toBe(false);
    expect(s.vault.getServerToken(11)).toBeUndefined();
    cases++;
    await expect(s.postmark.reconcile()).rejects.toThrow(/token/i);
    expect(tokensAtCapture()).toBe(0);
    cases++;
    expect(await dispatch('settings.changeEndpoint', { url: 'http://192.0.2.10:8080' })).toMatchObject({
      ok: false,
      error: { code: 'settings.endpoint-insecure' },
    });
    s.close();
  });

  it('a URL changed by another process (the CLI) makes the stored tokens unusable, not redirected', async () => {
    const home = tempDir();
    const keychain = new MemoryVault({}); // stands for the desktop app's keychain, shared across its restarts
    const app = services(home, keychain);
    app.settings.writeProtected({ postmarkEndpoint: sim.url });
    app.vault.setAccountToken(sim.accountToken);
    await app.postmark.reconcile();
    app.close();

    cases++;
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    expect(await runCli(['settings', 'endpoint', captureUrl, '--home', home], io, {})).toBe(2); // asks for --yes
    expect(await runCli(['settings', 'endpoint', captureUrl, '--yes', '--home', home], io, {})).toBe(0);
    expect(out.join('\n')).toMatch(/stored tokens were removed/);

    cases++;
    const restarted = services(home, keychain);
    expect(restarted.postmarkEndpoint()).toBe(captureUrl);
    expect(restarted.vault.hasAccountToken()).toBe(false);
    await expect(restarted.postmark.reconcile()).rejects.toThrow(/token/i);
    expect(tokensAtCapture()).toBe(0);
    restarted.close();
  });

  it('plain http is refused except to this machine, and URLs may not carry credentials', () => {
    for (const ok of ['https://api.postmarkapp.com', 'http://127.0.0.1:8080', 'http://localhost:1/prefix', 'http://[::1]:9']) {
      cases++;
      expect(() => checkSecretEndpoint(ok), ok).not.toThrow();
    }
    for (const bad of [
      'http://api.postmarkapp.com',
      'http://10.0.0.1',
      'http://127.0.0.1.evil.example',
      'ftp://x',
      'https://u:p@api.postmarkapp.com',
      'https://api.postmarkapp.com/?t=1',
      'not a url',
    ]) {
      cases++;
      expect(() => checkSecretEndpoint(bad), bad).toThrow();
    }
  });
});
