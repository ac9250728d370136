import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isPostmarkPtr, resolvePtrs, reverseName as productionReverseName } from '../../../src-main/dmarc/ptr';
import { tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { reverseName, startPtrServer, type PtrServer } from '../../support/dmarc/ptr-dns-server';

let t: TempLedger;
let dns: PtrServer;
beforeAll(async () => {
  dns = await startPtrServer(
    { '198.51.100.10': 'mta10.mtasv.net', '2001:db8::25': 'mail6.vendor.example' },
    { silent: ['192.0.2.99'], servfail: ['192.0.2.98'] },
  );
});
afterAll(() => dns.close());
beforeEach(() => {
  t = tempLedger();
  dns.queries.clear();
});
afterEach(() => t.close());

const cacheRows = () => t.db.prepare('SELECT ip, ptr FROM ptr_cache ORDER BY ip').all();

describe('resolvePtrs (real UDP DNS against a local server)', () => {
  it('resolves v4 and v6, caches answers and definite "no PTR", but not timeouts or SERVFAIL', async () => {
    const r = await resolvePtrs(t.db, ['198.51.100.10', '2001:db8::25', '192.0.2.1', '192.0.2.99', '192.0.2.98', '198.51.100.10'], {
      servers: [dns.address],
      timeoutMs: 300,
    });
    expect(r.ptrs).toEqual({
      '198.51.100.10': 'mta10.mtasv.net',
      '2001:db8::25': 'mail6.vendor.example',
      '192.0.2.1': null,
      '192.0.2.99': null,
      '192.0.2.98': null,
    });
    expect(r).toMatchObject({ fromCache: 0, looked: 5, failed: 2 });
    expect(cacheRows()).toEqual([
      { ip: '192.0.2.1', ptr: null },
      { ip: '198.51.100.10', ptr: 'mta10.mtasv.net' },
      { ip: '2001:db8::25', ptr: 'mail6.vendor.example' },
    ]);
    // The failed ones are tried again next time; the cached ones are not.
    const again = await resolvePtrs(t.db, ['198.51.100.10', '192.0.2.1', '192.0.2.99'], { servers: [dns.address], timeoutMs: 300 });
    expect(again).toMatchObject({ fromCache: 2, looked: 1, failed: 1 });
    expect(dns.queries.get('198.51.100.10')).toBe(1);
    expect(dns.queries.get('192.0.2.99')).toBeGreaterThanOrEqual(2);
  });

  it('looks again once a cached answer is older than maxAgeDays', async () => {
    const opts = { servers: [dns.address], timeoutMs: 300 };
    await resolvePtrs(t.db, ['198.51.100.10'], { ...opts, now: () => new Date('2025-01-01T00:00:00Z') });
    const fresh = await resolvePtrs(t.db, ['198.51.100.10'], { ...opts, now: () => new Date('2025-01-20T00:00:00Z') });
    const stale = await resolvePtrs(t.db, ['198.51.100.10'], { ...opts, now: () => new Date('2025-03-01T00:00:00Z') });
    expect([fresh.fromCache, stale.fromCache, stale.looked]).toEqual([1, 0, 1]);
    expect(t.db.prepare('SELECT resolved_at FROM ptr_cache').get()).toEqual({ resolved_at: '2025-03-01T00:00:00.000Z' });
  });

  it('accepts an injected resolver and keeps to the concurrency limit', async () => {
    let inFlight = 0;
    let most = 0;
    const resolver = {
      reverse: async (ip: string) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        if (ip.endsWith('.7')) throw Object.assign(new Error('nx'), { code: 'ENOTFOUND' });
        return [`host-${ip.replace(/\./g, '-')}.example.`];
      },
    };
    const ips = Array.from({ length: 20 }, (_, i) => `10.0.0.${i}`);
    const r = await resolvePtrs(t.db, ips, { resolver, concurrency: 3 });
    expect(most).toBe(3);
    expect(r.ptrs['10.0.0.3']).toBe('host-10-0-0-3.example');
    expect(r.ptrs['10.0.0.7']).toBeNull();
    expect(r).toMatchObject({ looked: 20, failed: 0 });
  });

  it('stops looking up when cancelled', async () => {
    const controller = new AbortController();
    let calls = 0;
    const resolver = {
      reverse: async () => {
        if (++calls === 2) controller.abort();
        return ['x.example'];
      },
    };
    const r = await resolvePtrs(
      t.db,
      Array.from({ length: 10 }, (_, i) => `10.1.0.${i}`),
      { resolver, concurrency: 1, signal: controller.signal },
    );
    expect(calls).toBe(2);
    expect(Object.keys(r.ptrs)).toHaveLength(10);
    expect(Object.values(r.ptrs).filter((p) => p === null)).toHaveLength(8);
  });
});

describe('helpers', () => {
  it('recognises Postmark by the mtasv.net suffix only', () => {
    expect(isPostmarkPtr('mta10.mtasv.net')).toBe(true);
    expect(isPostmarkPtr('mtasv.net')).toBe(true);
    expect(isPostmarkPtr('evilmtasv.net')).toBe(false);
    expect(isPostmarkPtr('mtasv.net.attacker.example')).toBe(false);
    expect(isPostmarkPtr(null)).toBe(false);
  });

  it('the test server builds reverse names like resolvers do', () => {
    expect(reverseName('192.0.2.1')).toBe('1.2.0.192.in-addr.arpa');
    expect(reverseName('2001:db8::25')).toBe('5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa');
  });

  it('builds reverse names for every IP spelling reports use', () => {
    expect(productionReverseName('192.0.2.1')).toBe('1.2.0.192.in-addr.arpa');
    expect(productionReverseName('2001:DB8::25')).toBe(reverseName('2001:db8::25'));
    expect(productionReverseName('2001:db8:0:0:0:0:0:25')).toBe(reverseName('2001:db8::25'));
    expect(productionReverseName('::1')).toBe(`1.${'0.'.repeat(31)}ip6.arpa`);
    expect(productionReverseName('::ffff:192.0.2.1')).toBe(productionReverseName('::ffff:c000:201'));
    expect(() => productionReverseName('nope')).toThrow();
  });
});
