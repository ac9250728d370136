import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsChecker, type DnsChecker } from '../../../src-main/dns/check-domain';
import { compareReports, DRIFT_CODES } from '../../../src-main/dns/drift';
import type { CheckReport } from '../../../src-main/dns/report';
import { startNsd, type NsdServer } from '../../support/nsd';
import { DRIFT_V1, DRIFT_V2, MAIN_ZONES, driftInput } from '../../support/nsd/zoneFixtures';

describe('drift between two real checks (nsd reload in between)', () => {
  let nsd: NsdServer;
  let checker: DnsChecker;
  const before: Record<1 | 2, CheckReport> = {} as never;
  const after: Record<1 | 2, CheckReport> = {} as never;

  beforeAll(async () => {
    nsd = await startNsd({ zones: { ...MAIN_ZONES, 'drift.test': DRIFT_V1 } });
    checker = createDnsChecker({ servers: [nsd.server], timeout: 400, tries: 1, authoritative: { port: nsd.port } });
    before[1] = await checker.check(driftInput(1));
    before[2] = await checker.check(driftInput(2));
    await nsd.reload({ ...MAIN_ZONES, 'drift.test': DRIFT_V2 });
    after[1] = await checker.check(driftInput(1));
    after[2] = await checker.check(driftInput(2));
  });
  afterAll(async () => nsd?.stop());

  it('finds nothing between two identical checks', () => {
    expect(compareReports(before[1], before[1])).toEqual([]);
  });

  it('reports DKIM gone, CNAME changed and SPF newly over the limit', () => {
    const drift = compareReports(before[1], after[1]);
    expect(drift.map((d) => [d.code, d.kind, d.severity])).toEqual([
      ['dkim-gone', 'dkim', 'alert'],
      ['cname-changed', 'return-path', 'alert'],
      ['spf-over-limit', 'spf', 'alert'],
    ]);
    const cname = drift.find((d) => d.code === 'cname-changed');
    expect(cname).toMatchObject({ before: 'pm-bounces.drift.test → pm.mtasv.net', after: 'pm-bounces.drift.test → bounces.other-esp.example' });
    expect(drift.find((d) => d.code === 'spf-over-limit')?.message).toMatch(/12 DNS lookups/);
  });

  it('reports DMARC tightening only for option-2 tenants', () => {
    const drift = compareReports(before[2], after[2]);
    expect(drift.map((d) => d.code)).toEqual(['dkim-gone', 'spf-over-limit', 'dmarc-tightened']);
    expect(drift.find((d) => d.code === 'dmarc-tightened')).toMatchObject({
      kind: 'dmarc-policy',
      name: '_dmarc.drift.test',
      before: 'v=DMARC1; p=none; rua=mailto:d@drift.test',
      after: 'v=DMARC1; p=reject; rua=mailto:d@drift.test',
    });
    expect(compareReports(before[1], after[1]).some((d) => d.code === 'dmarc-tightened')).toBe(false);
  });

  it('reports recoveries going back, and the CNAME change as a notice when it is ok again', () => {
    const drift = compareReports(after[1], before[1]);
    expect(drift.map((d) => [d.code, d.kind, d.severity])).toEqual([
      ['record-recovered', 'dkim', 'notice'],
      ['cname-changed', 'return-path', 'notice'],
      ['record-recovered', 'spf', 'notice'],
    ]);
  });

  it('reports any other ok → not ok as record-broke, and failed lookups as a notice', () => {
    const broke = structuredClone(before[1]);
    const mx = broke.records.find((r) => r.kind === 'mx')!;
    Object.assign(mx, { status: 'warning', cause: 'nodata', observed: null });
    const failed = structuredClone(before[1]);
    Object.assign(
      failed.records.find((r) => r.kind === 'dmarc')!,
      { status: 'error', cause: 'timeout' },
    );
    expect(compareReports(before[1], broke).map((d) => [d.code, d.kind])).toEqual([['record-broke', 'mx']]);
    expect(compareReports(before[1], failed).map((d) => [d.code, d.severity])).toEqual([['lookup-failed', 'notice']]);
    expect(DRIFT_CODES).toContain('lookup-failed');
  });
});
