import type { LastCheckEntry, RecordStatus, StatusTone } from './types';

/**
 * Turns the DNS check's status/cause words into the UI's status vocabulary and plain advice for a
 * customer's IT person. Unknown words are shown verbatim rather than hidden.
 */

const TONES: Record<string, StatusTone> = {
  ok: 'ok',
  pass: 'ok',
  passed: 'ok',
  verified: 'ok',
  found: 'ok',
  match: 'ok',
  valid: 'ok',
  pending: 'pending',
  propagating: 'pending',
  waiting: 'pending',
  warning: 'warning',
  warn: 'warning',
  failing: 'failing',
  fail: 'failing',
  failed: 'failing',
  missing: 'failing',
  absent: 'failing',
  'not-found': 'failing',
  nxdomain: 'failing',
  mismatch: 'failing',
  wrong: 'failing',
  invalid: 'failing',
  error: 'error',
  timeout: 'error',
  servfail: 'error',
  unknown: 'unknown',
  unchecked: 'unknown',
};

const TONE_LABELS: Record<StatusTone, string> = {
  ok: 'Found and correct',
  pending: 'Not visible yet (waiting)',
  warning: 'Found, but needs attention',
  failing: 'Not found or not right',
  error: 'Could not be checked',
  unknown: 'Not checked yet',
};

const SPECIFIC_LABELS: Record<string, string> = {
  missing: 'Not found',
  absent: 'Not found',
  'not-found': 'Not found',
  nxdomain: 'Not found',
  mismatch: 'Found, but the value is different',
  wrong: 'Found, but the value is different',
  invalid: 'Found, but the value is not valid',
};

/** Cause codes of the failures listed in dns-and-dmarc.md, with the synonyms a checker might use. */
const CAUSES: Array<[string[], string]> = [
  [
    ['fqdn-doubled', 'doubled-suffix', 'host-doubled', 'doubled-zone', 'zone-appended', 'domain-twice'],
    'The name was typed in full and the panel added the domain again (like pm-bounces.acme.com.acme.com). Type only the short name shown above.',
  ],
  [
    ['cloudflare-proxied', 'proxied', 'cname-proxied', 'proxied-cname'],
    'The CNAME is proxied (orange cloud), so the name answers with addresses instead. Set it to "DNS only" (grey cloud).',
  ],
  [['dkim-quoted', 'quoted-value', 'extra-quotes', 'quotes'], 'The value contains quote marks that are not part of it. Remove them.'],
  [['dkim-line-breaks', 'line-breaks', 'whitespace', 'dkim-whitespace'], 'The value contains line breaks or extra spaces. Paste it again, in one piece.'],
  [['dkim-missing-p', 'missing-p'], 'The value lacks the p= part (the key itself). Paste the whole value.'],
  [
    ['dkim-truncated', 'truncated'],
    'The value is cut short. Paste the whole value; if the panel limits the length, split it as shown in the zone file version of this sheet.',
  ],
  [
    ['parking-dns', 'wrong-nameservers', 'ns-mismatch', 'not-authoritative'],
    "The record was added at a DNS service that doesn't answer for this domain. Add it where the domain's name servers point.",
  ],
  [
    ['cname-target-relative', 'missing-trailing-dot', 'target-doubled'],
    'The CNAME target got the domain added to it (like pm.mtasv.net.acme.com). End the target with a dot, or type it without your domain.',
  ],
  [['cname-conflict', 'cname-coexists'], "Another record uses the same name, and a CNAME can't share its name. Remove the other record."],
  [['cname-wrong-target', 'wrong-target'], 'The CNAME points somewhere else. Set its target to the value shown above.'],
  [['wrong-value', 'value-mismatch', 'dkim-mismatch'], 'The value differs from the one above. Replace it with the exact value.'],
  [['multiple-dmarc', 'duplicate-dmarc', 'two-dmarc'], 'There are two DMARC records at this name; receivers then ignore both. Keep only one.'],
  [
    ['resolver-cache', 'negative-cache', 'cached', 'cached-nxdomain', 'stale-cache'],
    'The record is published, but resolvers may still remember the old "not found" answer for a while. Nothing to do: wait.',
  ],
  // The DNS checker's own codes (src-main/dns/causes.ts) that have no synonym above.
  [['dkim-malformed'], 'The value is not a valid DKIM record. Paste the whole value exactly as shown above.'],
  [['timeout', 'servfail', 'refused'], 'The DNS servers did not answer properly when we checked. This is usually temporary; we will check again.'],
  [
    ['nameservers-disagree'],
    "Your domain's name servers do not all give the same answer yet. Wait a little, or make sure every DNS service listed for the domain has the record.",
  ],
  [['nxdomain', 'nodata', 'missing', 'not-found', 'absent'], 'Nothing is published at this name yet. Add the record; if you just did, allow up to an hour.'],
];

function normalise(word: string): string {
  return word
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Plain advice for a cause code; a cause that already reads like a sentence is passed through. */
export function explainCause(cause: string): string {
  const key = normalise(cause);
  for (const [codes, text] of CAUSES) if (codes.includes(key)) return text;
  return cause.trim();
}

export function recordStatus(entry: LastCheckEntry | undefined): RecordStatus {
  if (!entry) return { tone: 'unknown', label: TONE_LABELS.unknown };
  const key = normalise(entry.status);
  const tone = TONES[key] ?? 'unknown';
  const status: RecordStatus = { tone, label: SPECIFIC_LABELS[key] ?? (TONES[key] ? TONE_LABELS[tone] : entry.status.trim() || TONE_LABELS.unknown) };
  if (entry.cause && entry.cause.trim() && tone !== 'ok') status.detail = explainCause(entry.cause);
  if (entry.observed !== undefined && entry.observed !== '' && tone !== 'ok') status.observed = entry.observed;
  return status;
}
