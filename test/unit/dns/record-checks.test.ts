import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsChecker, type DnsChecker } from '../../../src-main/dns/check-domain';
import type { CheckReport } from '../../../src-main/dns/report';
import { startFixture, type FixtureServers } from '../../support/nsd';
import { FRESH_NEW, FRESH_OLD, KEY_1024, KEY_2048, NEGATIVE_TTL, REVOKED_KEY_1024, SELECTOR, dkimValue } from '../../support/nsd/zoneFixtures';

const row = (report: CheckReport, kind: string) => {
  const found = report.records.find((r) => r.kind === kind);
  if (!found) throw new Error(`no ${kind} row in ${report.records.map((r) => r.kind).join(', ')}`);
  return found;
};

describe('record checks against nsd', () => {
  let fixture: FixtureServers;
  let checker: DnsChecker;
  beforeAll(async () => {
    fixture = await startFixture('main');
    checker = createDnsChecker(fixture.options);
  });
  afterAll(async () => fixture?.stop());

  it('joins a 2048-bit key split over two strings', async () => {
    const r = await checker.check({ domain: 'good.test', option: 1, dkimHost: '2048pm._domainkey', dkimValue: dkimValue(KEY_2048) });
    expect(row(r, 'dkim')).toMatchObject({ status: 'ok', cause: 'ok', observed: dkimValue(KEY_2048), name: '2048pm._domainkey.good.test' });
  });

  it('follows a CNAME chain to pm.mtasv.net', async () => {
    const r = await checker.check({ domain: 'good.test', option: 1, returnPath: 'bounces-chain' });
    expect(row(r, 'return-path')).toMatchObject({ cause: 'ok', observed: 'bounces-chain.good.test → hop.good.test → pm.mtasv.net' });
  });

  it('reports the wrong target, the proxy addresses and a name that has only TXT', async () => {
    const elsewhere = row(await checker.check({ domain: 'broken.test', option: 1, returnPath: 'elsewhere' }), 'return-path');
    expect(elsewhere).toMatchObject({ status: 'mismatch', cause: 'cname-wrong-target', observed: 'elsewhere.broken.test → bounces.other-esp.example' });
    expect(elsewhere.message).not.toMatch(/trailing dot/);
    const nodot = row(await checker.check({ domain: 'broken.test', option: 1, returnPath: 'nodot' }), 'return-path');
    expect(nodot.observed).toBe('nodot.broken.test → pm.mtasv.net.broken.test');
    expect(nodot.message).toMatch(/trailing dot/);
    const proxied = row(await checker.check({ domain: 'broken.test', option: 1, returnPath: 'proxied' }), 'return-path');
    expect(proxied).toMatchObject({ cause: 'proxied-cname', observed: 'A/AAAA 104.16.132.229', ttl: 300 });
    expect(proxied.fix).toMatch(/grey cloud/);
    const txtOnly = row(await checker.check({ domain: 'broken.test', option: 1, returnPath: 'txtonly' }), 'return-path');
    expect(txtOnly).toMatchObject({ status: 'missing', cause: 'nodata' });
  });

  it('finds records doubled by a panel that appends the zone', async () => {
    const r = await checker.check({ domain: 'broken.test', option: 1, dkimHost: `${SELECTOR}._domainkey.broken.test`, dkimValue: dkimValue(KEY_1024) });
    expect(row(r, 'dkim')).toMatchObject({ cause: 'doubled-suffix', status: 'missing' });
    expect(row(r, 'dkim').fix).toContain(`"${SELECTOR}._domainkey"`);
    expect(row(r, 'return-path')).toMatchObject({ cause: 'doubled-suffix', observed: 'pm-bounces.broken.test.broken.test → pm.mtasv.net' });
  });

  it('tells a revoked key that must stay from one that can go, and one already gone', async () => {
    const base = { domain: 'good.test', option: 1 as const, revokedDkimValue: dkimValue(REVOKED_KEY_1024) };
    const keep = row(await checker.check({ ...base, revokedDkimHost: '20230101000000pm._domainkey', safeToRemoveRevoked: false }), 'dkim-revoked');
    expect(keep).toMatchObject({ status: 'ok', cause: 'ok' });
    expect(keep.message).toMatch(/keep it/);
    const gone = row(await checker.check({ ...base, revokedDkimHost: '20220101000000pm._domainkey', safeToRemoveRevoked: true }), 'dkim-revoked');
    expect(gone).toMatchObject({ status: 'ok', cause: 'ok' });
    expect(gone.message).toMatch(/no longer published/);
  });

  it("asks the zone's own name servers too and records both views", async () => {
    const r = await checker.check({ domain: 'good.test', option: 1, dkimHost: `${SELECTOR}._domainkey`, dkimValue: dkimValue(KEY_1024) });
    expect(r.authoritative).toEqual({ zone: 'good.test', servers: ['ns1.good.test (127.0.0.1)'] });
    expect(row(r, 'dkim').views?.map((v) => [v.source, v.server, v.cause])).toEqual([
      ['resolver', 'resolver', 'ok'],
      ['authoritative', 'ns1.good.test (127.0.0.1)', 'ok'],
    ]);
    expect(row(r, 'spf').views).toBeUndefined();
  });

  it('works with the authoritative view switched off', async () => {
    const r = await createDnsChecker({ ...fixture.options, authoritative: false }).check({
      domain: 'good.test',
      option: 1,
      dkimHost: `${SELECTOR}._domainkey`,
    });
    expect(r.authoritative).toEqual({ zone: null, servers: [] });
    expect(row(r, 'dkim')).toMatchObject({ cause: 'ok' });
    expect(row(r, 'dkim').views).toBeUndefined();
  });

  it('refuses a DNS server that is not an address, before any check', () => {
    expect(() => createDnsChecker({ servers: ['dns.example.com'] })).toThrow(expect.objectContaining({ code: 'dns.bad-server' }));
  });

  it('rejects input that is not a domain with a BehalfError', async () => {
    await expect(checker.check({ domain: 'not a domain' })).rejects.toMatchObject({ code: 'dns.invalid-domain' });
  });
});

describe('resolver cache vs authoritative servers', () => {
  let fixture: FixtureServers;
  beforeAll(async () => {
    fixture = await startFixture('stale');
  });
  afterAll(async () => fixture?.stop());

  it('reports stale-cache with the negative TTL when only the resolver still says NXDOMAIN', async () => {
    const r = await createDnsChecker(fixture.options).check({
      domain: 'fresh.test',
      option: 1,
      dkimHost: `${SELECTOR}._domainkey`,
      dkimValue: dkimValue(KEY_1024),
    });
    for (const kind of ['dkim', 'return-path']) {
      const rp = row(r, kind);
      expect(rp).toMatchObject({ status: 'warning', cause: 'stale-cache', ttl: NEGATIVE_TTL });
      expect(rp.views?.map((v) => v.cause)).toEqual(['nxdomain', 'ok']);
      expect(rp.message).toContain(`${NEGATIVE_TTL} s`);
    }
  });

  it('reports what the name servers publish when the record was removed at the source', async () => {
    const [cache, auth] = fixture.nsd;
    await cache!.reload({ 'fresh.test': FRESH_NEW });
    await auth!.reload({ 'fresh.test': FRESH_OLD });
    const r = await createDnsChecker(fixture.options).check({ domain: 'fresh.test', option: 1, dkimHost: `${SELECTOR}._domainkey` });
    const rp = row(r, 'return-path');
    expect(rp).toMatchObject({ status: 'missing', cause: 'nxdomain' });
    expect(rp.message).toMatch(/previous answer: "ok"/);
    expect(rp.views?.map((v) => v.cause)).toEqual(['ok', 'nxdomain']);
  });
});
