import { normaliseDomain } from '../domain/domain-name';
import type { Database, Statement } from 'better-sqlite3';
import { periodBounds } from './days';
import { STAGED_REPORT_IDS } from './import/staging-store';

/** Which report rows a DMARC view covers: one domain, optionally a period of UTC days (inclusive). */
export interface DmarcScope {
  domain: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  /** YYYY-MM-DD, inclusive. */
  to?: string;
}

export interface ScopeSql {
  /** A WHERE clause over dmarc_rows (alias-free). */
  where: string;
  params: Record<string, string | number>;
}

/**
 * Rows count for a domain when it is the report's policy domain, or when it is the From domain of a row in
 * a report for its parent (subdomains without their own record are reported under the parent's policy).
 * Rows of a report still being imported (staged) are left out: a report shows up whole or not at all.
 */
export function scopeSql(scope: DmarcScope): ScopeSql {
  const { fromTs, toTs } = periodBounds(scope.from, scope.to);
  return {
    where: `(domain = @domain OR header_from = @domain) AND date_begin >= @fromTs AND date_begin < @toTs AND report_id NOT IN (${STAGED_REPORT_IDS})`,
    params: { domain: normaliseDomain(scope.domain), fromTs, toTs },
  };
}

/** A DMARC query names its domain by the one domain rule: what a tenant's form refuses is refused here too. */

/** Per-IP totals, in message counts. policy_evaluated dkim/spf = pass means an aligned pass. */
export interface SourceTotals {
  ip: string;
  count: number;
  spfAligned: number;
  dkimAligned: number;
  dmarcPass: number;
}

export function sourceTotals(db: Database, scope: DmarcScope): SourceTotals[] {
  const { where, params } = scopeSql(scope);
  return db
    .prepare(
      `
    SELECT source_ip AS ip,
           SUM(count) AS count,
           SUM(CASE WHEN spf_evaluated = 'pass' THEN count ELSE 0 END) AS spfAligned,
           SUM(CASE WHEN dkim_evaluated = 'pass' THEN count ELSE 0 END) AS dkimAligned,
           SUM(CASE WHEN spf_evaluated = 'pass' OR dkim_evaluated = 'pass' THEN count ELSE 0 END) AS dmarcPass
    FROM dmarc_rows WHERE ${where}
    GROUP BY source_ip
    ORDER BY count DESC, source_ip ASC`,
    )
    .all(params) as SourceTotals[];
}

/**
 * The authentication results behind a source's rows, in message counts: one entry per distinct (IP, SPF
 * domain/result, DKIM domains/selectors/results). The DKIM columns hold one space-separated value per signature
 * (`-` where the report left it out), exactly as the import stored them (src-main/dmarc/import/stage.ts).
 */
export interface SourceAuthRow {
  ip: string;
  spfDomain: string;
  spfResult: string;
  dkimDomains: string;
  dkimSelectors: string;
  dkimResults: string;
  count: number;
}

export function sourceAuthRows(db: Database, scope: DmarcScope): SourceAuthRow[] {
  const { where, params } = scopeSql(scope);
  return db
    .prepare(
      `
    SELECT source_ip AS ip, spf_domain AS spfDomain, spf_result AS spfResult, dkim_domains AS dkimDomains,
           dkim_selectors AS dkimSelectors, dkim_results AS dkimResults, SUM(count) AS count
    FROM dmarc_rows WHERE ${where}
    GROUP BY source_ip, spf_domain, spf_result, dkim_domains, dkim_selectors, dkim_results`,
    )
    .all(params) as SourceAuthRow[];
}

/**
 * Both of the above from one pass over the scope's rows (what "who sends as D" and readiness need): at a year's
 * volume the rows are read from disk once instead of twice (bench P7). Grouped by every column either answer
 * needs, then summed per IP (totals, ordered as sourceTotals) and per IP + authentication results (auth rows).
 */
export function sourceTotalsAndAuth(db: Database, scope: DmarcScope): { totals: SourceTotals[]; auth: SourceAuthRow[] } {
  const { where, params } = scopeSql(scope);
  const groups = db
    .prepare(
      `
    SELECT source_ip AS ip, spf_evaluated AS spfEvaluated, dkim_evaluated AS dkimEvaluated, spf_domain AS spfDomain,
           spf_result AS spfResult, dkim_domains AS dkimDomains, dkim_selectors AS dkimSelectors, dkim_results AS dkimResults,
           SUM(count) AS count
    FROM dmarc_rows WHERE ${where}
    GROUP BY source_ip, spf_evaluated, dkim_evaluated, spf_domain, spf_result, dkim_domains, dkim_selectors, dkim_results`,
    )
    .all(params) as Array<SourceAuthRow & { spfEvaluated: string; dkimEvaluated: string }>;
  const totals = new Map<string, SourceTotals>();
  const auth = new Map<string, SourceAuthRow>();
  for (const g of groups) {
    const t = totals.get(g.ip) ?? { ip: g.ip, count: 0, spfAligned: 0, dkimAligned: 0, dmarcPass: 0 };
    t.count += g.count;
    if (g.spfEvaluated === 'pass') t.spfAligned += g.count;
    if (g.dkimEvaluated === 'pass') t.dkimAligned += g.count;
    if (g.spfEvaluated === 'pass' || g.dkimEvaluated === 'pass') t.dmarcPass += g.count;
    totals.set(g.ip, t);
    const key = JSON.stringify([g.ip, g.spfDomain, g.spfResult, g.dkimDomains, g.dkimSelectors, g.dkimResults]);
    const a = auth.get(key);
    if (a) a.count += g.count;
    else
      auth.set(key, {
        ip: g.ip,
        spfDomain: g.spfDomain,
        spfResult: g.spfResult,
        dkimDomains: g.dkimDomains,
        dkimSelectors: g.dkimSelectors,
        dkimResults: g.dkimResults,
        count: g.count,
      });
  }
  // sourceTotals' ORDER BY count DESC, source_ip ASC (SQLite compares TEXT by bytes, as < does on ASCII IPs).
  const ordered = [...totals.values()].sort((a, b) => b.count - a.count || (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
  // sourceAuthRows' GROUP BY order (ip, then each authentication column), so ties later sort the same way.
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const authOrdered = [...auth.values()].sort(
    (a, b) =>
      cmp(a.ip, b.ip) ||
      cmp(a.spfDomain, b.spfDomain) ||
      cmp(a.spfResult, b.spfResult) ||
      cmp(a.dkimDomains, b.dkimDomains) ||
      cmp(a.dkimSelectors, b.dkimSelectors) ||
      cmp(a.dkimResults, b.dkimResults),
  );
  return { totals: ordered, auth: authOrdered };
}

const passCountStmts = new WeakMap<Database, Statement>();

/**
 * Messages and DMARC passes for one domain over a period, and nothing else: the Health page asks this for every
 * tenant, so it is one cached statement over the same scope rule (no chart series, no PTR lookups).
 */
export function passCounts(db: Database, scope: DmarcScope): { messages: number; passing: number } {
  const { where, params } = scopeSql(scope);
  let stmt = passCountStmts.get(db);
  if (!stmt) {
    stmt = db.prepare(`
      SELECT COALESCE(SUM(count), 0) AS messages,
             COALESCE(SUM(CASE WHEN spf_evaluated = 'pass' OR dkim_evaluated = 'pass' THEN count ELSE 0 END), 0) AS passing
      FROM dmarc_rows WHERE ${where}`);
    passCountStmts.set(db, stmt);
  }
  return stmt.get(params) as { messages: number; passing: number };
}
