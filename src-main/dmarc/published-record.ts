import { Resolver } from 'node:dns/promises';
import type { Database } from 'better-sqlite3';
import type { DmarcPublished } from '../../src-preload/api/dmarc';
import { latestDomainCheckFacts } from '../dns/check-store';
import { setResolverServers } from '../dns/servers';
import { isDmarcRecord } from '../domain/dmarc-record/tags';

/**
 * The DMARC record currently published for a domain: from the latest DNS check of a tenant on that domain
 * when there is one (what the operator already saw on the DNS tab), otherwise looked up live.
 */
export async function publishedDmarc(db: Database, domain: string, servers: string[], opts: { live?: boolean } = {}): Promise<DmarcPublished> {
  const fromCheck = fromLatestCheck(db, domain);
  if (fromCheck) return fromCheck;
  if (opts.live === false) return { record: null, from: 'none', checkedAt: null, inherited: null, error: null };
  return liveLookup(domain, servers);
}

/**
 * The DMARC answer of the latest DNS check of the domain, asked of dns/check-store (whose schema turns an
 * unexpected report into "no answer from checks" rather than an error).
 */
export function fromLatestCheck(db: Database, domain: string): DmarcPublished | null {
  const latest = latestDomainCheckFacts(db, domain);
  if (!latest) return null;
  const { dmarc, records } = latest.facts;
  const base = { from: 'dns-check' as const, checkedAt: latest.checkedAt, error: null };
  if (dmarc && typeof dmarc.record === 'string') {
    if (typeof dmarc.source === 'string' && dmarc.source !== domain) {
      return { ...base, record: null, inherited: { domain: dmarc.source, record: dmarc.record } };
    }
    return { ...base, record: dmarc.record, inherited: null };
  }
  const dmarcRow = records?.find((x) => x.kind === 'dmarc');
  if (dmarcRow?.cause === 'dmarc-missing') return { ...base, record: null, inherited: null };
  return null; // the check could not tell: ask DNS
}

/** `_dmarc.<domain>` TXT with a 2 s timeout and one try: a slow answer is shown as unknown, not waited for. */
export async function liveLookup(domain: string, servers: string[], timeoutMs = 2000): Promise<DmarcPublished> {
  const base = { from: 'live' as const, checkedAt: new Date().toISOString(), inherited: null };
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  try {
    if (servers.length) setResolverServers(resolver, servers);
    const answers = await resolver.resolveTxt(`_dmarc.${domain}`);
    const records = answers.map((parts) => parts.join('')).filter(isDmarcRecord);
    if (records.length > 1) return { ...base, record: records[0]!, error: `${records.length} DMARC records are published; receivers ignore them all.` };
    return { ...base, record: records[0] ?? null, error: null };
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'ENOTFOUND' || code === 'ENODATA') return { ...base, record: null, error: null };
    return { ...base, record: null, error: `The published record could not be looked up (${code || (err as Error).message}).` };
  }
}
