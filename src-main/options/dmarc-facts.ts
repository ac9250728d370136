import type { DmarcFact, DmarcPolicy } from '../domain/options';
import type { Db } from '../ledger/open';
import { asObject, parseJsonObject, str, tableExists } from './ledger-read';

/** The DMARC fact the advisor uses, plus where it came from so the UI can say "checked at …". */
export interface CheckedDmarc {
  /** null when the check could not tell what happens to unaligned mail. */
  fact: DmarcFact | null;
  /** Does the domain accept mail (an MX that is not null)? null = the check could not tell. */
  receivesMail: boolean | null;
  domain: string;
  checkedAt: string;
}

const POLICIES: readonly string[] = ['none', 'quarantine', 'reject'];
const asPolicy = (v: unknown): DmarcPolicy | null => (typeof v === 'string' && POLICIES.includes(v) ? (v as DmarcPolicy) : null);

/**
 * Reads the tenant's latest DNS check (dns_checks.report_json: `{ dmarc: {applied, p, …}|null,
 * option2: {verdict, reason} }`) for one of the given domains. null = not checked, or the check could not
 * tell (verdict "unknown"): the advisor then says "run the DNS check" instead of guessing.
 */
export function latestDmarcFact(db: Db, tenantId: string, domains: readonly string[]): CheckedDmarc | null {
  if (!tableExists(db, 'dns_checks') || domains.length === 0) return null;
  const wanted = [...new Set(domains.map((d) => d.toLowerCase()).filter(Boolean))];
  const row = db
    .prepare(`SELECT domain, checked_at, report_json FROM dns_checks
              WHERE tenant_id = ? AND lower(domain) IN (${wanted.map(() => '?').join(', ')})
              ORDER BY id DESC LIMIT 1`)
    .get(tenantId, ...wanted) as { domain: string; checked_at: string; report_json: string } | undefined;
  if (!row) return null;
  const report = parseJsonObject(row.report_json);
  const option2 = asObject(report?.option2);
  const verdict = option2?.verdict;
  const dmarc = asObject(report?.dmarc);
  const fact: DmarcFact | null = verdict === 'will-fail' || verdict === 'delivers-unaligned'
    ? { verdict, policy: dmarc ? asPolicy(dmarc.applied) ?? asPolicy(dmarc.p) : null, reason: str(option2?.reason) ?? '' }
    : null;
  return {
    fact,
    receivesMail: mxAnswer(report?.records),
    domain: row.domain,
    checkedAt: row.checked_at,
  };
}

/** The MX row of a stored check: ok = mail can arrive; an absent or null MX = it cannot; a failed lookup = unknown. */
function mxAnswer(records: unknown): boolean | null {
  if (!Array.isArray(records)) return null;
  const mx = records.map(asObject).find((r) => r?.kind === 'mx');
  if (!mx || mx.status === 'error') return null;
  return mx.cause === 'ok';
}
