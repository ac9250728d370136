import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { searchTenants } from '../../../src-main/ledger/tenant-search-repo';
import type { TenantIndex } from '../../../src-main/tenants/tenant-index';
import { tempServices } from '../../support/temp';
import { profile } from '../support/profile';
import { since } from '../support/stats';
import { QUERY_MIX } from '../support/tenant-queries';

/**
 * Child process for P1 and P1-1M: the tenants list as the app runs it (bundled, as electron-vite builds main), on the
 * cached ledger of `tenants` tenants. Under vitest's module runner every imported binding is a property read on a
 * module object: a one-letter search over 1,000,000 tenants took 14–22 ms there against ~5 ms in the bundle.
 * argv: <id> <home> <tenants> <rounds> <sql rounds>. Prints one JSON line: the samples, the bench computes the rest.
 */
const [id, home, tenants, rounds, sqlRounds] = process.argv.slice(2);
const N = Number(tenants);
const check = (ok: boolean, what: string) => {
  if (!ok) throw new Error(`P1 child (${N} tenants): ${what}`);
};

const t0 = process.hrtime.bigint();
const s = tempServices({ home });
const openMs = since(t0);
// Cold start: open to the first page of the list, as the console paints it (the index may still be building).
const firstPage = s.tenants.list({});
const coldListMs = since(t0);
check(firstPage.rows.length === 100, `the first page has ${firstPage.rows.length} rows, not 100`);
// A big ledger is read in slices after open (answered by SQL meanwhile): measure the index once it is whole.
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
await (s.tenants as unknown as { index: TenantIndex }).index.whenReady();
loop.disable();
const readyMs = since(t0);
check(s.tenants.count() === N, `the ledger holds ${s.tenants.count()} tenants`);

// First query per sort order builds that order: measured apart, it is a one-off per write burst.
const coldStart = process.hrtime.bigint();
for (const q of QUERY_MIX) s.tenants.list(q);
const coldMs = since(coldStart);

// Both paths must agree before their speed means anything.
for (const q of QUERY_MIX) {
  const fast = s.tenants.list(q);
  const sql = searchTenants(s.db, q);
  const same = isDeepStrictEqual({ total: fast.total, ids: fast.rows.map((r) => r.id) }, { total: sql.total, ids: sql.rows.map((r) => r.id) });
  check(same, `the index and SQL disagree on ${JSON.stringify(q)}`);
}

const index: number[] = [];
const sql: number[] = [];
const cpu: number[] = []; // CPU time per query: what the figure would be on an idle machine
const perQuery: Record<string, number[]> = {};
for (let r = 0; r < Number(rounds); r++) {
  for (const q of QUERY_MIX) {
    let t = process.hrtime.bigint();
    const c = process.cpuUsage();
    s.tenants.list(q);
    const d = since(t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    index.push(d);
    (perQuery[JSON.stringify(q)] ??= []).push(d);
    if (r < Number(sqlRounds)) {
      // SQL scans are ~100× slower: a few rounds give a stable median without tripling the run.
      t = process.hrtime.bigint();
      searchTenants(s.db, q);
      sql.push(since(t));
    }
  }
}
// What bounds the figure: self time by function over three more rounds of the mix (bench-results/<id>.cpuprofile).
const hot = await profile(id!, () => {
  for (let r = 0; r < 3; r++) for (const q of QUERY_MIX) s.tenants.list(q);
});
s.close();
process.stdout.write(`${JSON.stringify({ openMs, coldListMs, readyMs, loopMaxMs: loop.max / 1e6, coldMs, index, sql, cpu, perQuery, hot })}\n`);
