import { AccountClient } from 'postmark';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import { createHandlers } from '../../../src-main/app/handlers';
import { createCheckStore } from '../../../src-main/dns/check-store';
import type { CheckReport } from '../../../src-main/dns/report';
import { startPostmarkSimulator, type PostmarkSimulator, type StatsProfile } from '../../support/postmark-sim';
import { tempDir, tempServices } from '../../support/temp';

let sim: PostmarkSimulator;
let home: string;
let s: ReturnType<typeof tempServices>;
const ids: Record<string, string> = {};

const setUp = (id: string) => s.tenants.get(id).status === 'draft' && s.tenants.update(id, { status: 'provisioning' });
const env = () => ({ BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken });

/** An option-2 DNS check of bold.example that found no DMARC record. */
const boldCheck = (): CheckReport =>
  ({
    domain: 'bold.example',
    checkedAt: '2026-11-30T10:00:00.000Z',
    option: 2,
    records: [
      { kind: 'spf', name: 'bold.example', requirement: 'info', status: 'ok', cause: 'ok', observed: null, expected: null, ttl: null, message: '', fix: '' },
    ],
    dmarc: null,
    option2: { verdict: 'delivers-unaligned', reason: 'no DMARC record' },
    authoritative: { zone: null, servers: [] },
  }) as CheckReport;

/** Calm (option 3, healthy), Acme (option 3, complaints over the limit), Bold (option 2, no DMARC), each on its own server. */
beforeEach(async () => {
  sim = await startPostmarkSimulator({ searchLagMs: 0 });
  home = tempDir('behalf-rules-');
  s = tempServices({ home, env: env() });
  const pm = new AccountClient(sim.accountToken, { useHttps: false, requestHost: sim.requestHost });
  const setups: [string, 1 | 2 | 3, StatsProfile][] = [
    ['Calm', 3, 'healthy'],
    ['Acme', 3, 'trouble'],
    ['Bold', 2, 'healthy'],
  ];
  for (const [name, option, profile] of setups) {
    const server = await pm.createServer({ Name: `legacy-${name.toLowerCase()}` });
    sim.setStatsProfile(server.ID, profile);
    ids[name] = s.tenants.create({ name, domain: `${name.toLowerCase()}.example`, option }).id;
    await s.postmark.reconcile();
    await s.postmark.link({ kind: 'server', postmarkId: server.ID, tenantId: ids[name]! });
  }
  // Being set up, so `behalf rules` and refresh-all list all three (an option-2 tenant with only a server stays a draft).
  for (const id of Object.values(ids)) setUp(id);
  createCheckStore(s.db).save(ids.Bold!, boldCheck());
  await s.health.refresh();
});
afterEach(async () => {
  s.close();
  await sim.close();
});

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--home', home], { out: (t) => out.push(t), err: (t) => err.push(t) }, env());
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const statuses = (id: string) => Object.fromEntries(s.rules.tenant(id).items.map((i) => [i.id, i.status]));

describe('sender rules from the ledger: DNS check, cached health, the bulk-mail fact', () => {
  it('judges each tenant from its own facts', () => {
    expect(statuses(ids.Calm!)).toEqual({
      spf: 'not-checked',
      dkim: 'not-checked',
      dmarc: 'not-checked',
      alignment: 'pass',
      ptr: 'not-checked',
      complaints: 'pass',
      'one-click-unsubscribe': 'not-checked',
    });
    expect(statuses(ids.Acme!).complaints).toBe('fail');
    expect(statuses(ids.Bold!)).toMatchObject({ spf: 'pass', dmarc: 'fail', alignment: 'fail' });
    expect(s.rules.tenant(ids.Bold!).dnsCheckedAt).toBe('2026-11-30T10:00:00.000Z');
  });

  it('records the bulk-mail fact with an audit line, and forgets it again', () => {
    expect(s.rules.setBulkMail(ids.Calm!, 'transactional').items.find((i) => i.id === 'one-click-unsubscribe')?.status).toBe('fail');
    expect(s.rules.setBulkMail(ids.Calm!, 'none').bulkMail).toBe('none');
    expect(
      s.tenants
        .auditTrail(ids.Calm!)
        .filter((a) => a.field === 'bulkMail')
        .map((a) => [a.oldValue, a.newValue]),
    ).toEqual([
      ['transactional', 'none'],
      [null, 'transactional'],
    ]);
    expect(s.rules.setBulkMail(ids.Calm!, null).bulkMail).toBeNull();
  });

  it('`behalf rules` lists every tenant and exits 1 when any fails; --tenant narrows; --bulk-mail records first', async () => {
    const all = await cli('rules');
    expect(all.code).toBe(1);
    expect(all.out).toMatch(/Acme \(acme\.example, option 3\): 1 failing/);
    expect(all.out).toMatch(/FAIL {2}Spam complaints under the limit/);
    const calm = await cli('rules', '--tenant', 'Calm', '--json');
    expect(calm.code).toBe(0);
    const parsed = JSON.parse(calm.out) as { tenants: { name: string; failing: number; items: unknown[] }[] };
    expect(parsed.tenants.map((t) => [t.name, t.failing, t.items.length])).toEqual([['Calm', 0, 7]]);
    const marked = await cli('rules', '--tenant', 'Calm', '--bulk-mail', 'transactional');
    expect(marked.code).toBe(1);
    expect(marked.out).toMatch(/fix: Create a Broadcast message stream/);
    expect((await cli('rules', '--tenant', 'Calm', '--bulk-mail', 'sometimes')).code).toBe(2);
    expect((await cli('rules', '--bulk-mail', 'none')).code).toBe(2);
  });

  it("the sheet lists failing rules in the customer's words; a tenant that fails none gets none", async () => {
    const bold = (await s.sheets.preview(ids.Bold!)).sheet;
    expect(bold.senderRules?.items.map((r) => r.title)).toEqual(['A DMARC record is published', 'Your From domain matches the signature']);
    expect((await s.sheets.gather(ids.Calm!)).input.senderRules).toBeUndefined();
    expect((await s.sheets.preview(ids.Calm!)).sheet.senderRules).toBeUndefined();
  });
});

describe('refresh all as a task', () => {
  it('reports "done of total" after each tenant', async () => {
    const seen: string[] = [];
    const result = await s.health.refresh(undefined, { progress: (done, total) => seen.push(`${done} of ${total}`) });
    expect(result).toEqual({ refreshed: 3, skipped: 0, failed: [] });
    expect(seen).toEqual(['0 of 3', '1 of 3', '2 of 3', '3 of 3']);
    // The CLI shows it on stderr, keeping stdout for the table or --json.
    const run = await cli('health', '--refresh', '--json');
    expect(run.err.split('\n')).toEqual(['refreshed 0/3', 'refreshed 1/3', 'refreshed 2/3', 'refreshed 3/3']);
    expect(JSON.parse(run.out).refreshed).toEqual({ refreshed: 3, skipped: 0, failed: [] });
  });

  it('cancelled through the task registry, it stops before the tenants not yet started', async () => {
    const pm = new AccountClient(sim.accountToken, { useHttps: false, requestHost: sim.requestHost });
    for (const n of [1, 2, 3, 4]) {
      const server = await pm.createServer({ Name: `legacy-more-${n}` });
      const id = s.tenants.create({ name: `More ${n}`, domain: `more${n}.example`, option: 3 }).id;
      await s.postmark.reconcile();
      await s.postmark.link({ kind: 'server', postmarkId: server.ID, tenantId: id });
      setUp(id);
    }
    const handlers = createHandlers(s);
    // Postmark answers statistics slowly here, so the cancel surely lands while tenants are still waiting to start
    // (on a fast run every tenant could otherwise be done before the first progress event is handled).
    sim.faults.next({ delayMs: 300, match: /\/stats\//, times: 1_000 });
    let taskId = '';
    const ended = new Promise<void>((resolve) => {
      s.bus.on('task.progress', (p) => {
        if (p.taskId !== taskId) return;
        if (p.state === 'running' && p.done >= 1) s.tasks.cancel(taskId);
        if (p.state !== 'running') resolve();
      });
    });
    taskId = (await handlers.health.refreshStart({})).taskId;
    await ended;
    sim.faults.clear();
    const out = await handlers.health.refreshResult({ taskId });
    expect(out.state).toBe('cancelled');
    expect(out.total).toBe(7);
    expect(out.result!.refreshed).toBeLessThan(7);
    expect(out.done).toBe(out.result!.refreshed);
  });
});
