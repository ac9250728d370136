import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsChecker, type DnsChecker } from '../../../src-main/dns/check-domain';
import { discoverDmarcPolicy, isNonExistent, organisationalDomain } from '../../../src-main/dns/dmarc-policy';
import { summarizeStatus } from '../../../src-main/dns/report';
import { createDnsSession, type DnsSession } from '../../../src-main/dns/resolver';
import { startNsd, type NsdServer } from '../../support/nsd';
import { MAIN_ZONES } from '../../support/nsd/zoneFixtures';

describe('DMARC policy discovery and the option-2 pre-flight (nsd)', () => {
  let nsd: NsdServer;
  let session: DnsSession;
  let checker: DnsChecker;
  beforeAll(async () => {
    nsd = await startNsd({ zones: MAIN_ZONES });
    session = createDnsSession({ servers: [nsd.server], timeout: 400, tries: 1 });
    checker = createDnsChecker({ servers: [nsd.server], timeout: 400, tries: 1, authoritative: { port: nsd.port } });
  });
  afterAll(async () => {
    session?.dispose();
    await nsd?.stop();
  });

  it('uses the public suffix list for the organisational domain', () => {
    expect(organisationalDomain('news.brand.co.uk')).toBe('brand.co.uk');
    expect(organisationalDomain('a.b.acme.com')).toBe('acme.com');
    expect(organisationalDomain('acme.test')).toBe('acme.test');
  });

  it("applies the domain's own p", async () => {
    const d = await discoverDmarcPolicy(session.recursive, 'brand.co.uk');
    expect(d).toMatchObject({
      status: 'found',
      policy: { source: 'brand.co.uk', scope: 'domain', applied: 'reject', p: 'reject', sp: 'none', np: 'quarantine' },
    });
  });

  it('falls back to the organisational domain and applies sp to an existing subdomain', async () => {
    const d = await discoverDmarcPolicy(session.recursive, 'news.brand.co.uk');
    expect(d).toMatchObject({
      status: 'found',
      policy: { fromDomain: 'news.brand.co.uk', source: 'brand.co.uk', orgDomain: 'brand.co.uk', scope: 'subdomain', applied: 'none' },
    });
    const r = await checker.check({ domain: 'news.brand.co.uk', option: 2 });
    expect(r.option2).toEqual({ verdict: 'delivers-unaligned', reason: 'delivers, shows via, not aligned' });
    expect(r.dmarc).toMatchObject({ source: 'brand.co.uk', scope: 'subdomain', rua: ['mailto:d@brand.co.uk'] });
  });

  it('applies np to a non-existent subdomain (NXDOMAIN, or NODATA for A, AAAA and MX)', async () => {
    expect(await isNonExistent(session.recursive, 'ghost.brand.co.uk')).toBe(true);
    expect(await isNonExistent(session.recursive, 'txtonly.brand.co.uk')).toBe(true);
    expect(await isNonExistent(session.recursive, 'news.brand.co.uk')).toBe(false);
    for (const domain of ['ghost.brand.co.uk', 'txtonly.brand.co.uk']) {
      const r = await checker.check({ domain, option: 2 });
      expect(r.dmarc).toMatchObject({ scope: 'non-existent', applied: 'quarantine', source: 'brand.co.uk' });
      expect(r.option2.verdict).toBe('will-fail');
      expect(r.option2.reason).toMatch(/^np=quarantine on brand\.co\.uk \(organisational domain\)/);
      expect(summarizeStatus(r)).toBe('failing');
    }
  });

  it("prefers a subdomain's own record over the organisational one", async () => {
    const r = await checker.check({ domain: 'shop.brand.co.uk', option: 2 });
    expect(r.dmarc).toMatchObject({ source: 'shop.brand.co.uk', scope: 'domain', applied: 'none' });
    expect(r.option2.verdict).toBe('delivers-unaligned');
  });

  it('uses p for subdomains when there is no sp', async () => {
    const r = await checker.check({ domain: 'news.strict.co.uk', option: 2 });
    expect(r.option2).toMatchObject({ verdict: 'will-fail' });
    expect(r.option2.reason).toMatch(/^p=quarantine on strict\.co\.uk \(organisational domain\): .*spam/);
  });

  it('fails option 2 on p=reject, and on p=quarantine even in test mode', async () => {
    const reject = await checker.check({ domain: 'reject.test', option: 2 });
    expect(reject.option2.verdict).toBe('will-fail');
    expect(summarizeStatus(reject)).toBe('failing');
    const q = await checker.check({ domain: 'quarantine.test', option: 2 });
    expect(q.dmarc).toMatchObject({ p: 'quarantine', t: 'y', pct: 50 });
    expect(q.option2.verdict).toBe('will-fail');
    expect(q.option2.reason).toMatch(/t=y \(test mode\) and pct=50/);
  });

  it('delivers unaligned with no record or with two records (no policy applies)', async () => {
    for (const domain of ['nodmarc.test', 'sub.nodmarc.test', 'dmarc-multi.test']) {
      const r = await checker.check({ domain, option: 2 });
      expect(r.dmarc, domain).toBeNull();
      expect(r.option2, domain).toEqual({ verdict: 'delivers-unaligned', reason: 'delivers, shows via, not aligned' });
    }
  });

  it("shows a subdomain's DMARC row as covered by the organisational domain", async () => {
    const r = await checker.check({ domain: 'news.brand.co.uk', option: 1, dkimHost: 'x._domainkey' });
    const row = r.records.find((x) => x.kind === 'dmarc');
    expect(row).toMatchObject({ name: '_dmarc.news.brand.co.uk', cause: 'ok', status: 'ok' });
    expect(row?.message).toMatch(/organisational domain brand\.co\.uk/);
    // relative hosts are given for the zone the record lives in (brand.co.uk), not the subdomain
    expect(r.records.find((x) => x.kind === 'dkim')?.fix).toContain('"x._domainkey.news"');
  });
});
