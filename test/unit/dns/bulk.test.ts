import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBulkCheck, type BulkOutcome } from '../../../src-main/dns/bulk';
import { createDnsChecker, type DnsChecker } from '../../../src-main/dns/check-domain';
import type { CheckInput } from '../../../src-main/dns/expected-records';
import { startFixture, startSilentDns, type FixtureServers } from '../../support/nsd';

const DOMAINS = ['good.test', 'broken.test', 'reject.test', 'nodmarc.test', 'spf-many.test', 'brand.co.uk', 'news.brand.co.uk'];
const inputs = (n: number): (CheckInput & { tenantId: string })[] =>
  Array.from({ length: n }, (_, i) => ({ tenantId: `t${i}`, domain: DOMAINS[i % DOMAINS.length]!, option: 2 }));

describe('bulk runner (nsd)', () => {
  let fixture: FixtureServers;
  let checker: DnsChecker;
  beforeAll(async () => {
    fixture = await startFixture('main');
    checker = createDnsChecker(fixture.options);
  });
  afterAll(async () => fixture?.stop());

  it('reports progress for every item with bounded concurrency', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const progress: [number, number | null][] = [];
    const tenants = new Set<string>();
    const summary = await runBulkCheck([...inputs(21), { tenantId: 'bad', domain: 'not a domain' }], {
      concurrency: 3,
      checker: async (item, signal) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          return await checker.check(item, signal);
        } finally {
          inFlight -= 1;
        }
      },
      onProgress: (done, total, latest) => {
        progress.push([done, total]);
        tenants.add(latest.item.tenantId);
      },
    });
    expect(progress).toEqual(Array.from({ length: 22 }, (_, i) => [i + 1, 22]));
    expect(tenants.size).toBe(22);
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(summary).toMatchObject({ total: 22, done: 22, cancelled: false });
    // ×3 each: failing = reject.test, brand.co.uk (p=reject); warning = broken.test (bad SPF, no MX),
    // spf-many.test (11 lookups), news.brand.co.uk (no MX); ok = good.test, nodmarc.test.
    expect(summary.byStatus).toEqual({ ok: 6, failing: 6, warning: 9, error: 0, 'failed-to-check': 1 });
  });

  it('pulls lazy inputs only as fast as it checks them', async () => {
    let pulled = 0;
    let maxAhead = 0;
    let done = 0;
    async function* source() {
      for (const item of inputs(12)) {
        pulled += 1;
        maxAhead = Math.max(maxAhead, pulled - done);
        yield item;
      }
    }
    const summary = await runBulkCheck(source(), { concurrency: 2, checker, onProgress: (d) => (done = d) });
    expect(summary).toMatchObject({ total: null, done: 12, cancelled: false });
    expect(maxAhead).toBeLessThanOrEqual(2);
  });

  it('stops when cancelled part-way, without counting cancelled checks', async () => {
    const ctrl = new AbortController();
    const seen: BulkOutcome<CheckInput>[] = [];
    const summary = await runBulkCheck(inputs(40), {
      concurrency: 2,
      checker,
      signal: ctrl.signal,
      onProgress: (done, _total, latest) => {
        seen.push(latest);
        if (done === 5) ctrl.abort();
      },
    });
    expect(summary.cancelled).toBe(true);
    expect(summary.done).toBeGreaterThanOrEqual(5);
    expect(summary.done).toBeLessThan(40);
    expect(seen).toHaveLength(summary.done);
  });

  it('does nothing for an already-aborted signal', async () => {
    let calls = 0;
    const summary = await runBulkCheck(inputs(5), { checker: async (i, s) => (calls++, checker.check(i, s)), signal: AbortSignal.abort() });
    expect(summary).toMatchObject({ done: 0, cancelled: true });
    expect(calls).toBe(0);
  });
});

describe('bulk runner cancel while DNS hangs', () => {
  it('cancels in-flight queries instead of waiting for their timeouts', async () => {
    const silent = await startSilentDns();
    try {
      // 10 s per query: without a working cancel this test would exceed the 30 s test timeout.
      const hanging = createDnsChecker({ servers: [silent.server], timeout: 10_000, tries: 1, authoritative: false });
      const ctrl = new AbortController();
      const run = runBulkCheck(inputs(20), { concurrency: 4, checker: hanging, signal: ctrl.signal });
      while (silent.queries() < 4) await new Promise((r) => setTimeout(r, 20));
      ctrl.abort();
      const summary = await run;
      expect(summary).toMatchObject({ cancelled: true, done: 0 });
      await expect(hanging.check({ domain: 'good.test' }, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      await silent.stop();
    }
  });
});
