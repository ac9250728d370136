import { Resolver } from 'node:dns/promises';
import type { Database } from 'better-sqlite3';
import type { DmarcPublished } from '../../src-preload/api/dmarc';

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
 * Reads dns_checks defensively: the report JSON belongs to the DNS feature and may gain or lack fields, so
 * anything unexpected means "no answer from checks" rather than an error.
 */
export function fromLatestCheck(db: Database, domain: string): DmarcPublished | null {
  let row: { report_json: string; checked_at: string } | undefined;
  try {
    row = db.prepare('SELECT report_json, checked_at FROM dns_checks WHERE domain = ? ORDER BY id DESC LIMIT 1').get(domain) as typeof row;
  } catch {
    return null; // no such table in this ledger
  }
  if (!row) return null;
  let report: unknown;
  try {
    report = JSON.parse(row.report_json);
  } catch {
    return null;
  }
  const r = report as { dmarc?: { record?: unknown; source?: unknown } | null; records?: Array<{ kind?: unknown; cause?: unknown }> };
  const base = { from: 'dns-check' as const, checkedAt: row.checked_at, error: null };
  const dmarc = r?.dmarc;
  if (dmarc && typeof dmarc.record === 'string') {
    if (typeof dmarc.source === 'string' && dmarc.source !== domain) {
      return { ...base, record: null, inherited: { domain: dmarc.source, record: dmarc.record } };
    }
    return { ...base, record: dmarc.record, inherited: null };
  }
  const dmarcRow = Array.isArray(r?.records) ? r.records.find((x) => x?.kind === 'dmarc') : undefined;
  if (dmarcRow?.cause === 'dmarc-missing') return { ...base, record: null, inherited: null };
  return null; // the check could not tell: ask DNS
}

/** `_dmarc.<domain>` TXT with a 2 s timeout and one try: a slow answer is shown as unknown, not waited for. */
export async function liveLookup(domain: string, servers: string[], timeoutMs = 2000): Promise<DmarcPublished> {
  const base = { from: 'live' as const, checkedAt: new Date().toISOString(), inherited: null };
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  try {
    if (servers.length) resolver.setServers(servers);
    const answers = await resolver.resolveTxt(`_dmarc.${domain}`);
    const records = answers.map((parts) => parts.join('')).filter((t) => /^v\s*=\s*DMARC1\s*(;|$)/i.test(t));
    if (records.length > 1) return { ...base, record: records[0]!, error: `${records.length} DMARC records are published; receivers ignore them all.` };
    return { ...base, record: records[0] ?? null, error: null };
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'ENOTFOUND' || code === 'ENODATA') return { ...base, record: null, error: null };
    return { ...base, record: null, error: `The published record could not be looked up (${code || (err as Error).message}).` };
  }
}
