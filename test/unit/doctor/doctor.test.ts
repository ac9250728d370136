import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import type { DoctorReport } from '../../../src-preload/api/doctor';
import { startNsd, type NsdServer } from '../../support/nsd';
import { zone } from '../../support/nsd/zoneFixtures';
import { startPostmarkSimulator, type PostmarkSimulator } from '../../support/postmark-sim';
import { tempDir, tempServices } from '../../support/temp';

/** `behalf doctor` against the simulator, a proxy answering HTML 404s, and an endpoint nobody listens on. */
let sim: PostmarkSimulator;
let nsd: NsdServer;
let proxy: http.Server;
let proxyUrl: string;
let deadUrl: string;

beforeAll(async () => {
  sim = await startPostmarkSimulator();
  nsd = await startNsd({ zones: { 'postmarkapp.com': zone('postmarkapp.com', 'api IN A 127.0.0.1') } });
  proxy = http.createServer((_req, res) => {
    res.writeHead(404, { 'Content-Type': 'text/html' });
    res.end('<html><body><h1>404 Not Found</h1><p>nginx</p></body></html>');
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const dead = http.createServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
  deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}`;
  await new Promise<void>((r) => dead.close(() => r()));
});
afterAll(async () => {
  await sim?.close();
  await nsd?.stop();
  await new Promise<void>((r) => proxy.close(() => r()));
});

const env = (url: string, token = sim.accountToken) => ({
  BEHALF_POSTMARK_URL: url,
  POSTMARK_ACCOUNT_TOKEN: token,
  BEHALF_DNS_SERVERS: `127.0.0.1:${nsd.port}`,
});
const verdicts = (r: DoctorReport) => Object.fromEntries(r.lines.map((l) => [l.check, l.verdict]));

async function doctorCli(e: Record<string, string>, args: string[] = []) {
  const out: string[] = [];
  const code = await runCli(['doctor', ...args, '--home', tempDir()], { out: (t) => out.push(t), err: (t) => out.push(t) }, e);
  return { code, out: out.join('\n') };
}

describe('behalf doctor', () => {
  it('passes against the simulator: endpoint, account and server tokens, ledger, DNS, disk', async () => {
    const s = tempServices({ env: env(sim.url) });
    try {
      const account = await s.postmark.reconcile(); // nothing yet; then provision one server to check its token
      expect(account.matched).toEqual([]);
      const report = await s.doctor.run();
      expect(verdicts(report)).toMatchObject({
        'postmark.endpoint': 'ok',
        'postmark.account-token': 'ok',
        'postmark.approval': 'ok',
        'dmarc.token': 'ok',
        'dns.resolver': 'ok',
        'ledger.integrity': 'ok',
        'ledger.schema': 'ok',
        'ledger.wal': 'ok',
        'disk.free': expect.stringMatching(/ok|warn/),
      });
      expect(report.ok).toBe(true);
      expect(JSON.stringify(report)).not.toContain(sim.accountToken);
    } finally {
      s.close();
    }
  });

  it('checks each stored server token and says when a send met ErrorCode 412 (account pending approval)', async () => {
    const home = tempDir();
    const e = env(sim.url);
    const cli = (args: string[]) => runCli([...args, '--home', home], { out: () => undefined, err: () => undefined }, e);
    await cli(['tenants', 'add', '--name', 'Doc', '--domain', 'doc.example', '--option', '2', '--from', 'hi@doc.example', '--from-name', 'Doc']);
    await cli(['provision', '--tenant', 'Doc', '--run']);
    sim.confirmSender(sim.state.senders.find((x) => x.EmailAddress === 'hi@doc.example')!.ID);
    sim.state.accountApproved = false;
    try {
      await cli(['send', '--tenant', 'Doc', '--seed', 'seed@gmail.test']);
    } finally {
      sim.state.accountApproved = true;
    }
    const s = tempServices({ home, env: e });
    try {
      // This process's vault has no server token yet (the CLI's vault lived in memory): said, not failed.
      const before = (await s.doctor.run()).lines.find((l) => l.check.startsWith('postmark.server-token.'))!;
      expect(before).toMatchObject({ verdict: 'warn', detail: 'Not stored on this machine.' });
      await s.postmark.reconcile(); // reads the server token into the vault
      const report = await s.doctor.run();
      const server = report.lines.find((l) => l.check.startsWith('postmark.server-token.'))!;
      expect(server).toMatchObject({ verdict: 'ok', label: expect.stringMatching(/doc/i) });
      const approval = report.lines.find((l) => l.check === 'postmark.approval')!;
      expect(approval).toMatchObject({ verdict: 'warn', detail: expect.stringMatching(/412[\s\S]*own domains/) });
      expect(JSON.stringify(report)).not.toContain(sim.serverToken(sim.state.servers.find((x) => /doc/i.test(x.Name))!.ID));
    } finally {
      s.close();
    }
  });

  it('fails the endpoint line behind a proxy answering HTML 404s, with the URL/proxy fix, and exits 1', async () => {
    const { code, out } = await doctorCli(env(proxyUrl));
    expect(code).toBe(1);
    expect(out).toMatch(/FAIL\s+Postmark API URL: .*HTTP 404 with text\/html: that is not Postmark/);
    expect(out).toMatch(/fix: Postmark did not answer this: check the API URL/);
  });

  it('fails the endpoint line when nothing answers, and reports as JSON with --json', async () => {
    const { code, out } = await doctorCli(env(deadUrl), ['--json']);
    expect(code).toBe(1);
    const report = JSON.parse(out) as DoctorReport;
    expect(report.ok).toBe(false);
    expect(report.lines.find((l) => l.check === 'postmark.endpoint')).toMatchObject({ verdict: 'fail', detail: expect.stringMatching(/could not be reached/) });
    expect(verdicts(report)['ledger.integrity']).toBe('ok');
  });

  it('exits 0 against the simulator from the CLI', async () => {
    const { code, out } = await doctorCli(env(sim.url));
    expect(out).toMatch(/All checks passed/);
    expect(code).toBe(0);
  });

  it('fails the account token line on a wrong token, without echoing it', async () => {
    const { code, out } = await doctorCli(env(sim.url, 'wrong-token-123456'));
    expect(code).toBe(1);
    expect(out).toMatch(/FAIL\s+Postmark account token/);
    expect(out).not.toContain('wrong-token-123456');
  });
});
