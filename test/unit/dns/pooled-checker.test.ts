import { promises as dns } from 'node:dns';
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsChecker, type DnsChecker } from '../../../src-main/dns/check-domain';
import type { CheckReport } from '../../../src-main/dns/report';
import { WireResolver } from '../../../src-main/dns/wire-resolver';
import { startFixture, startSilentDns, type FixtureServers } from '../../support/nsd';

const DOMAINS = ['good.test', 'broken.test', 'reject.test', 'nodmarc.test', 'spf-many.test', 'brand.co.uk', 'news.brand.co.uk'];
const withoutTime = (r: CheckReport) => ({ ...r, checkedAt: '' });

/** Counts questions and channels at dns.Resolver and at the bulk run's WireResolver, the way the P2 benchmark does. */
function countResolverUse() {
  let queries = 0;
  let channels = 0;
  const methods = ['resolveTxt', 'resolveCname', 'resolve4', 'resolve6', 'resolveMx', 'resolveNs', 'resolveSoa', 'setServers'];
  const originals = [dns.Resolver.prototype, WireResolver.prototype].flatMap((p) => {
    const proto = p as unknown as Record<string, (...a: unknown[]) => unknown>;
    return methods.filter((m) => proto[m]).map((m) => [proto, m, proto[m]!] as const);
  });
  for (const [proto, m, fn] of originals) {
    proto[m] = function (this: unknown, ...args: unknown[]) {
      if (m === 'setServers') channels += 1;
      else queries += 1;
      return fn.apply(this, args);
    };
  }
  return { counts: () => ({ queries, channels }), restore: () => originals.forEach(([proto, m, fn]) => (proto[m] = fn)) };
}

describe.each(['os', 'wire'] as const)('pooled checker (nsd, %s transport)', (bulkTransport) => {
  let fixture: FixtureServers;
  let checker: DnsChecker;
  beforeAll(async () => {
    fixture = await startFixture('main');
    checker = createDnsChecker({ ...fixture.options, bulkTransport });
  });
  afterAll(async () => fixture?.stop());

  it('gives the same reports as one-off checks, on fewer channels and questions', async () => {
    const single = countResolverUse();
    const expected: CheckReport[] = [];
    try {
      for (const domain of [...DOMAINS, ...DOMAINS]) expected.push(withoutTime(await checker.check({ domain, option: 2 })));
    } finally {
      single.restore();
    }
    const pooledUse = countResolverUse();
    const pooled = checker.pooled!();
    let got: CheckReport[];
    try {
      got = (await Promise.all([...DOMAINS, ...DOMAINS].map((domain) => pooled.check({ domain, option: 2 })))).map(withoutTime);
    } finally {
      pooled.close();
      pooledUse.restore();
    }
    expect(got).toEqual(expected);
    // One-off checks open a channel per check and per authoritative server; the c-ares pool opens a few per server
    // set; the wire pool only validates each server set once (setServers on a throw-away Resolver, never asked).
    expect(pooledUse.counts().channels).toBeLessThan(single.counts().channels / 4);
    // The second round of each zone reuses the zone's NS/address/SOA answers.
    expect(pooledUse.counts().queries).toBeLessThan(single.counts().queries);
  });
});

describe.each(['os', 'wire'] as const)('pooled checker abort (%s transport)', (bulkTransport) => {
  it("cancels only the aborted check's questions, not the others on the same channel", async () => {
    const silent = await startSilentDns();
    try {
      const checker = createDnsChecker({ servers: [silent.server], timeout: 500, tries: 1, authoritative: false, bulkTransport });
      const pooled = checker.pooled!();
      const ctrl = new AbortController();
      const aborted = pooled.check({ domain: 'good.test', option: 2 }, ctrl.signal);
      const other = pooled.check({ domain: 'broken.test', option: 2 }, new AbortController().signal);
      while (silent.queries() < 4) await new Promise((r) => setTimeout(r, 10));
      ctrl.abort();
      await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
      // Resolver.cancel on the shared channel would have turned these into AbortErrors too; they time out instead.
      const report = await other;
      expect(report.records.length).toBeGreaterThan(0);
      expect(report.records.every((r) => r.cause === 'timeout')).toBe(true);
      pooled.close();
    } finally {
      await silent.stop();
    }
  });

  it('ends every check of a run at once when the run is aborted, with one abort listener for the whole run', async () => {
    const silent = await startSilentDns();
    try {
      const checker = createDnsChecker({ servers: [silent.server], timeout: 60_000, tries: 1, authoritative: false, bulkTransport });
      const pooled = checker.pooled!();
      const run = new AbortController();
      const checks = ['a.test', 'b.test', 'c.test', 'd.test'].map((domain) => pooled.check({ domain, option: 2 }, run.signal));
      expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
      while (silent.queries() < 8) await new Promise((r) => setTimeout(r, 10));
      run.abort();
      // Ended by the abort: the 60 s timeout would outlast the test's own time limit.
      for (const check of checks) await expect(check).rejects.toMatchObject({ name: 'AbortError' });
      expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
      pooled.close();
    } finally {
      await silent.stop();
    }
  });
});
