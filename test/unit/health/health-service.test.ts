import fs from 'node:fs';
import { AccountClient } from 'postmark';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import type { HealthOverview } from '../../../src-preload/api/health';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { startPostmarkSimulator, type PostmarkSimulator, type StatsProfile } from '../../support/postmark-sim';
import { serverClientFor } from '../../support/postmark-sim/clients';
import { addDays, easternDay } from '../../support/postmark-sim/stats-history';
import { tempDir, tempServices } from '../../support/temp';

let sim: PostmarkSimulator;
let home: string;
let s: ReturnType<typeof tempServices>;
const ids: Record<string, string> = {};
const serverIds: Record<string, number> = {};

const env = () => ({ BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken });

/** Three live tenants, each linked to its own simulator server with a different history. */
beforeEach(async () => {
  sim = await startPostmarkSimulator({ searchLagMs: 0 });
  home = tempDir('behalf-health-');
  s = tempServices({ home, env: env() });
  const pm = new AccountClient(sim.accountToken, { useHttps: false, requestHost: sim.requestHost });
  const setups: [string, StatsProfile][] = [
    ['Calm', 'healthy'],
    ['Acme', 'trouble'],
    ['Hush', 'quiet'],
  ];
  for (const [name, profile] of setups) {
    const server = await pm.createServer({ Name: `legacy-${name.toLowerCase()}` });
    sim.setStatsProfile(server.ID, profile);
    ids[name] = s.tenants.create({ name, domain: `${name.toLowerCase()}.example`, option: 3 }).id;
    serverIds[name] = server.ID;
    await s.postmark.reconcile();
    await s.postmark.link({ kind: 'server', postmarkId: server.ID, tenantId: ids[name]! });
  }
});
afterEach(async () => {
  s.close();
  await sim.close();
});

async function cli(...args: string[]) {
  const out: string[] = [];
  const code = await runCli([...args, '--home', home], { out: (t) => out.push(t), err: (t) => out.push(t) }, env());
  return { code, out: out.join('\n') };
}

describe('sending health from the simulator through the official client', () => {
  it('before any fetch every row says so; after a refresh the tenant in trouble ranks first with its reasons', async () => {
    expect(s.health.overview().rows.map((r) => r.verdict)).toEqual(['no-data', 'no-data', 'no-data']);
    expect(await s.health.refresh()).toEqual({ refreshed: 3, skipped: 0, failed: [] });
    const rows = s.health.overview().rows;
    expect(rows.map((r) => [r.name, r.verdict])).toEqual([
      ['Acme', 'in-trouble'],
      ['Hush', 'quiet'],
      ['Calm', 'ok'],
    ]);
    expect(rows[0]!.reasons.map((r) => r.code)).toEqual(['complaints.over-limit', 'bounces.over-limit']);
    expect(rows[0]!.bounceTrend).toBe('up');
    expect(rows[0]!.fetch.fetchedAt).not.toBeNull();
  });

  it("the tenant's 30 days agree with what Postmark answers for the same days", async () => {
    await s.health.refresh(ids.Acme);
    const h = s.health.tenant(ids.Acme!);
    expect(h.days).toHaveLength(30);
    const to = easternDay(Date.now());
    const client = serverClientFor(sim, sim.serverToken(serverIds.Acme!));
    const overview = await client.getOutboundOverview({ fromDate: addDays(to, -29), toDate: to });
    expect(h.last30.sent).toBe(overview.Sent);
    expect(h.last30.bounced).toBe(overview.Bounced);
    expect(h.last30.complaints).toBe(overview.SpamComplaints);
    expect(h.recent.length).toBeGreaterThan(0);
    expect(h.recent.every((b) => b.type === 'HardBounce' || b.type === 'SpamComplaint')).toBe(true);
    expect(h.bouncesByType.map((b) => b.type)).toEqual(expect.arrayContaining(['HardBounce', 'SoftBounce', 'Transient', 'SpamComplaint']));
    expect(h.inactiveAddresses).toBeGreaterThan(0);
  });

  it('works offline from the cache and records why the refresh failed; no token reaches the ledger', async () => {
    await s.health.refresh();
    const before = s.health.tenant(ids.Acme!);
    await sim.close(); // Postmark out of reach from here on
    await expect(s.health.refresh(ids.Acme)).rejects.toMatchObject({ code: expect.stringMatching(/^postmark\./) });
    const after = s.health.tenant(ids.Acme!);
    expect(after.fetch.error?.code).toMatch(/^postmark\./);
    expect(after.fetch.fetchedAt).toBe(before.fetch.fetchedAt);
    expect(after.days).toEqual(before.days);
    expect(after.verdict).toBe('in-trouble');
    s.close();
    const bytes = ['', '-wal'].map((x) => (fs.existsSync(s.ledgerFile + x) ? fs.readFileSync(s.ledgerFile + x).toString('latin1') : '')).join('');
    expect(bytes).toContain('health_days');
    for (const id of Object.values(serverIds)) expect(bytes).not.toContain(sim.serverToken(id));
    s = tempServices({ home, env: env() });
  });

  it('thresholds come from Settings: looser limits turn trouble into ok', async () => {
    await s.health.refresh();
    s.settings.update({ healthBounceRateMax: 60, healthComplaintRateMax: 5, healthComplaintRateAim: 4 });
    const acme = s.health.overview().rows.find((r) => r.name === 'Acme')!;
    expect(acme.verdict).toBe('degrading'); // still rising against the weeks before
    expect(acme.reasons.every((r) => r.level === 'warn')).toBe(true);
  });

  it('through the contract: overview, tenant and refresh carry no token', async () => {
    const dispatch = createDispatch(createHandlers(s));
    const refreshed = await dispatch('health.refresh', {});
    expect(refreshed).toMatchObject({ ok: true, value: { refreshed: 3 } });
    const overview = await dispatch('health.overview', {});
    const tenant = await dispatch('health.tenant', { id: ids.Acme });
    expect(tenant).toMatchObject({ ok: true, value: { verdict: 'in-trouble' } });
    const text = JSON.stringify([overview, tenant]);
    for (const id of Object.values(serverIds)) expect(text).not.toContain(sim.serverToken(id));
    expect(await dispatch('health.tenant', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'tenant.not-found' } });
  });

  it('through the contract the page gets one verdict, the worst N of it, and the counts of every verdict', async () => {
    const dispatch = createDispatch(createHandlers(s));
    await dispatch('health.refresh', {});
    const worst = await dispatch('health.overview', { limit: 2 });
    expect(worst).toMatchObject({ ok: true, value: { total: 3, counts: { 'in-trouble': 1, quiet: 1, ok: 1, degrading: 0, 'no-data': 0 } } });
    if (!worst.ok) throw new Error('overview refused');
    expect((worst.value as HealthOverview).rows.map((r) => r.name)).toEqual(['Acme', 'Hush']);
    const quiet = await dispatch('health.overview', { verdict: 'quiet' });
    expect(quiet).toMatchObject({ ok: true, value: { total: 1, rows: [{ name: 'Hush' }] } });
    expect(await dispatch('health.overview', { limit: 0 })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    // The CLI and the watch read every row, whatever the page asks for.
    expect(s.health.overview().rows).toHaveLength(3);
  });

  it('behalf health: cache age, --refresh, --tenant, --json, exit 1 when a tenant is in trouble', async () => {
    s.close();
    const none = await cli('health');
    expect(none.code).toBe(0);
    expect(none.out).toMatch(/Nothing fetched yet/);
    const fresh = await cli('health', '--refresh');
    expect(fresh.code).toBe(1);
    expect(fresh.out).toMatch(/Refreshed 3 tenant\(s\)/);
    expect(fresh.out).toMatch(/Acme\s+IN TROUBLE/);
    expect(fresh.out).toMatch(/fix: /);
    const calm = await cli('health', '--tenant', 'Calm');
    expect(calm.code).toBe(0);
    expect(calm.out).toMatch(/Calm\s+ok/);
    expect(calm.out).toMatch(/Oldest numbers fetched just now/);
    const json = await cli('health', '--json');
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.out) as { rows: { name: string; verdict: string }[] };
    expect(parsed.rows.map((r) => r.verdict)).toEqual(['in-trouble', 'quiet', 'ok']);
    s = tempServices({ home, env: env() });
  });
});
