import { describe, expect, it } from 'vitest';
import { planDmarcRollout } from '../../../src-main/dmarc/plan';

describe('planDmarcRollout', () => {
  it('ramps none → quarantine → reject on dated steps, keeping the other tags', () => {
    const plan = planDmarcRollout({ domain: 'acme.example', start: '2025-01-30', base: { rua: ['mailto:d@acme.example'], aspf: 'r' } });
    expect(plan.steps.map(({ date, p, testMode, record }) => ({ date, p, testMode, record }))).toEqual([
      { date: '2025-01-30', p: 'none', testMode: false, record: 'v=DMARC1; p=none; aspf=r; rua=mailto:d@acme.example' },
      { date: '2025-02-27', p: 'quarantine', testMode: false, record: 'v=DMARC1; p=quarantine; aspf=r; rua=mailto:d@acme.example' },
      { date: '2025-03-27', p: 'reject', testMode: false, record: 'v=DMARC1; p=reject; aspf=r; rua=mailto:d@acme.example' },
    ]);
    expect(plan.steps.every((s) => s.name === '_dmarc.acme.example' && s.note.length > 10)).toBe(true);
  });

  it('inserts RFC 9989 test-mode steps when asked', () => {
    const plan = planDmarcRollout({ domain: 'acme.example', start: '2025-03-01', monitorDays: 14, quarantineDays: 7, testMode: true, testDays: 7 });
    expect(plan.steps.map((s) => `${s.date} ${s.record}`)).toEqual([
      '2025-03-01 v=DMARC1; p=none',
      '2025-03-15 v=DMARC1; p=quarantine; t=y',
      '2025-03-22 v=DMARC1; p=quarantine',
      '2025-03-29 v=DMARC1; p=reject; t=y',
      '2025-04-05 v=DMARC1; p=reject',
    ]);
  });

  it('refuses impossible dates and durations', () => {
    expect(() => planDmarcRollout({ domain: 'acme.example', start: '2025-02-30' })).toThrow(expect.objectContaining({ code: 'dmarc.bad-date' }));
    expect(() => planDmarcRollout({ domain: 'acme.example', start: '2025-02-01', monitorDays: -1 })).toThrow(
      expect.objectContaining({ code: 'dmarc.plan.bad-duration' }),
    );
  });
});
