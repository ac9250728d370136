import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNsd, type NsdServer } from '../../support/nsd';
import { MAIN_ZONES } from '../../support/nsd/zoneFixtures';
import { reportXml, writeLargeReport, type RowSpec } from '../../support/dmarc/report-builder';
import { startPostmarkSimulator, createFakeResolver, type PostmarkSimulator } from '../../support/postmark-sim';
import { tempDir, tempServices } from '../../support/temp';
import { ensureBuilt, integrityCheck, query, startCli, waitUntil } from './child';

/**
 * Issue #10 item 3: the real built CLI (`node out/main/cli.js`) is SIGKILLed in the middle of real work — a big
 * DMARC import, a bulk DNS check against nsd, a Postmark provisioning pass against the simulator (which runs in
 * this process). After each kill the ledger must pass `PRAGMA integrity_check`, hold nothing half-written, and
 * the interrupted work must finish on the next run, once.
 */
const counts = { kills: 0, integrityOk: 0, checks: 0 };
const log = (line: string) => console.log(`[hardening/crash] ${line}`);

beforeAll(() => ensureBuilt(), 600_000);
afterAll(() => log(`kills=${counts.kills} integrity_check ok=${counts.integrityOk} assertions-groups=${counts.checks}`));

function assertIntegrity(file: string): void {
  expect(integrityCheck(file)).toBe('ok');
  counts.integrityOk += 1;
}

describe('hardening: kill -9 mid-way, then restart', () => {
  it('(a) DMARC import: the unfinished report leaves no rows; a rerun imports it fully, once', async () => {
    const home = tempDir('behalf-crash-dmarc-');
    const ledger = path.join(home, 'ledger.sqlite');
    const small = path.join(home, 'small.xml');
    const big = path.join(home, 'big.xml');
    const smallRows: RowSpec[] = [
      { ip: '192.0.2.1', count: 3, dkim: 'pass', spf: 'pass' },
      { ip: '192.0.2.2', count: 1, dkim: 'fail', spf: 'fail' },
    ];
    (await import('node:fs')).writeFileSync(small, reportXml({ reportId: 'small-1', domain: 'acme.example', begin: '2025-03-01', rows: smallRows }));
    const BIG_ROWS = 150_000;
    const rowAt = (i: number): RowSpec => ({
      ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      count: (i % 5) + 1,
      dkim: i % 3 ? 'pass' : 'fail',
      spf: 'pass',
    });
    await writeLargeReport(big, { reportId: 'big-1', domain: 'acme.example', begin: '2025-03-02' }, BIG_ROWS, rowAt);

    const child = startCli(['dmarc', 'import', small, big, '--home', home]);
    // "[2/2] big.xml" is printed when the second file starts: the small report is committed by then.
    await waitUntil(() => child.stderr().includes('[2/2]') || child.exited(), 'the big report to start');
    await new Promise((r) => setTimeout(r, 400));
    expect(child.exited(), `the import finished before the kill; stderr: ${child.stderr()}`).toBe(false);
    await child.kill9();
    counts.kills += 1;

    assertIntegrity(ledger);
    // Killed while its rows were going in, a big report stays staged: invisible to every reader (issue #21).
    const published = 'SELECT id FROM dmarc_reports WHERE staged_by IS NULL';
    const reports = query<{ report_id: string }>(ledger, `SELECT report_id FROM dmarc_reports WHERE id IN (${published}) ORDER BY report_id`);
    expect(reports.map((r) => r.report_id)).toEqual(['small-1']);
    const [afterKill] = query<{ n: number }>(ledger, `SELECT COUNT(*) AS n FROM dmarc_rows WHERE report_id IN (${published})`);
    expect(afterKill!.n).toBe(smallRows.length);

    const rerun = startCli(['dmarc', 'import', small, big, '--json', '--home', home]);
    expect(await rerun.done()).toBe(0);
    expect(JSON.parse(rerun.stdout())).toMatchObject({ files: 2, imported: 1, duplicates: 1, records: BIG_ROWS, errors: [] });
    const again = startCli(['dmarc', 'import', big, '--json', '--home', home]);
    expect(await again.done()).toBe(0);
    expect(JSON.parse(again.stdout())).toMatchObject({ imported: 0, duplicates: 1 });
    assertIntegrity(ledger);
    const [rows] = query<{ n: number }>(ledger, 'SELECT COUNT(*) AS n FROM dmarc_rows');
    expect(rows!.n).toBe(smallRows.length + BIG_ROWS);
    expect(query(ledger, 'SELECT report_id FROM dmarc_reports').length).toBe(2);
    counts.checks += 1;
    log(`dmarc: killed after the small report, big report (${BIG_ROWS} rows) absent after the kill, imported once on rerun`);
  }, 300_000);

  describe('(b) bulk DNS check against nsd', () => {
    let nsd: NsdServer;
    beforeAll(async () => {
      nsd = await startNsd({ zones: MAIN_ZONES });
    });
    afterAll(async () => nsd?.stop());

    it('every saved dns_checks row is whole; a rerun checks every tenant', async () => {
      const home = tempDir('behalf-crash-dns-');
      const ledger = path.join(home, 'ledger.sqlite');
      const TENANTS = 300;
      const s = tempServices({ home });
      const zones = Object.keys(MAIN_ZONES);
      for (let i = 0; i < TENANTS; i += 1) {
        s.tenants.create({ name: `Bulk ${i}`, domain: `t${i}.${zones[i % zones.length]}`, option: ((i % 3) + 1) as 1 | 2 | 3 });
      }
      s.close();
      const env = { BEHALF_DNS_AUTHORITATIVE_PORT: String(nsd.port) };

      const child = startCli(['check', '--all', '--dns-server', nsd.server, '--home', home], env);
      // Progress comes every 5 %: kill once a few lines are out and the run is far from done.
      await waitUntil(() => /checked (\d+)\/300\n[\s\S]*checked \d+\/300/.test(child.stderr()) || child.exited(), 'bulk progress');
      expect(child.exited(), `the bulk check finished before the kill; stderr: ${child.stderr()}`).toBe(false);
      await child.kill9();
      counts.kills += 1;

      assertIntegrity(ledger);
      const saved = query<{ tenant_id: string; report_json: string; drift_json: string; status: string }>(
        ledger,
        'SELECT tenant_id, report_json, drift_json, status FROM dns_checks',
      );
      expect(saved.length).toBeGreaterThan(0);
      expect(saved.length).toBeLessThan(TENANTS);
      for (const row of saved) {
        const report = JSON.parse(row.report_json) as { records?: unknown[] };
        expect(Array.isArray(report.records) && report.records.length > 0).toBe(true);
        expect(Array.isArray(JSON.parse(row.drift_json))).toBe(true);
      }
      expect(new Set(saved.map((r) => r.tenant_id)).size).toBe(saved.length);

      const rerun = startCli(['check', '--all', '--json', '--dns-server', nsd.server, '--home', home], env);
      expect([0, 1]).toContain(await rerun.done());
      expect(JSON.parse(rerun.stdout())).toMatchObject({ done: TENANTS });
      assertIntegrity(ledger);
      const after = query<{ tenant_id: string }>(ledger, 'SELECT DISTINCT tenant_id FROM dns_checks');
      expect(after.length).toBe(TENANTS);
      const [total] = query<{ n: number }>(ledger, `SELECT COUNT(*) AS n FROM dns_checks WHERE json_valid(report_json)`);
      expect(total!.n).toBe(saved.length + TENANTS);
      counts.checks += 1;
      log(`dns: killed after ${saved.length}/${TENANTS} tenants saved (all whole); rerun checked all ${TENANTS}`);
    }, 300_000);
  });

  describe('(c) provisioning through the outbox against the simulator', () => {
    let sim: PostmarkSimulator;
    beforeAll(async () => {
      sim = await startPostmarkSimulator({ resolver: createFakeResolver() });
    });
    afterAll(async () => sim?.close());

    it('after recoverInterrupted + runDue everything exists once, and the ledger matches the account', async () => {
      const home = tempDir('behalf-crash-pm-');
      const ledger = path.join(home, 'ledger.sqlite');
      const env = { BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken };
      const TENANTS = 45;
      const s = tempServices({ home, env });
      for (let i = 0; i < TENANTS; i += 1) {
        const option = ((i % 3) + 1) as 1 | 2 | 3;
        const t = s.tenants.create({
          name: `Crash ${i}`,
          domain: `crash${i}.example.test`,
          option,
          fromAddress: `hello@crash${i}.example.test`,
          fromName: `Crash ${i}`,
        });
        await s.postmark.provision({ id: t.id }, { run: false });
      }
      const jobCount = s.postmark.outbox.list({ limit: 10_000 }).length;
      s.close();

      // Every create answers 120 ms late (after acting). Once a dozen servers exist, creates are still carried out
      // but their answers are held back: the kill is forced into the moment between "Postmark acted" and "the
      // ledger recorded it" — a job left `running` whose object already exists, which the restart must adopt.
      sim.faults.next({ delayMs: 120, times: 10_000, match: /^POST / });
      const child = startCli(['sync', '--home', home], env);
      await waitUntil(() => sim.state.servers.length >= 12 || child.exited(), 'a dozen servers');
      expect(child.exited(), `the sync finished before the kill; stderr: ${child.stderr()}`).toBe(false);
      sim.faults.clear();
      sim.faults.next({ delayMs: 600_000, times: 10_000, match: /^POST / });
      const made = () => sim.state.servers.length + sim.state.domains.length + sim.state.senders.length;
      const beforeHold = made();
      // A job still `running` a whole second later is waiting on a held answer (the others answer in 120 ms), and a
      // held create has already been carried out: that is the moment to kill.
      let seen: { id: number; since: number } | undefined;
      await waitUntil(() => {
        const id = query<{ id: number }>(ledger, `SELECT id FROM postmark_jobs WHERE state = 'running'`)[0]?.id;
        if (id === undefined || id !== seen?.id) seen = id === undefined ? undefined : { id, since: Date.now() };
        return seen !== undefined && Date.now() - seen.since >= 1000 && made() > beforeHold;
      }, 'a create carried out whose answer is held');
      await child.kill9();
      counts.kills += 1;
      sim.faults.clear();
      const madeBeforeRestart = made();

      assertIntegrity(ledger);
      const running = query<{ id: number }>(ledger, `SELECT id FROM postmark_jobs WHERE state = 'running'`);
      expect(running.length).toBeGreaterThanOrEqual(1); // the moment was really hit

      const r = tempServices({ home, env });
      try {
        const requeued = r.postmark.outbox.recoverInterrupted();
        expect(requeued.map((j) => j.id)).toEqual(running.map((j) => j.id));
        for (let pass = 0; pass < 20 && r.postmark.outbox.list({ states: ['queued', 'running'] }).length > 0; pass += 1) await r.postmark.runDue();
        const jobs = r.postmark.outbox.list({ limit: 10_000 });
        expect(jobs.filter((j) => j.state !== 'succeeded')).toEqual([]);
        expect(jobs.length).toBe(jobCount);
        const adopted = requeued.map((j) => r.postmark.outbox.get(j.id)!.result as { adopted?: boolean });
        // The interrupted create was adopted (found in Postmark and linked), not made a second time.
        expect(adopted.length).toBeGreaterThanOrEqual(1);
        expect(adopted.filter((a) => a.adopted === true).length, JSON.stringify(adopted)).toBeGreaterThanOrEqual(1);

        const servers = sim.state.servers.map((x) => `server ${x.ID} ${x.Name}`);
        const domains = sim.state.domains.map((x) => `domain ${x.ID} ${x.Name}`);
        const senders = sim.state.senders.map((x) => `sender ${x.ID} ${x.EmailAddress}`);
        expect([servers.length, domains.length, senders.length]).toEqual([TENANTS, TENANTS / 3, TENANTS / 3]);
        expect(new Set(sim.state.servers.map((x) => x.Name)).size).toBe(TENANTS);
        const links = r.postmark.outbox
          .allObjects()
          .map((o) => `${o.kind} ${o.postmarkId} ${o.name}`)
          .sort();
        expect(links).toEqual([...servers, ...domains, ...senders].sort());
        assertIntegrity(ledger);
        counts.checks += 1;
        log(
          `provisioning: ${jobCount} jobs, killed after ${madeBeforeRestart} Postmark objects; requeued ${requeued.length} running job(s) ` +
            `(adopted: ${adopted.map((a) => a.adopted).join(',') || '-'}); after restart ${links.length} links = account, 0 duplicates`,
        );
      } finally {
        r.close();
      }
    }, 300_000);
  });
});
