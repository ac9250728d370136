import { BehalfError } from '../../src-preload/api/errors';
import { addDays, formatDay, parseDay } from './days';
import { buildDmarcRecord, type DmarcRecordInput } from './record-build';
import type { DmarcPolicy } from '../domain/dmarc-record/tags';

export interface RolloutPlanInput {
  domain: string;
  /** First day of monitoring, YYYY-MM-DD. */
  start: string;
  /** Everything but p and t (rua, adkim, sp…): kept the same at every step. */
  base?: Omit<DmarcRecordInput, 'p' | 't'>;
  /** Days at p=none before tightening. Default 28: long enough to see weekly and monthly senders. */
  monitorDays?: number;
  /** Days at p=quarantine before p=reject. Default 28. */
  quarantineDays?: number;
  /** Insert RFC 9989 test-mode steps (t=y) before quarantine and before reject. Default false. */
  testMode?: boolean;
  /** Days each t=y step lasts. Default 14. */
  testDays?: number;
}

export interface RolloutStep {
  /** Day to publish this record, YYYY-MM-DD. */
  date: string;
  p: DmarcPolicy;
  testMode: boolean;
  name: string;
  record: string;
  /** What to check before moving to the next step. */
  note: string;
}

export interface RolloutPlan {
  domain: string;
  steps: RolloutStep[];
}

const NOTES: Record<string, string> = {
  none: 'Monitor: read the reports and fix every legitimate source that fails DMARC (enforcement readiness should reach 0 legitimate failures).',
  'quarantine-test': 'Test mode: receivers still treat failures as p=none and tag them policy_test_mode in reports. Confirm nothing legitimate appears.',
  quarantine: 'Quarantine: failing mail goes to spam. Watch for complaints from recipients and for new senders.',
  'reject-test': 'Test mode: receivers still only quarantine failures. Last check before rejecting.',
  reject: 'Reject: failing mail is refused. Keep reading reports; new senders must be authenticated before they start.',
};

/** A dated ramp none → quarantine → reject (optionally through t=y), each step with its full record. */
export function planDmarcRollout(input: RolloutPlanInput): RolloutPlan {
  const start = parseDay(input.start);
  const monitor = input.monitorDays ?? 28;
  const quarantine = input.quarantineDays ?? 28;
  const test = input.testMode ? (input.testDays ?? 14) : 0;
  for (const [label, n] of [
    ['monitorDays', monitor],
    ['quarantineDays', quarantine],
    ['testDays', test],
  ] as const) {
    if (!Number.isInteger(n) || n < 0) throw new BehalfError('dmarc.plan.bad-duration', `${label} must be a whole number of days ≥ 0.`);
  }
  const stages: Array<{ p: DmarcPolicy; t: boolean; key: string; days: number }> = [{ p: 'none', t: false, key: 'none', days: monitor }];
  if (input.testMode) stages.push({ p: 'quarantine', t: true, key: 'quarantine-test', days: test });
  stages.push({ p: 'quarantine', t: false, key: 'quarantine', days: quarantine });
  if (input.testMode) stages.push({ p: 'reject', t: true, key: 'reject-test', days: test });
  stages.push({ p: 'reject', t: false, key: 'reject', days: 0 });

  let offset = 0;
  const steps = stages.map((s) => {
    const built = buildDmarcRecord(input.domain, { ...(input.base ?? {}), p: s.p, ...(s.t ? { t: true } : {}) });
    const step: RolloutStep = {
      date: formatDay(addDays(start, offset)),
      p: s.p,
      testMode: s.t,
      name: built.name,
      record: built.value,
      note: NOTES[s.key] ?? '',
    };
    offset += s.days;
    return step;
  });
  return { domain: input.domain.trim().toLowerCase(), steps };
}
