import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAUSE_CODES, RECORD_KINDS, RECORD_STATUSES } from '../../../src-main/dns/causes';
import { createDnsChecker, type DnsChecker } from '../../../src-main/dns/check-domain';
import { summarizeStatus } from '../../../src-main/dns/report';
import { startFixture, type FixtureServers } from '../../support/nsd';
import { KEY_1024, SELECTOR, dkimValue } from '../../support/nsd/zoneFixtures';

describe('check report (nsd)', () => {
  let fixture: FixtureServers;
  let checker: DnsChecker;
  beforeAll(async () => {
    fixture = await startFixture('main');
    checker = createDnsChecker({ ...fixture.options, now: () => new Date('2026-03-01T10:00:00Z') });
  });
  afterAll(async () => fixture?.stop());

  it('has the documented shape for a healthy option-1 domain', async () => {
    const report = await checker.check({
      domain: 'Good.Test.',
      option: 1,
      dkimHost: `${SELECTOR}._domainkey.good.test`,
      dkimValue: dkimValue(KEY_1024),
      returnPath: 'pm-bounces.good.test',
    });
    expect(Object.keys(report).sort()).toEqual(['authoritative', 'checkedAt', 'dmarc', 'domain', 'option', 'option2', 'records'].sort());
    expect(report).toMatchObject({ domain: 'good.test', checkedAt: '2026-03-01T10:00:00.000Z', option: 1 });
    expect(report.records.map((r) => [r.kind, r.requirement, r.status])).toEqual([
      ['dkim', 'required', 'ok'],
      ['return-path', 'required', 'ok'],
      ['dmarc', 'recommended', 'ok'],
      ['spf', 'info', 'ok'],
      ['mx', 'info', 'ok'],
    ]);
    for (const r of report.records) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['kind', 'name', 'status', 'cause', 'observed', 'expected', 'ttl', 'message', 'fix']));
      expect(RECORD_KINDS).toContain(r.kind);
      expect(RECORD_STATUSES).toContain(r.status);
      expect(CAUSE_CODES).toContain(r.cause);
    }
    expect(report.records.find((r) => r.kind === 'mx')?.observed).toBe('10 mx1.good.test');
    expect(report.records.find((r) => r.kind === 'spf')?.spf).toEqual({ lookups: 1, voidLookups: 0, includes: ['_spf.good.test'], capped: false });
    expect(report.dmarc).toMatchObject({ p: 'none', source: 'good.test', rua: ['mailto:dmarc@good.test'] });
    expect(report.option2.verdict).toBe('delivers-unaligned');
    expect(summarizeStatus(report)).toBe('ok');
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('is failing when a required record is missing, warning when only DMARC is', async () => {
    const missing = await checker.check({ domain: 'broken.test', option: 1, dkimHost: 'missing._domainkey' });
    expect(summarizeStatus(missing)).toBe('failing');
    const noDmarc = await checker.check({ domain: 'nodmarc.test', option: 3 });
    expect(noDmarc.records.find((r) => r.kind === 'dmarc')).toMatchObject({ cause: 'dmarc-missing', status: 'ok', requirement: 'info' });
    expect(summarizeStatus(noDmarc)).toBe('ok');
    const noDmarcOpt1 = await checker.check({ domain: 'nodmarc.test', option: 1, dkimHost: 'x._domainkey' });
    expect(noDmarcOpt1.records.find((r) => r.kind === 'dmarc')?.status).toBe('warning');
  });

  it('option 2: no required records, MX recommended for the confirmation email', async () => {
    const r = await checker.check({ domain: 'spf-void.test', option: 2 });
    expect(r.records.map((x) => x.kind)).toEqual(['dmarc', 'spf', 'mx']);
    expect(r.records.find((x) => x.kind === 'mx')).toMatchObject({ requirement: 'recommended', status: 'warning', cause: 'nodata' });
    expect(summarizeStatus(r)).toBe('warning');
  });
});
