import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { channels } from '../../../src-preload/api/contract';
import { createFakeResolver, startPostmarkSimulator, type PostmarkSimulator } from '../../support/postmark-sim';
import { signIn } from '../../hardening/host-session';
import { tempDir } from '../../support/temp';
import { ensureBuilt, startCli, waitUntil, type Child } from './child';
import { CanaryScanner, filesUnder, tokenLikeNearHeaders } from './scan';

/**
 * Issue #10 item 4: a canary account token (the simulator accepts it) and the server tokens Postmark hands out
 * (every server's ApiTokens) must not appear in: any reply of any contract method (called over the browser
 * host's /rpc, i.e. through dispatch), any WebSocket event, anything the host process or the CLI prints,
 * exported sheets (md/html/csv/zone/pdf, PDF streams inflated), error messages after a 401 (with a wrong
 * canary token too), the ledger SQLite file and its WAL, and the built renderer bundle.
 */
const ACCOUNT = `canary-acct-${randomBytes(12).toString('hex')}`;
const WRONG = `canary-wrong-${randomBytes(12).toString('hex')}`;
/** The team database password typed into Settings → Team (issue #19): it goes into main and never comes back. */
const TEAM_PW = `canary-teampw-${randomBytes(12).toString('hex')}`;
const FORMATS = ['md', 'html', 'csv', 'zone', 'pdf'] as const;

let sim: PostmarkSimulator;
let host: Child | undefined;
const serverTokens = () => sim.state.servers.flatMap((s) => s.ApiTokens);
const scanner = new CanaryScanner(() => [ACCOUNT, WRONG, TEAM_PW, ...serverTokens()]);
const home = tempDir('behalf-canary-');
const env = () => ({ POSTMARK_ACCOUNT_TOKEN: ACCOUNT, BEHALF_POSTMARK_URL: sim.url, BEHALF_DNS_SERVERS: '127.0.0.1:9' });

beforeAll(async () => {
  ensureBuilt();
  sim = await startPostmarkSimulator({ accountToken: ACCOUNT, resolver: createFakeResolver() });
}, 600_000);
afterAll(async () => {
  if (host && !host.exited()) await host.kill9();
  await sim?.close();
});

interface Reply {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

function request(port: number, opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('hardening: tokens never leave main', () => {
  it('no canary in replies, events, output, exports, 401 errors, the ledger or the renderer bundle', async () => {
    host = startCli(['serve', '--json', '--home', home], env());
    await waitUntil(() => host!.stdout().includes('\n') || host!.exited(), 'the host to print its URL');
    const { url } = JSON.parse(host.stdout().split('\n')[0]!) as { url: string };
    const port = Number(new URL(url).port);
    const origin = new URL(url).origin;
    const { login, cookie, token, protocols } = await signIn({ port, origin }, url);
    scanner.scan('GET /login', JSON.stringify(login.headers) + login.body.toString());
    const page = await request(port, { path: '/', headers: { cookie } });
    scanner.scan('GET /', page.body);

    const events: string[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${port}/events`, protocols, { headers: { origin, cookie } });
    ws.on('message', (data) => events.push(String(data)));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });

    const called = new Map<string, number>();
    const replies = { ok: 0, error: 0 };
    const errorCodes: string[] = [];
    async function call<T = unknown>(channel: string, input: unknown = {}): Promise<Reply & { value?: T }> {
      const r = await request(port, {
        path: `/rpc/${channel}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, origin, 'x-behalf-session': token },
        body: JSON.stringify(input),
      });
      scanner.scan(`rpc ${channel}`, JSON.stringify(r.headers) + r.body.toString('latin1'));
      called.set(channel, (called.get(channel) ?? 0) + 1);
      const reply = JSON.parse(r.body.toString()) as Reply & { value?: T };
      replies[reply.ok ? 'ok' : 'error'] += 1;
      if (!reply.ok) errorCodes.push(`${channel}=${reply.error?.code}`);
      return reply;
    }
    const settle = async () => {
      await waitUntil(() => sim.state.requests.length > 0, 'Postmark traffic', 20_000);
      for (let i = 0; i < 200; i += 1) {
        const st = await call<{ queued: number; runner: string }>('postmark.status');
        if (st.value?.queued === 0 && st.value.runner !== 'running') return;
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    // Tenants for each option, provisioned through the host (Postmark hands out server tokens here).
    const ids: string[] = [];
    for (const [i, option] of [1, 2, 3, 1].entries()) {
      const t = await call<{ id: string }>('tenants.create', {
        name: `Canary ${i}`,
        domain: `canary${i}.example.test`,
        option,
        fromAddress: `hello@canary${i}.example.test`,
        fromName: `Canary ${i}`,
      });
      expect(t.ok).toBe(true);
      ids.push(t.value!.id);
    }
    for (const id of ids.slice(0, 3)) expect((await call('postmark.provision', { id })).ok).toBe(true);
    await settle();
    expect(sim.state.servers.length).toBe(3);
    expect(serverTokens().length).toBeGreaterThanOrEqual(3);
    const [t1, t2, t3, t4] = ids as [string, string, string, string];

    // A 401: a wrong (canary) account token set through Settings, then provisioning the fourth tenant.
    expect((await call('settings.setToken', { token: WRONG })).ok).toBe(true);
    await call('postmark.provision', { id: t4 });
    const blocked = await call<{ blockedBy: { message: string } | null }>('postmark.status');
    expect(blocked.value?.blockedBy?.message ?? '').toMatch(/token|401|authori/i);
    await call('postmark.state', { id: t4 });
    await call('postmark.jobs', {});
    expect((await call('settings.setToken', { token: ACCOUNT })).ok).toBe(true);
    await call('postmark.verify', { id: t4 });
    await settle();

    // Every other channel with plausible input (reads first, destructive ones last).
    const seed = await call<{ id: number }>('sends.seedsAdd', { address: 'seed@inbox.example.test', provider: 'Gmail' });
    const jobs = await call<{ jobs: { id: number }[] }>('postmark.jobs', {});
    // Sheets leave Behalf only once the vendor is named (guard rail): name it first, so the exports really run.
    expect((await call('settings.update', { vendorName: 'Canary Vendor', vendorDomain: 'vendor.example.test' })).ok).toBe(true);
    const exportAll = await call<{ taskId: string }>('sheets.exportAll', { format: 'md' });
    const bulk = await call<{ taskId: string }>('dns.bulkStart', {});
    const dmarcFile = Buffer.from(
      '<?xml version="1.0"?><feedback><report_metadata><org_name>x</org_name><email>a@x.test</email><report_id>r1</report_id><date_range><begin>1740787200</begin><end>1740873599</end></date_range></report_metadata><policy_published><domain>canary0.example.test</domain><p>none</p></policy_published></feedback>',
    ).toString('base64');
    const dmarcTask = await call<{ taskId: string }>('dmarc.importFiles', { files: [{ name: 'r.xml', base64: dmarcFile }] });
    // A test send goes out with the tenant's own server token (option 3: from the vendor's domain).
    expect((await call('settings.update', { vendorDomain: 'vendor.example.test' })).ok).toBe(true);
    const send = await call<{ id: number }>('sends.send', { tenantId: t3, seeds: [] });
    expect(
      sim.state.requests.some((r) => r.method === 'POST' && r.path.startsWith('/email')),
      'a send reached Postmark with a server token',
    ).toBe(true);
    const reconcile = await call<{ taskId: string }>('postmark.reconcile', {});
    // Publishing to a team database nobody listens on: the task fails (team.unreachable); the password typed in the
    // form and the one in the string must not appear in its events, its result or anything else scanned here.
    const teamConnect = {
      url: `postgres://behalf:${TEAM_PW}@127.0.0.1:9/team?sslmode=disable`,
      password: TEAM_PW,
      name: 'Canary Operator',
      email: 'operator@vendor.example.test',
    };
    const publish = await call<{ taskId: string }>('team.publish', teamConnect);
    expect(publish.ok, JSON.stringify(publish.error)).toBe(true);
    const inputs: Record<string, unknown> = {
      'tenants.list': {},
      'tenants.get': { id: t1 },
      'tenants.update': { id: t1, patch: { notes: 'canary test' } },
      'tenants.audit': { id: t1 },
      'tenants.importCsv': { csv: 'name,domain\nCsv Co,csv.example.test\n', dryRun: true },
      'tasks.cancel': { taskId: bulk.value?.taskId ?? 'none' },
      'options.compare': { id: t1 },
      'options.choose': { id: t4, option: 1 },
      'options.planSwitch': { id: t2, to: 1 },
      'options.lintDisplayName': { id: t3, name: 'Canary via Vendor' },
      'options.deferredRemovals': { id: t2 },
      'dns.checkTenant': { id: t1 },
      'dns.checkDomain': { domain: 'canary0.example.test', option: 1 },
      'dns.latest': { id: t1 },
      'dns.history': { id: t1 },
      'dns.bulkSummary': { taskId: bulk.value?.taskId ?? 'none' },
      'sheets.preview': { id: t1 },
      'sheets.export': { id: t1, format: 'md' },
      'sheets.exportResult': { taskId: exportAll.value?.taskId ?? 'none' },
      'sheets.send': { id: t1, to: 'teammate@vendor.example.test' },
      'sheets.saveAs': { downloadId: 'nope' },
      'dmarc.buildRecord': { domain: 'canary0.example.test', input: { p: 'none', rua: ['mailto:dmarc@canary0.example.test'] } },
      'dmarc.plan': { domain: 'canary0.example.test', start: '2026-03-01' },
      'dmarc.importResult': { taskId: dmarcTask.value?.taskId ?? 'none' },
      'dmarc.sources': { domain: 'canary0.example.test' },
      'dmarc.readiness': { domain: 'canary0.example.test' },
      'dmarc.charts': { domain: 'canary0.example.test' },
      'postmark.state': { id: t1 },
      'postmark.verify': { id: t1 },
      'postmark.rotateDkim': { id: t1 },
      'postmark.resendConfirmation': { id: t2 },
      'dkim.rotate': { tenantIds: [t1] },
      'dkim.progress': {},
      'postmark.confirmationMessage': { id: t2 },
      'postmark.jobs': {},
      'postmark.retryJob': { jobId: jobs.value?.jobs[0]?.id ?? 1 },
      'postmark.cancelJob': { jobId: jobs.value?.jobs[0]?.id ?? 1 },
      'postmark.reconcileResult': { taskId: reconcile.value?.taskId ?? 'none' },
      'postmark.link': { kind: 'server', postmarkId: sim.state.servers[0]!.ID, tenantId: t1 },
      'sends.seedsUpdate': { id: seed.value?.id ?? 1, patch: { provider: 'Gmail 2' } },
      'sends.seedsImport': { csv: 'address,provider\nseed2@inbox.example.test,Outlook\n', dryRun: true },
      'sends.compose': { tenantId: t3 },
      'sends.preview': { tenantId: t3, subject: 'Hello {{tenant}}', body: 'Body' },
      'sends.history': { tenantId: t3 },
      'sends.refreshEvents': { tenantId: t3 },
      'sends.retryQueued': {},
      'sends.cancel': { sendId: send.value?.id ?? 1 },
      'sends.mark': { sendId: send.value?.id ?? 1, seed: 'seed@inbox.example.test', placement: 'spam' },
      'sends.seedMailboxGet': { id: seed.value?.id ?? 1 },
      'sends.seedMailboxSave': { id: seed.value?.id ?? 1, host: '127.0.0.1', port: 9, tls: false, user: 'seed', authservId: 'mx.inbox.example.test' },
      'settings.update': { returnPathLabel: 'pm-bounces' },
      'health.refresh': {},
      'health.tenant': { id: t1 },
      'rules.tenant': { id: t1 },
      'rules.setBulkMail': { id: t1, bulkMail: 'broadcast' },
      'alerts.acknowledge': { id: 1 },
      'alerts.snooze': { id: 1, hours: 1 },
      'team.setOperator': { name: 'Canary Operator', email: 'operator@vendor.example.test' },
      'team.resolve': { id: 1, resolution: 'keep-theirs' },
      'team.join': teamConnect,
      'team.connectResult': { taskId: publish.value?.taskId ?? 'none' },
    };
    const LAST = ['sends.seedsRemove', 'postmark.deprovision', 'settings.clearToken'];
    for (const channel of channels) {
      if (LAST.includes(channel) || (called.has(channel) && !(channel in inputs))) continue;
      await call(channel, inputs[channel] ?? {});
    }
    await settle();

    // Sheets through the host's one-time downloads, every format.
    for (const format of FORMATS) {
      const dl = await call<{ downloadId: string }>('sheets.export', { id: t1, format });
      expect(dl.ok, `sheets.export ${format}: ${JSON.stringify(dl.error)}`).toBe(true);
      const file = await request(port, { path: `/download/${dl.value!.downloadId}`, headers: { cookie } });
      expect(file.status).toBe(200);
      if (format === 'pdf') scanner.scanPdf(`download ${format}`, file.body);
      else scanner.scan(`download ${format}`, file.body);
    }

    // The ledger and its WAL while the host still runs (the WAL holds the newest pages).
    scanner.scanFile('ledger (host running)', path.join(home, 'ledger.sqlite'));
    scanner.scanFile('ledger WAL (host running)', path.join(home, 'ledger.sqlite-wal'));

    await call('sends.seedsRemove', { id: seed.value?.id ?? 1 });
    await call('postmark.deprovision', { id: t3, confirmName: 'Canary 2' });
    await settle();
    await call('settings.clearToken', {});
    for (const channel of channels) expect(called.has(channel), `channel ${channel} was called`).toBe(true);
    ws.close();
    // The snapshot the host takes soon after start (START_SNAPSHOT_AFTER_MS) is in the data directory scanned below.
    const backups = path.join(home, 'backups');
    const snapshots = () => (fs.existsSync(backups) ? fs.readdirSync(backups).filter((f) => /^behalf-.*\.sqlite$/.test(f)).length : 0);
    await expect.poll(snapshots, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    host.proc.kill('SIGTERM');
    await host.done();
    scanner.scan('host stdout', host.stdout());
    scanner.scan('host stderr', host.stderr());
    for (const [i, e] of events.entries()) scanner.scan(`ws event ${i}`, e);

    // The CLI: provision/sync/outbox/check/sheets, with the right token and with a wrong one (401).
    const cliRuns: [string[], Record<string, string>][] = [
      [['provision', '--tenant', 'Canary 3', '--run'], env()],
      [['sync'], env()],
      [['sync', '--json'], { ...env(), POSTMARK_ACCOUNT_TOKEN: WRONG }],
      [['provision', '--tenant', 'Canary 3', '--run', '--json'], { ...env(), POSTMARK_ACCOUNT_TOKEN: WRONG }],
      [['outbox', '--all'], env()],
      [['tenants', 'list', '--json'], env()],
      [['send', '--tenant', 'Canary 2'], env()],
      // Issue #20: a snapshot and both export formats land in the data directory, scanned below.
      [['backup'], env()],
      [['export', '--out', path.join(home, 'export-json')], env()],
      [['export', '--out', path.join(home, 'export-csv'), '--format', 'csv'], env()],
    ];
    const sheetDir = tempDir('behalf-canary-sheets-');
    for (const format of FORMATS) cliRuns.push([['sheet', '--tenant', 'Canary 0', '--format', format, '--out', path.join(sheetDir, `sheet.${format}`)], env()]);
    const wrongTokenOutput: string[] = [];
    for (const [args, e] of cliRuns) {
      const c = startCli([...args, '--home', home], e);
      await c.done();
      scanner.scan(`cli ${args.join(' ')} stdout`, c.stdout());
      scanner.scan(`cli ${args.join(' ')} stderr`, c.stderr());
      if (e.POSTMARK_ACCOUNT_TOKEN === WRONG) wrongTokenOutput.push(c.stdout() + c.stderr());
    }
    expect(wrongTokenOutput.join('\n')).toMatch(/401|token|authori/i);
    for (const format of FORMATS) {
      const file = path.join(sheetDir, `sheet.${format}`);
      expect(fs.existsSync(file), `CLI sheet ${format}`).toBe(true);
      if (format === 'pdf') scanner.scanPdf(`cli sheet ${format}`, fs.readFileSync(file));
      else scanner.scanFile(`cli sheet ${format}`, file);
    }

    // The ledger after everything, and whatever else the data directory holds (WAL, SHM, exports).
    for (const file of filesUnder(home)) scanner.scanFile(`data dir ${path.relative(home, file)}`, file);

    // The built renderer bundle: no canary (it never could), and no token-shaped value next to a token header.
    const bundle = filesUnder(path.resolve('out/renderer'));
    expect(bundle.length).toBeGreaterThan(0);
    let headerMentions = 0;
    for (const file of bundle) {
      const text = fs.readFileSync(file).toString('latin1');
      scanner.scan(`renderer ${path.relative('out/renderer', file)}`, text);
      const found = tokenLikeNearHeaders(text);
      headerMentions += found.headers;
      expect(found.suspicious, file).toEqual([]);
    }

    const bySource = new Map<string, number>();
    for (const p of scanner.places) bySource.set(p.where.split(' ')[0]!, (bySource.get(p.where.split(' ')[0]!) ?? 0) + 1);
    console.log(
      `[hardening/tokens] canaries: 1 account + 1 wrong account + 1 team password + ${serverTokens().length} server tokens; channels called ${called.size}/${channels.length} ` +
        `(${replies.ok} ok, ${replies.error} error replies); ws events ${events.length}; server-token requests ${sim.state.requests.filter((r) => r.path.startsWith('/email') || r.path.startsWith('/messages')).length}; CLI runs ${cliRuns.length}; places scanned ${scanner.places.length} ` +
        `(${JSON.stringify(Object.fromEntries(bySource))}), ${(scanner.totalBytes() / 1e6).toFixed(1)} MB; renderer files ${bundle.length}, token-header mentions ${headerMentions}; hits ${scanner.hits.length}`,
    );
    console.log(`[hardening/tokens] error replies (expected refusals, scanned too): ${errorCodes.join(', ')}`);
    // Every kind of place this suite claims to cover was really scanned (with content), PDFs as text too.
    scanner.assertCovered([
      'GET /login',
      'GET /',
      'rpc ',
      'ws event',
      'host stdout',
      'download pdf (text)',
      'download md',
      'ledger (host running)',
      'ledger WAL',
      'cli sheet pdf (text)',
      'cli sync',
      'data dir',
      'renderer ',
    ]);
    expect(scanner.hits).toEqual([]);
    expect(events.length).toBeGreaterThan(0);
  }, 300_000);
});
