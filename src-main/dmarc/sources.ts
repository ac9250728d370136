import type { Database } from 'better-sqlite3';
import { cachedPtrs, isPostmarkPtr, resolvePtrs, type ResolvePtrOptions } from './ptr';
import { normaliseDomain, sourceTotals, type DmarcScope, type SourceTotals } from './query';

/**
 * `unknown-failing`: not Postmark, and most of its messages fail DMARC — a sender nobody set up, or a forger.
 * `postmark-unaligned`: Postmark, yet some messages fail — typically option 2 (verified From address) or a
 * domain whose DKIM/Return-Path is not in place; p=reject would drop this legitimate mail.
 */
export type SourceFlag = 'unknown-failing' | 'postmark-unaligned';

export interface DmarcSource {
  ip: string;
  ptr: string | null;
  /** Messages from this IP. The next three are message counts too. */
  count: number;
  spfAligned: number;
  dkimAligned: number;
  /** DKIM aligned pass or SPF aligned pass. */
  dmarcPass: number;
  postmark: boolean;
  flag: SourceFlag | null;
}

export interface SourcesReport {
  domain: string;
  from: string | null;
  to: string | null;
  messages: number;
  passing: number;
  failing: number;
  /** Largest first. */
  sources: DmarcSource[];
}

export interface PtrChoice {
  /** false = offline: cached names only. true (default) or options = look up missing names. */
  resolvePtr?: boolean | ResolvePtrOptions;
}

/** Who sends mail as this domain, per source IP, over the period. */
export async function sourcesFor(db: Database, query: DmarcScope & PtrChoice): Promise<SourcesReport> {
  const totals = sourceTotals(db, query);
  const ptrs = await ptrsFor(db, totals.map((t) => t.ip), query.resolvePtr);
  return summarise(query, totals, ptrs);
}

export async function ptrsFor(db: Database, ips: string[], choice: PtrChoice['resolvePtr']): Promise<Record<string, string | null>> {
  if (choice === false || ips.length === 0) return cachedPtrs(db, ips);
  return (await resolvePtrs(db, ips, choice === true || choice === undefined ? {} : choice)).ptrs;
}

/** Pure: totals + names → the report. */
export function summarise(scope: DmarcScope, totals: SourceTotals[], ptrs: Record<string, string | null>): SourcesReport {
  const sources = totals.map((t): DmarcSource => {
    const ptr = ptrs[t.ip] ?? null;
    const postmark = isPostmarkPtr(ptr);
    return { ip: t.ip, ptr, count: t.count, spfAligned: t.spfAligned, dkimAligned: t.dkimAligned, dmarcPass: t.dmarcPass, postmark, flag: flagFor(t, postmark) };
  });
  const messages = sources.reduce((n, s) => n + s.count, 0);
  const passing = sources.reduce((n, s) => n + s.dmarcPass, 0);
  return { domain: normaliseDomain(scope.domain), from: scope.from ?? null, to: scope.to ?? null, messages, passing, failing: messages - passing, sources };
}

export function flagFor(t: SourceTotals, postmark: boolean): SourceFlag | null {
  const failing = t.count - t.dmarcPass;
  if (failing <= 0) return null;
  if (postmark) return 'postmark-unaligned';
  // "Most" rather than "any": a legitimate sender with a few forwarded failures is not the alarm here.
  return failing * 2 >= t.count ? 'unknown-failing' : null;
}
