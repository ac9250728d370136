import type { Database } from 'better-sqlite3';
import { cachedPtrs, isPostmarkPtr, resolvePtrs, type ResolvePtrOptions } from './ptr';
import { periodBounds } from './days';
import { failureCountsByIp } from './failures/failure-store';
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
  /** Failure reports (ruf) about mail from this IP in the period: a source may appear only in these. */
  failureReports: number;
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
  const { fromTs, toTs } = periodBounds(query.from, query.to);
  const failures = failureCountsByIp(db, normaliseDomain(query.domain), fromTs, toTs);
  const ips = [...new Set([...totals.map((t) => t.ip), ...failures.keys()])];
  const ptrs = await ptrsFor(db, ips, query.resolvePtr);
  return summarise(query, totals, ptrs, failures);
}

export async function ptrsFor(db: Database, ips: string[], choice: PtrChoice['resolvePtr']): Promise<Record<string, string | null>> {
  if (choice === false || ips.length === 0) return cachedPtrs(db, ips);
  return (await resolvePtrs(db, ips, choice === true || choice === undefined ? {} : choice)).ptrs;
}

/** Pure: totals + names → the report. */
export function summarise(scope: DmarcScope, totals: SourceTotals[], ptrs: Record<string, string | null>, failures: ReadonlyMap<string, number> = new Map()): SourcesReport {
  const sources = totals.map((t): DmarcSource => {
    const ptr = ptrs[t.ip] ?? null;
    const postmark = isPostmarkPtr(ptr);
    return {
      ip: t.ip, ptr, count: t.count, spfAligned: t.spfAligned, dkimAligned: t.dkimAligned, dmarcPass: t.dmarcPass, postmark, flag: flagFor(t, postmark),
      failureReports: failures.get(t.ip) ?? 0,
    };
  });
  // Sources known only from failure reports (no aggregate report yet): listed, failing by definition.
  for (const [ip, n] of failures) {
    if (totals.some((t) => t.ip === ip)) continue;
    const ptr = ptrs[ip] ?? null;
    const postmark = isPostmarkPtr(ptr);
    sources.push({ ip, ptr, count: 0, spfAligned: 0, dkimAligned: 0, dmarcPass: 0, postmark, flag: postmark ? 'postmark-unaligned' : 'unknown-failing', failureReports: n });
  }
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
