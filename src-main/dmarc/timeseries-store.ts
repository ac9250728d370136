import type { Database } from 'better-sqlite3';
import { daysBetween } from './days';
import { cachedPtrs, isPostmarkPtr } from './ptr';
import { scopeSql, type DmarcScope } from './report-query-store';

export interface DayVolume {
  day: string;
  messages: number;
  passing: number;
}

/** Messages and DMARC passes per UTC day and source IP: the one scan both charts are drawn from. */
interface DayIpRow {
  day: string;
  ip: string;
  messages: number;
  passing: number;
}

function dayIpRows(db: Database, scope: DmarcScope): DayIpRow[] {
  const { where, params } = scopeSql(scope);
  return db
    .prepare(
      `
    SELECT date(date_begin, 'unixepoch') AS day, source_ip AS ip, SUM(count) AS messages,
           SUM(CASE WHEN spf_evaluated = 'pass' OR dkim_evaluated = 'pass' THEN count ELSE 0 END) AS passing
    FROM dmarc_rows WHERE ${where}
    GROUP BY day, source_ip ORDER BY day`,
    )
    .all(params) as DayIpRow[];
}

/**
 * Messages and DMARC passes per UTC day (a report counts on the day its range begins). Days without data are
 * filled with zeros across the requested period — or across the data's own span when no period is given —
 * so charts get an even axis.
 */
export function dailyVolume(db: Database, scope: DmarcScope): DayVolume[] {
  return dailyFrom(dayIpRows(db, scope), scope);
}

/** Daily messages of the `top` largest sources (plus 'other'), for a stacked chart. PTRs from the cache only. */
export function sourceVolume(db: Database, scope: DmarcScope & { top?: number }): SourceVolume {
  return sourcesFrom(db, dayIpRows(db, scope), scope);
}

/** Both charts from one pass over the rows (at a year's volume the rows are read once, not twice: bench P7). */
export function volumeCharts(db: Database, scope: DmarcScope & { top?: number }): { dailyVolume: DayVolume[]; sourceVolume: SourceVolume } {
  const rows = dayIpRows(db, scope);
  return { dailyVolume: dailyFrom(rows, scope), sourceVolume: sourcesFrom(db, rows, scope) };
}

function dailyFrom(rows: readonly DayIpRow[], scope: DmarcScope): DayVolume[] {
  const byDay = new Map<string, DayVolume>();
  for (const r of rows) {
    const d = byDay.get(r.day);
    if (d) {
      d.messages += r.messages;
      d.passing += r.passing;
    } else byDay.set(r.day, { day: r.day, messages: r.messages, passing: r.passing });
  }
  const days = [...byDay.values()]; // rows come ordered by day
  return fillDays(days, scope.from ?? days[0]?.day, scope.to ?? days[days.length - 1]?.day, (day) => ({ day, messages: 0, passing: 0 }));
}

export interface SourceSeries {
  /** An IP, or 'other' for everything outside the top N. */
  key: string;
  ptr: string | null;
  postmark: boolean;
  /** Messages per day, aligned with `days`. */
  messages: number[];
}

export interface SourceVolume {
  days: string[];
  series: SourceSeries[];
}

function sourcesFrom(db: Database, rows: readonly DayIpRow[], scope: DmarcScope & { top?: number }): SourceVolume {
  const top = Math.max(1, scope.top ?? 8);
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.ip, (totals.get(r.ip) ?? 0) + r.messages);
  const leaders = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, top)
    .map(([ip]) => ip);
  const days = fillDays(
    [...new Set(rows.map((r) => r.day))].map((day) => ({ day })),
    scope.from ?? rows[0]?.day,
    scope.to ?? rows[rows.length - 1]?.day,
    (day) => ({ day }),
  ).map((d) => d.day);
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const ptrs = cachedPtrs(db, leaders);
  const series: SourceSeries[] = leaders.map((ip) => ({ key: ip, ptr: ptrs[ip] ?? null, postmark: isPostmarkPtr(ptrs[ip]), messages: days.map(() => 0) }));
  const other: SourceSeries = { key: 'other', ptr: null, postmark: false, messages: days.map(() => 0) };
  const byIp = new Map(series.map((s) => [s.key, s]));
  for (const r of rows) {
    const i = dayIndex.get(r.day);
    const s = byIp.get(r.ip) ?? other;
    if (i !== undefined) s.messages[i] = (s.messages[i] ?? 0) + r.messages;
  }
  if (totals.size > leaders.length) series.push(other);
  return { days, series };
}

function fillDays<T extends { day: string }>(rows: T[], first: string | undefined, last: string | undefined, empty: (day: string) => T): T[] {
  if (!first || !last) return rows;
  const all = daysBetween(first, last);
  if (all.length === 0) return rows; // period too long to fill: keep only days with data
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return all.map((d) => byDay.get(d) ?? empty(d));
}
