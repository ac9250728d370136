/**
 * Stable vocabulary of a DNS check. Cause codes are stored in the ledger (report_json, drift_json) and
 * shown by the CLI/UI, so they are never renamed; new ones are only appended.
 */
export const CAUSE_CODES = [
  'ok',
  'nxdomain',
  'nodata',
  'timeout',
  'servfail',
  'doubled-suffix',
  'proxied-cname',
  'cname-wrong-target',
  'dkim-mismatch',
  'dkim-truncated',
  'dkim-quoted',
  'dkim-malformed',
  'spf-multiple',
  'spf-too-many-lookups',
  'spf-void-lookups',
  'dmarc-missing',
  'dmarc-multiple',
  'dmarc-invalid',
  'stale-cache',
  'revoked-key-still-published',
  // Added because reality needs them:
  'refused', // the server answered REFUSED (not authoritative / recursion not allowed): different fix from servfail
  'spf-invalid', // SPF syntax error or include of a name without SPF: a permerror that is neither of the counted limits
  'nameservers-disagree', // the domain's own name servers answer differently (secondary not yet updated)
  'not-checked', // a required input (e.g. the DKIM host from Postmark) was not given, so nothing could be looked up
] as const;
export type Cause = (typeof CAUSE_CODES)[number];

export const RECORD_KINDS = ['dkim', 'dkim-revoked', 'return-path', 'dmarc', 'spf', 'mx'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const RECORD_STATUSES = ['ok', 'missing', 'mismatch', 'warning', 'error'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/** How much a record matters for the tenant's sending option. */
export const REQUIREMENTS = ['required', 'recommended', 'info'] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

/** Causes that mean "the lookup itself failed": we do not know what is published. */
const LOOKUP_FAILURES: ReadonlySet<Cause> = new Set<Cause>(['timeout', 'servfail', 'refused']);
/** Causes that mean "nothing usable is published at the name". */
const ABSENT: ReadonlySet<Cause> = new Set<Cause>(['nxdomain', 'nodata', 'doubled-suffix', 'dmarc-missing']);
/** Causes that are advisory even for required records. */
const ADVISORY: ReadonlySet<Cause> = new Set<Cause>(['stale-cache', 'revoked-key-still-published', 'nameservers-disagree', 'not-checked']);

export function isLookupFailure(cause: Cause): boolean {
  return LOOKUP_FAILURES.has(cause);
}

/**
 * One rule for every kind: a problem on a required record is missing/mismatch, on a recommended record it
 * is a warning; an informational record that is simply absent is fine (nothing asked for it), but a broken
 * one is a warning. A failed lookup is an error whatever the requirement: we could not tell.
 */
export function statusFor(cause: Cause, requirement: Requirement): RecordStatus {
  if (cause === 'ok') return 'ok';
  if (LOOKUP_FAILURES.has(cause)) return 'error';
  if (ADVISORY.has(cause)) return 'warning';
  if (requirement === 'info' && ABSENT.has(cause)) return 'ok';
  if (requirement !== 'required') return 'warning';
  return ABSENT.has(cause) ? 'missing' : 'mismatch';
}
