import type { EffectiveDmarcPolicy } from './dmarc-policy';
import type { SendingOption } from './expected-records';
import type { Option2Verdict } from './option2-verdict';
import type { RecordResult } from './record-result';

/**
 * The JSON a domain check produces (stored in dns_checks.report_json, printed by `behalf check --json`,
 * sent to the UI). Fields are only ever added, never renamed.
 *
 * {
 *   domain: "acme.com", checkedAt: "2026-01-01T10:00:00.000Z", option: 1 | 2 | 3 | null,
 *   records: [{ kind, name, requirement, status, cause, observed, expected, ttl, message, fix, views?, spf? }],
 *   dmarc: { fromDomain, source, orgDomain, record, p, sp, np, adkim, aspf, rua, pct, t, scope, applied,
 *            errors, warnings } | null,
 *   option2: { verdict: "will-fail" | "delivers-unaligned" | "unknown", reason },
 *   authoritative: { zone: "acme.com" | null, servers: ["ns1.acme.com (192.0.2.1)"] }
 * }
 */
export interface CheckReport {
  domain: string;
  checkedAt: string;
  option: SendingOption | null;
  records: RecordResult[];
  /** The DMARC policy receivers apply to mail From this domain; null when none applies. */
  dmarc: EffectiveDmarcPolicy | null;
  /** What happens to option-2 mail (computed for every option: it is the pre-flight for switching). */
  option2: Option2Verdict;
  /** The domain's own name servers that were asked directly (empty when that view was off or unavailable). */
  authoritative: { zone: string | null; servers: string[] };
}

export const SUMMARY_STATUSES = ['ok', 'failing', 'warning', 'error'] as const;
export type SummaryStatus = (typeof SUMMARY_STATUSES)[number];

/**
 * One word per report, worst first: failing (a required record is missing/wrong, or option-2 mail will
 * fail DMARC), error (we could not look something that matters up), warning (anything else not ok), ok.
 */
export function summarizeStatus(report: Pick<CheckReport, 'records' | 'option' | 'option2'>): SummaryStatus {
  const records = report.records;
  const option2Matters = report.option === 2;
  if (records.some((r) => r.status === 'missing' || r.status === 'mismatch') || (option2Matters && report.option2.verdict === 'will-fail')) {
    return 'failing';
  }
  if (records.some((r) => r.status === 'error' && r.requirement !== 'info') || (option2Matters && report.option2.verdict === 'unknown')) {
    return 'error';
  }
  if (records.some((r) => r.status !== 'ok')) return 'warning';
  return 'ok';
}
