import type { LastCheckEntry } from './types';

/** The subset of a stored DNS check report (src-main/dns/report.ts) the sheet needs. */
export interface CheckRecordLike {
  kind: string;
  status: string;
  cause: string;
  observed: string | null;
  fix?: string;
}

/** DNS check kinds → sheet record kinds; SPF/MX/revoked-key rows have no line on the sheet. */
const KIND_MAP: Record<string, string> = { dkim: 'dkim', 'return-path': 'returnPath', dmarc: 'dmarc' };

/**
 * The last check's verdict per record, for the sheet's status column. A check of another domain (the tenant's
 * domain changed since) says nothing about these records, so it is ignored.
 */
export function lastCheckFromReport(
  report: { domain: string; records: readonly CheckRecordLike[] } | undefined,
  domain: string,
): Partial<Record<string, LastCheckEntry>> | undefined {
  if (!report || report.domain.toLowerCase() !== domain.toLowerCase()) return undefined;
  const out: Partial<Record<string, LastCheckEntry>> = {};
  for (const r of report.records) {
    const kind = KIND_MAP[r.kind];
    // not-checked: the checker had no input for this record, which on the sheet is simply "not checked yet".
    if (!kind || out[kind] || r.cause === 'not-checked') continue;
    const entry: LastCheckEntry = { status: r.status };
    if (r.status !== 'ok' && r.cause && r.cause !== 'ok') entry.cause = r.cause;
    if (r.observed) entry.observed = r.observed;
    out[kind] = entry;
  }
  return out;
}
