import type { DmarcFact, DmarcPolicy } from '../domain/options';
import type { Db } from '../ledger/open';
import { latestTenantCheckFacts, type StoredCheckFacts } from '../dns/check-store';

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
 * The tenant's latest DNS check for one of the given domains, asked of dns/check-store (its facts schema:
 * `{ dmarc: {applied, p, …}|null, option2: {verdict, reason} }`). null = not checked, or the check could not
 * tell (verdict "unknown"): the advisor then says "run the DNS check" instead of guessing.
 */
export function latestDmarcFact(db: Db, tenantId: string, domains: readonly string[]): CheckedDmarc | null {
  const latest = latestTenantCheckFacts(db, tenantId, domains);
  if (!latest) return null;
  const { dmarc, option2, records } = latest.facts;
  const verdict = option2?.verdict;
  const fact: DmarcFact | null =
    verdict === 'will-fail' || verdict === 'delivers-unaligned'
      ? { verdict, policy: dmarc ? (asPolicy(dmarc.applied) ?? asPolicy(dmarc.p)) : null, reason: option2?.reason?.trim() ? option2.reason : '' }
      : null;
  return { fact, receivesMail: mxAnswer(records), domain: latest.domain, checkedAt: latest.checkedAt };
}

/** The MX row of a stored check: ok = mail can arrive; an absent or null MX = it cannot; a failed lookup = unknown. */
function mxAnswer(records: StoredCheckFacts['records']): boolean | null {
  if (!records) return null;
  const mx = records.find((r) => r.kind === 'mx');
  if (!mx || mx.status === 'error') return null;
  return mx.cause === 'ok';
}
