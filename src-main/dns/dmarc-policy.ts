import { organisationalDomain } from '../domain/org-domain';
import { joinTxt } from './dkim-value';
import { isDmarcRecord } from '../domain/dmarc-record/tags';
import { dispositionFor, parseDmarc, type Alignment, type DmarcDisposition } from '../domain/dmarc-record/receiver';
import type { DnsClient, LookupFailure } from './resolver';

export type DmarcFetch =
  | { kind: 'none'; failure: 'nxdomain' | 'nodata' }
  | { kind: 'one'; text: string }
  | { kind: 'multiple'; texts: string[] }
  | { kind: 'failed'; cause: LookupFailure };

/** The DMARC TXT records at `_dmarc.<domain>`; other TXT records at that name are discarded (RFC 7489 §6.6.3). */
export async function fetchDmarc(client: DnsClient, domain: string): Promise<DmarcFetch> {
  const found = await client.txt(`_dmarc.${domain}`);
  if (!found.ok) {
    return found.cause === 'nxdomain' || found.cause === 'nodata' ? { kind: 'none', failure: found.cause } : { kind: 'failed', cause: found.cause };
  }
  const texts = found.value.map(joinTxt).filter(isDmarcRecord);
  if (texts.length === 0) return { kind: 'none', failure: 'nodata' };
  return texts.length === 1 ? { kind: 'one', text: texts[0] ?? '' } : { kind: 'multiple', texts };
}

/** The one organisational-domain rule lives in domain/org-domain.ts. */
export { organisationalDomain };

/** The policy a receiver would apply to mail From `fromDomain`, and where it came from. */
export interface EffectiveDmarcPolicy {
  fromDomain: string;
  /** Domain whose _dmarc record applies (the From domain itself or its organisational domain). */
  source: string;
  orgDomain: string;
  /** The TXT value as published. */
  record: string;
  p: DmarcDisposition | null;
  sp: DmarcDisposition | null;
  np: DmarcDisposition | null;
  adkim: Alignment;
  aspf: Alignment;
  rua: string[];
  pct: number | null;
  t: 'y' | 'n';
  /** Which tag decided: the domain's own p, sp for an existing subdomain, np for a non-existent one. */
  scope: 'domain' | 'subdomain' | 'non-existent';
  applied: DmarcDisposition;
  errors: string[];
  warnings: string[];
}

export type DmarcDiscovery =
  { status: 'found'; policy: EffectiveDmarcPolicy } | { status: 'none'; reason: string } | { status: 'failed'; cause: LookupFailure; name: string };

/**
 * RFC 9091/9989: a domain is non-existent for DMARC when A, AAAA and MX all come back NXDOMAIN or NODATA.
 * A failed lookup counts as "exists": we never guess the stricter np from missing answers.
 */
export async function isNonExistent(client: DnsClient, domain: string): Promise<boolean> {
  const answers = await Promise.all([client.a(domain), client.aaaa(domain), client.mx(domain)]);
  return answers.every((a) => !a.ok && (a.cause === 'nxdomain' || a.cause === 'nodata'));
}

/**
 * Policy discovery as a receiver does it: the From domain's own record, else the organisational domain's
 * (public suffix list via tldts). RFC 9989's tree walk would also try intermediate names; for the domains
 * Behalf sees (a customer's domain or one level below) both walks ask the same names.
 */
export async function discoverDmarcPolicy(client: DnsClient, fromDomain: string): Promise<DmarcDiscovery> {
  const orgDomain = organisationalDomain(fromDomain);
  const own = await fetchDmarc(client, fromDomain);
  if (own.kind === 'failed') return { status: 'failed', cause: own.cause, name: `_dmarc.${fromDomain}` };
  if (own.kind === 'multiple') return { status: 'none', reason: `${own.texts.length} DMARC records at _dmarc.${fromDomain}, so receivers apply no policy` };
  if (own.kind === 'one') return { status: 'found', policy: effective(fromDomain, fromDomain, orgDomain, own.text, 'domain') };
  if (orgDomain === fromDomain) return { status: 'none', reason: `no DMARC record at _dmarc.${fromDomain}` };

  const org = await fetchDmarc(client, orgDomain);
  if (org.kind === 'failed') return { status: 'failed', cause: org.cause, name: `_dmarc.${orgDomain}` };
  if (org.kind === 'multiple') return { status: 'none', reason: `${org.texts.length} DMARC records at _dmarc.${orgDomain}, so receivers apply no policy` };
  if (org.kind === 'none') return { status: 'none', reason: `no DMARC record at _dmarc.${fromDomain} or _dmarc.${orgDomain}` };
  const scope = (await isNonExistent(client, fromDomain)) ? 'non-existent' : 'subdomain';
  return { status: 'found', policy: effective(fromDomain, orgDomain, orgDomain, org.text, scope) };
}

export function effective(fromDomain: string, source: string, orgDomain: string, text: string, scope: EffectiveDmarcPolicy['scope']): EffectiveDmarcPolicy {
  const { record, errors, warnings } = parseDmarc(text);
  return {
    fromDomain,
    source,
    orgDomain,
    record: text,
    p: record.p,
    sp: record.sp,
    np: record.np,
    adkim: record.adkim,
    aspf: record.aspf,
    rua: record.rua,
    pct: record.pct,
    t: record.t,
    scope,
    applied: dispositionFor(record, scope),
    errors,
    warnings,
  };
}
