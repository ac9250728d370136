import type { DkimKey } from '../../src-preload/api/dkim';
import type { PostmarkState } from '../../src-preload/api/postmark';
import type { StoredCheck } from '../dns/check-store';
import { dkimKey, unquote } from '../dns/dkim-value';
import { dkimKeyLength } from './key-length';

type Domain = NonNullable<PostmarkState['domain']>;
export interface Sighting {
  host: string;
  publicKey: string;
  firstSeenActiveAt: string | null;
  firstSeenPendingAt: string | null;
}

/** The p= of a value with whitespace gone: what identifies a key across Postmark's answers and DNS. */
export const publicKeyOf = (value: string): string => dkimKey(unquote(value)) ?? '';

/**
 * Whether the revoked key is still in DNS, from a DNS check's `dkim-revoked` row: its observed TXT carries the
 * revoked p= (true), the lookup answered without it (false), or the check could not tell / never looked (null).
 */
export function revokedPublished(check: Pick<StoredCheck, 'report'> | null, host: string, value: string): boolean | null {
  const row = check?.report.records.find((r) => r.kind === 'dkim-revoked' && r.name.toLowerCase() === host.toLowerCase());
  if (!row) return null;
  const key = publicKeyOf(value);
  if (row.observed && key && row.observed.replace(/\s+/g, '').includes(key)) return true;
  return row.status === 'error' ? null : false;
}

/**
 * The keys Postmark holds for a domain, each with its length (decoded from p=), when Behalf first saw it active
 * and, for the revoked one, whether DNS still publishes it.
 */
export function keysOf(domain: Domain, sightings: Sighting[], latestCheck: Pick<StoredCheck, 'report'> | null): DkimKey[] {
  const seen = (host: string, value: string) => sightings.find((s) => s.host === host && s.publicKey === publicKeyOf(value));
  const build = (role: DkimKey['role'], k: { host: string; value: string }): DkimKey => {
    const length = dkimKeyLength(k.value);
    const s = seen(k.host, k.value);
    return {
      role,
      host: k.host,
      selector: k.host.split('._domainkey')[0] ?? k.host,
      bits: length.bits,
      bitsError: length.error,
      firstSeenActiveAt: s?.firstSeenActiveAt ?? null,
      // Exact when Behalf saw the key pending before it turned active: it watched the change happen.
      ageExact: Boolean(s?.firstSeenPendingAt && s.firstSeenActiveAt),
      published: role === 'revoked' ? revokedPublished(latestCheck, k.host, k.value) : null,
    };
  };
  return [
    ...(domain.active ? [build('active', domain.active)] : []),
    ...(domain.pending ? [build('pending', domain.pending)] : []),
    ...(domain.revoked ? [build('revoked', domain.revoked)] : []),
  ];
}
