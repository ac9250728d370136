import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp';
import { ensureBuilt, integrityCheck, query, startCli, waitUntil, type Child } from './child';
import { addTenantsOneByOne, startHost, writeBigReports, type HostSession } from './ledger-fleet';

/**
 * Issue #21: several processes write one ledger — `behalf serve` (edits over HTTP), CLI processes adding
 * tenants one by one as shell loops do, and a CLI import of big DMARC reports. Writers must wait their turn,
 * never fail with "database is locked", and every write must be there exactly once. Before the fix (deferred
 * transactions that read then write, one long write transaction per report copy) the writers here failed.
 */
const WRITERS = 3;
/** Each writer adds at least this many tenants, and goes on while the import runs. */
const MIN_ADDS = 10;
/** ~20 MB of XML each; several of them keep the importer writing for several seconds. */
const REPORT_ROWS = 50_000;
const REPORTS = 4;
const log = (line: string) => console.log(`[ledger-concurrency] ${line}`);

const running: Child[] = [];
beforeAll(() => ensureBuilt(), 600_000);
afterEach(async () => {
  for (const c of running.splice(0)) if (!c.exited()) await c.kill9();
});

/** Edits one tenant over the browser host again and again until `stop()` is true; returns failed replies. */
async function editLoop(host: HostSession, id: string, stop: () => boolean): Promise<{ edits: number; last: string; failures: string[] }> {
  const failures: string[] = [];
  let edits = 0;
  let last = '';
  while (!stop()) {
    const notes = `edit ${edits}`;
    const r = await host.call('tenants.update', { id, patch: { notes } });
    if (r.ok) last = notes;
    else failures.push(`${r.error?.code}: ${r.error?.message}`);
    edits++;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { edits, last, failures };
}

async function bootstrap(prefix: string, reports: number) {
  const home = tempDir(prefix);
  const ledger = path.join(home, 'ledger.sqlite');
  const files = await writeBigReports(home, reports, REPORT_ROWS);
  const host = await startHost(home);
  running.push(host.child);
  const created = await host.call<{ id: string }>('tenants.create', { name: 'Edited during import', domain: 'edited.example.test' });
  expect(created.ok, JSON.stringify(created.error)).toBe(true);
  return { home, ledger, files, host, tenantId: created.value!.id };
}

const count = (ledger: string, sql: string, ...params: unknown[]) => query<{ n: number }>(ledger, sql, ...params)[0]!.n;

describe('several processes, one ledger', () => {
  it('CLI writers, a browser-host editor and a big import: 0 failures, every row present once', async () => {
    const { home, ledger, files, host, tenantId } = await bootstrap('behalf-locking-', REPORTS);
    const importer = startCli(['dmarc', 'import', ...files, '--home', home]);
    running.push(importer);
    const importDone = () => importer.exited();
    const editing = editLoop(host, tenantId, importDone);
    const writers = await Promise.all(Array.from({ length: WRITERS }, (_, w) => addTenantsOneByOne(home, `writer${w}`, MIN_ADDS, importDone)));
    const importCode = await importer.done();
    const edits = await editing;

    const failures = writers.flatMap((w) => w.failures);
    const attempts = writers.reduce((n, w) => n + w.attempts, 0);
    log(
      `CLI adds: ${attempts - failures.length}/${attempts} ok; host edits: ${edits.edits - edits.failures.length}/${edits.edits} ok; import exit ${importCode}`,
    );
    for (const f of [...failures, ...edits.failures].slice(0, 5)) log(`  failure: ${f}`);
    expect(failures).toEqual([]);
    expect(edits.failures).toEqual([]);
    expect(edits.edits).toBeGreaterThan(0);
    expect(importCode, importer.stderr()).toBe(0);

    const added = query<{ name: string; n: number }>(ledger, "SELECT name, COUNT(*) AS n FROM tenants WHERE name LIKE 'writer%' GROUP BY name");
    expect(added.length).toBe(attempts);
    expect(added.filter((r) => r.n !== 1)).toEqual([]);
    expect(query<{ notes: string }>(ledger, 'SELECT notes FROM tenants WHERE id = ?', tenantId)[0]?.notes).toBe(edits.last);
    expect(count(ledger, 'SELECT COUNT(*) AS n FROM dmarc_reports')).toBe(REPORTS);
    expect(count(ledger, 'SELECT COUNT(*) AS n FROM dmarc_rows')).toBe(REPORTS * REPORT_ROWS);
    expect(integrityCheck(ledger)).toBe('ok');
    fs.rmSync(home, { recursive: true, force: true });
  }, 120_000);

  it('kill -9 of the importer leaves the other writers unaffected and the ledger whole; a rerun imports once', async () => {
    const { home, ledger, files, host, tenantId } = await bootstrap('behalf-locking-kill-', 2);
    const importer = startCli(['dmarc', 'import', ...files, '--home', home]);
    running.push(importer);
    let killedAt = 0;
    const afterKill = () => killedAt > 0 && Date.now() > killedAt + 1000;
    const editing = editLoop(host, tenantId, afterKill);
    const writer = addTenantsOneByOne(home, 'survivor', MIN_ADDS, afterKill);
    // Kill while the second report's rows are going into the ledger (it is staged: written, not yet published).
    const staged = () => count(ledger, 'SELECT COUNT(*) AS n FROM dmarc_reports WHERE staged_by IS NOT NULL');
    await waitUntil(() => (importer.stderr().includes('big-2.xml') && staged() > 0) || importer.exited(), 'the second report to be staged');
    expect(importer.exited(), `the import finished before the kill: ${importer.stderr()}`).toBe(false);
    await importer.kill9();
    killedAt = Date.now();
    expect(staged()).toBe(1);
    const tally = await writer;
    const edits = await editing;
    log(`after kill -9: CLI adds ${tally.ok}/${tally.attempts} ok; host edits ${edits.edits - edits.failures.length}/${edits.edits} ok`);
    expect(tally.failures).toEqual([]);
    expect(edits.failures).toEqual([]);
    expect(integrityCheck(ledger)).toBe('ok');
    expect(count(ledger, "SELECT COUNT(*) AS n FROM tenants WHERE name LIKE 'survivor%'")).toBe(tally.attempts);
    // Only the finished report is visible to the console; nothing of the killed one.
    const visible = await host.call<{ domains: Array<{ reports: number; messages: number }> }>('dmarc.domains', {});
    expect(visible.ok, JSON.stringify(visible.error)).toBe(true);
    expect(visible.value?.domains.map((d) => d.reports)).toEqual([1]);

    const rerun = startCli(['dmarc', 'import', ...files, '--json', '--home', home]);
    running.push(rerun);
    expect(await rerun.done(), rerun.stderr()).toBe(0);
    expect(JSON.parse(rerun.stdout())).toMatchObject({ imported: 1, duplicates: 1, records: REPORT_ROWS });
    expect(count(ledger, 'SELECT COUNT(*) AS n FROM dmarc_rows')).toBe(2 * REPORT_ROWS);
    expect(integrityCheck(ledger)).toBe('ok');
    fs.rmSync(home, { recursive: true, force: true });
  }, 120_000);
});
