import { describe, expect, it } from 'vitest';
import type { HealthDay, HealthThresholds } from '../../../src-preload/api/health';
import { judgeHealth, trendOf, windowOf } from '../../../src-main/health/verdict';

const T: HealthThresholds = { bounceRateMax: 10, complaintRateMax: 0.3, complaintRateAim: 0.1, quietDays: 7, minVolume: 100 };
/** 30 days: the first 23 at `early`, the last 7 at `late` (sent, bounced, complaints per day). */
function days(early: [number, number, number], late: [number, number, number]): HealthDay[] {
  return Array.from({ length: 30 }, (_, i) => {
    const [sent, bounced, complaints] = i < 23 ? early : late;
    return { day: `2026-11-${String(i + 1).padStart(2, '0')}`, sent, bounced, hard: bounced, soft: 0, transient: 0, smtpErrors: 0, complaints };
  });
}
const judge = (d: HealthDay[], over: Partial<Parameters<typeof judgeHealth>[0]> = {}) =>
  judgeHealth({ days: d, status: 'live', hasServer: true, fetched: true, thresholds: T, ...over });

describe('sending health verdict', () => {
  it('computes windows as percentages and trends only with enough mail', () => {
    expect(windowOf(days([0, 0, 0], [1000, 25, 1]).slice(-7))).toEqual({ sent: 7000, bounced: 175, complaints: 7, bounceRate: 2.5, complaintRate: 0.1 });
    expect(windowOf([]).bounceRate).toBeNull();
    expect(trendOf(3, 1, 0.5, true)).toBe('up');
    expect(trendOf(1, 3, 0.5, true)).toBe('down');
    expect(trendOf(1.1, 1, 0.5, true)).toBe('flat');
    expect(trendOf(3, 1, 0.5, false)).toBeNull();
  });

  it('is in trouble at or over a limit, naming each with its fix', () => {
    const r = judge(days([1000, 10, 0], [1000, 120, 4]));
    expect(r.verdict).toBe('in-trouble');
    expect(r.reasons.map((x) => [x.code, x.level])).toEqual([
      ['complaints.over-limit', 'fail'],
      ['bounces.over-limit', 'fail'],
    ]);
    expect(r.reasons.every((x) => x.fix.length > 20)).toBe(true);
    expect(r.reasons[0]!.text).toMatch(/0\.4 %.*0\.3 %/);
  });

  it('is degrading over the aim, over half the bounce level, or rising', () => {
    expect(judge(days([1000, 10, 1], [1000, 10, 2])).reasons.map((x) => x.code)).toEqual(['complaints.over-aim']);
    expect(judge(days([1000, 60, 0], [1000, 60, 0])).reasons.map((x) => x.code)).toEqual(['bounces.high']);
    const rising = judge(days([1000, 5, 0], [1000, 30, 0]));
    expect([rising.verdict, rising.reasons.map((x) => x.code)]).toEqual(['degrading', ['bounces.rising']]);
  });

  it('does not judge rates on a handful of mails', () => {
    const r = judge(days([10, 5, 1], [10, 5, 1]));
    expect(r.verdict).toBe('ok');
    expect(r.reasons.map((x) => x.code)).toEqual(['volume.low']);
  });

  it('is quiet when live and silent for the quiet days, not when awaiting DNS', () => {
    const silent = days([1000, 10, 0], [0, 0, 0]);
    const q = judge(silent);
    expect(q.verdict).toBe('quiet');
    expect(q.reasons[0]!.text).toMatch(/last on 2026-11-23/);
    expect(judge(silent, { status: 'awaiting-dns' }).verdict).toBe('ok');
  });

  it('says no data without a server or a fetch', () => {
    expect(judge(days([1000, 0, 0], [1000, 0, 0]), { hasServer: false }).reasons[0]!.code).toBe('no-server');
    expect(judge(days([1000, 0, 0], [1000, 0, 0]), { fetched: false }).verdict).toBe('no-data');
  });
});
