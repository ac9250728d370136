import type { Database } from 'better-sqlite3';
import { cachedPtrs, isPostmarkPtr, resolvePtrs, type ResolvePtrOptions } from './ptr';
import { periodBounds } from './days';
import { failureCountsByIp } from './failures/failure-store';
import { legitimateSenders } from './legitimate-store';
import { sourceTotalsAndAuth, type DmarcScope, type SourceAuthRow, type SourceTotals } from './report-query-store';
import { normaliseDomain } from '../domain/domain-name';

/**
 * `unknown-failing`: not Postmark, and most of its messages fail DMARC — a sender nobody set up, or a forger.
 * `postmark-unaligned`: Postmark, yet some messages fail — typically option 2 (verified From address) or a
 * domain whose DKIM/Return-Path is not in place; p=reject would drop this legitimate mail.
 */
export type SourceFlag = 'unknown-failing' | 'postmark-unaligned';

/** Postmark's shared DKIM domain: option 2/3 mail (and option 1 before its DKIM is verified) is signed d=pm.mtasv.net. */
export const POSTMARK_DKIM_DOMAIN = 'pm.mtasv.net';

/** The tenant's own Postmark DKIM key: its option-1 domain and the selectors of `<selector>._domainkey.<domain>`. */
export interface PostmarkDkim {
  domain: string;
  selectors: string[];
}

/** One SPF result behind a source's rows, in messages. */
export interface SpfAuth {
  domain: string;
  result: string;
  count: number;
}

/** One DKIM signature behind a source's rows, in messages. */
export interface DkimAuth {
  domain: string;
  selector: string;
  result: string;
  count: number;
}

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
  /** How Postmark was recognised: its reverse DNS (mtasv.net), or a passing DKIM signature of Postmark's or of the tenant's Postmark key. */
  postmarkBy: 'ptr' | 'dkim' | null;
  /** The sending domain staff marked legitimate that this source passes SPF or DKIM for, else null. */
  legitimate: string | null;
  flag: SourceFlag | null;
  /** SPF (MAIL FROM) domains and results, most messages first. */
  spf: SpfAuth[];
  /** DKIM signatures (domain, selector, result), most messages first. */
  dkim: DkimAuth[];
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
  /** Sending domains marked legitimate for this domain. */
  legitimate: string[];
  /** Largest first. */
  sources: DmarcSource[];
}

export interface PtrChoice {
  /** false = offline: cached names only. true (default) or options = look up missing names. */
  resolvePtr?: boolean | ResolvePtrOptions;
  /** The tenant's Postmark DKIM key (asked of the Postmark service), to recognise Postmark by signature too. */
  postmarkDkim?: PostmarkDkim | null;
}

/** What besides the totals a report is built from. */
export interface SourceContext {
  /** Per source IP, its SPF and DKIM results (authByIp). */
  auth?: ReadonlyMap<string, IpAuth>;
  postmarkDkim?: PostmarkDkim | null;
  /** Sending domains marked legitimate for the domain. */
  legitimate?: readonly string[];
}

/**
 * What a report is built from besides names: one pass over the scope's report rows (the expensive part at a year's
 * volume), its failure reports and the senders marked legitimate. Names come from the PTR cache, which fills while
 * a page looks them up, so they are read per report and this part can be kept on its own (kept-sources.ts).
 */
export interface SourceInputs {
  totals: SourceTotals[];
  /** Summed per IP once, here: rebuilt for every report, these maps were most of what a report allocated. */
  auth: ReadonlyMap<string, IpAuth>;
  failures: ReadonlyMap<string, number>;
  legitimate: string[];
}

export function sourceInputs(db: Database, scope: DmarcScope): SourceInputs {
  const { totals, auth: rows } = sourceTotalsAndAuth(db, scope);
  const auth = authByIp(rows);
  const { fromTs, toTs } = periodBounds(scope.from, scope.to);
  const failures = failureCountsByIp(db, normaliseDomain(scope.domain), fromTs, toTs);
  const legitimate = legitimateSenders(db, normaliseDomain(scope.domain)).map((l) => l.senderDomain);
  return { totals, auth, failures, legitimate };
}

/** Who sends mail as this domain, per source IP, over the period (from `inputs` when the caller kept them). */
export async function sourcesFor(db: Database, query: DmarcScope & PtrChoice, inputs: SourceInputs = sourceInputs(db, query)): Promise<SourcesReport> {
  const { totals, auth, failures, legitimate } = inputs;
  const ips = [...new Set([...totals.map((t) => t.ip), ...failures.keys()])];
  const ptrs = await ptrsFor(db, ips, query.resolvePtr);
  return summarise(query, totals, ptrs, failures, { auth, postmarkDkim: query.postmarkDkim ?? null, legitimate });
}

export async function ptrsFor(db: Database, ips: string[], choice: PtrChoice['resolvePtr']): Promise<Record<string, string | null>> {
  if (choice === false || ips.length === 0) return cachedPtrs(db, ips);
  return (await resolvePtrs(db, ips, choice === true || choice === undefined ? {} : choice)).ptrs;
}

/** Pure: totals + names + authentication results → the report. */
export function summarise(
  scope: DmarcScope,
  totals: SourceTotals[],
  ptrs: Record<string, string | null>,
  failures: ReadonlyMap<string, number> = new Map(),
  ctx: SourceContext = {},
): SourcesReport {
  const auth = ctx.auth ?? new Map<string, IpAuth>();
  const legit = new Set(ctx.legitimate ?? []);
  const source = (ip: string, t: SourceTotals): DmarcSource => {
    const ptr = ptrs[ip] ?? null;
    const { spf, dkim } = auth.get(ip) ?? { spf: [], dkim: [] };
    const postmarkBy = isPostmarkPtr(ptr) ? 'ptr' : dkim.some((d) => isPostmarkSignature(d, ctx.postmarkDkim ?? null)) ? 'dkim' : null;
    const postmark = postmarkBy !== null;
    const legitimate = postmark ? null : legitimateDomain(spf, dkim, legit);
    return {
      ip,
      ptr,
      count: t.count,
      spfAligned: t.spfAligned,
      dkimAligned: t.dkimAligned,
      dmarcPass: t.dmarcPass,
      postmark,
      postmarkBy,
      legitimate,
      flag: flagFor(t, postmark, legitimate !== null),
      spf,
      dkim,
      failureReports: failures.get(ip) ?? 0,
    };
  };
  const sources = totals.map((t) => source(t.ip, t));
  // Sources known only from failure reports (no aggregate report yet): listed, failing by definition.
  for (const [ip, n] of failures) {
    if (totals.some((t) => t.ip === ip)) continue;
    const s = source(ip, { ip, count: 0, spfAligned: 0, dkimAligned: 0, dmarcPass: 0 });
    sources.push({ ...s, flag: s.postmark ? 'postmark-unaligned' : s.legitimate ? null : 'unknown-failing', failureReports: n });
  }
  const messages = sources.reduce((n, s) => n + s.count, 0);
  const passing = sources.reduce((n, s) => n + s.dmarcPass, 0);
  return {
    domain: normaliseDomain(scope.domain),
    from: scope.from ?? null,
    to: scope.to ?? null,
    messages,
    passing,
    failing: messages - passing,
    legitimate: [...legit].sort(),
    sources,
  };
}

/** A report cut to its `limit` largest sources (it is largest first), with what every source adds up to. */
export function limitSources(
  report: SourcesReport,
  limit: number | undefined,
): SourcesReport & {
  counts: { sources: number; postmark: number; unknownFailing: number; postmarkUnaligned: number };
  omitted: { sources: number; messages: number };
} {
  const all = report.sources;
  const counts = { sources: all.length, postmark: 0, unknownFailing: 0, postmarkUnaligned: 0 };
  for (const s of all) {
    if (s.postmark) counts.postmark++;
    if (s.flag === 'unknown-failing') counts.unknownFailing++;
    if (s.flag === 'postmark-unaligned') counts.postmarkUnaligned++;
  }
  const shown = limit === undefined ? all : all.slice(0, limit);
  let messages = 0;
  for (let i = shown.length; i < all.length; i++) messages += all[i]!.count;
  return { ...report, sources: shown, counts, omitted: { sources: all.length - shown.length, messages } };
}

/** A passing signature by Postmark: d=pm.mtasv.net, or the tenant's own Postmark domain with one of its Postmark selectors. */
export function isPostmarkSignature(d: Pick<DkimAuth, 'domain' | 'selector' | 'result'>, own: PostmarkDkim | null): boolean {
  if (d.result !== 'pass') return false;
  const domain = d.domain.toLowerCase();
  if (domain === POSTMARK_DKIM_DOMAIN) return true;
  return own !== null && domain === own.domain.toLowerCase() && own.selectors.some((sel) => sel.toLowerCase() === d.selector.toLowerCase());
}

/** The first (by name) domain marked legitimate that this source passes SPF or DKIM for. */
function legitimateDomain(spf: SpfAuth[], dkim: DkimAuth[], legit: ReadonlySet<string>): string | null {
  if (legit.size === 0) return null;
  const passed = [...spf, ...dkim]
    .filter((a) => a.result === 'pass')
    .map((a) => a.domain)
    .filter((d) => legit.has(d))
    .sort();
  return passed[0] ?? null;
}

/** A source's SPF and DKIM results, most messages first. */
export interface IpAuth {
  spf: SpfAuth[];
  dkim: DkimAuth[];
}

/** Splits the stored rows into per-IP SPF and DKIM results (one DKIM entry per signature), summed, most messages first. */
function authByIp(rows: readonly SourceAuthRow[]): Map<string, IpAuth> {
  const spf = new Map<string, Map<string, SpfAuth>>();
  const dkim = new Map<string, Map<string, DkimAuth>>();
  const add = <T extends { count: number }>(m: Map<string, Map<string, T>>, ip: string, key: string, make: () => T, n: number) => {
    let per = m.get(ip);
    if (!per) m.set(ip, (per = new Map()));
    const cur = per.get(key) ?? make();
    cur.count += n;
    per.set(key, cur);
  };
  const dash = (v: string | undefined) => (v === undefined || v === '-' ? '' : v);
  for (const r of rows) {
    if (r.spfDomain || r.spfResult) {
      const domain = r.spfDomain.toLowerCase();
      add(spf, r.ip, `${domain} ${r.spfResult}`, () => ({ domain, result: r.spfResult, count: 0 }), r.count);
    }
    const domains = r.dkimDomains ? r.dkimDomains.split(' ') : [];
    const selectors = r.dkimSelectors.split(' ');
    const results = r.dkimResults.split(' ');
    domains.forEach((d, i) => {
      const domain = dash(d).toLowerCase();
      const selector = dash(selectors[i]);
      const result = dash(results[i]);
      add(dkim, r.ip, `${domain} ${selector} ${result}`, () => ({ domain, selector, result, count: 0 }), r.count);
    });
  }
  const order = <T extends { count: number; domain: string }>(xs: Iterable<T>) =>
    [...xs].sort((a, b) => b.count - a.count || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
  const out = new Map<string, IpAuth>();
  for (const ip of new Set([...spf.keys(), ...dkim.keys()]))
    out.set(ip, { spf: order(spf.get(ip)?.values() ?? []), dkim: order(dkim.get(ip)?.values() ?? []) });
  return out;
}

export function flagFor(t: SourceTotals, postmark: boolean, legitimate = false): SourceFlag | null {
  const failing = t.count - t.dmarcPass;
  if (failing <= 0) return null;
  if (postmark) return 'postmark-unaligned';
  if (legitimate) return null;
  // "Most" rather than "any": a legitimate sender with a few forwarded failures is not the alarm here.
  return failing * 2 >= t.count ? 'unknown-failing' : null;
}
