import fs from 'node:fs';
import path from 'node:path';
import { openLedger, type Db } from '../../../src-main/ledger/open';

/**
 * The P7 ledger: a year of DMARC aggregate reports for many domains, written straight into a real ledger (made by
 * the app's own migrations) with SQL, because importing 10 million rows through XML would take the bench an hour.
 * The columns hold what the importer stores (src-main/dmarc/import/stage-store.ts): one space-separated value per
 * DKIM signature, policy_evaluated results as 'pass'/'fail', the report's range on every row.
 *
 * The mix per domain is what a help-desk customer's reports look like: most mail from Postmark (aligned DKIM and
 * SPF), some from the customer's own servers (SPF only), forwarders (DKIM survives, SPF breaks) and a tail of
 * unknown senders failing both, spread over a few thousand IPs.
 */
export interface YearLedgerSpec {
  rows: number;
  domains: number;
  days: number;
  /** Reporting organisations: each domain gets one report per organisation per day. */
  orgs: readonly string[];
  /** UTC day of the first report, YYYY-MM-DD. */
  firstDay: string;
}

export const DEFAULT_YEAR: YearLedgerSpec = {
  rows: 10_000_000,
  domains: 1_000,
  days: 365,
  orgs: ['google.com', 'yahoo.com', 'outlook.com'],
  firstDay: '2025-01-01',
};

/** Version of the generator: a cached ledger made by another version is made again. */
const GENERATOR = 1;

export const domainName = (n: number) => `d${String(n).padStart(4, '0')}.example`;
export const POSTMARK_IPS = [
  '50.31.156.104',
  '50.31.156.105',
  '50.31.156.106',
  '50.31.156.107',
  '104.245.209.192',
  '104.245.209.193',
  '104.245.209.194',
  '104.245.209.195',
];

/** Opens (or builds, then caches under `dir`) the year ledger; returns it with how long building took (0: cached). */
export function yearLedger(dir: string, spec: YearLedgerSpec = DEFAULT_YEAR): { db: Db; file: string; buildMs: number } {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `year-${spec.rows}-${spec.domains}-${spec.days}-g${GENERATOR}.sqlite`);
  if (fs.existsSync(file)) return { db: openLedger(file), file, buildMs: 0 };
  const partial = `${file}.building`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  const t = performance.now();
  const db = openLedger(partial);
  build(db, spec);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  fs.renameSync(partial, file);
  for (const f of [`${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  return { db: openLedger(file), file, buildMs: performance.now() - t };
}

function build(db: Db, spec: YearLedgerSpec): void {
  const reports = spec.domains * spec.days * spec.orgs.length;
  const start = Date.parse(`${spec.firstDay}T00:00:00Z`) / 1000;
  // The rows' indexes are made after the rows (the same definitions, read back from the schema): much faster than
  // keeping three B-trees ordered during 10 million inserts, and the result is the same ledger.
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dmarc_rows' AND sql IS NOT NULL`).all() as Array<{
    name: string;
    sql: string;
  }>;
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec('BEGIN');
  for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
  // Integers go into the SQL text: better-sqlite3 binds every JS number as REAL, and k / n must divide as integers.
  const I = { reports, orgs: spec.orgs.length, domains: spec.domains, start, rows: spec.rows };
  for (const [k, v] of Object.entries(I)) if (!Number.isSafeInteger(v)) throw new Error(`P7 ledger: ${k} must be an integer`);
  const orgCase = spec.orgs.map((o, i) => `WHEN ${i} THEN '${o}'`).join(' ');
  // Report k: day k / (domains × orgs), domain (k / orgs) % domains, organisation k % orgs — in arrival order.
  db.prepare(
    `
    WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k + 1 < ${I.reports})
    INSERT INTO dmarc_reports (id, org, report_id, org_email, domain, date_begin, date_end, p, adkim, aspf, pct, schema, version, source_file, imported_at)
    SELECT k + 1, CASE k % ${I.orgs} ${orgCase} END, 'p7-' || k, 'dmarc@' || CASE k % ${I.orgs} ${orgCase} END,
           'd' || printf('%04d', (k / ${I.orgs}) % ${I.domains}) || '.example',
           ${I.start} + (k / (${I.domains} * ${I.orgs})) * 86400, ${I.start} + (k / (${I.domains} * ${I.orgs})) * 86400 + 86399,
           'none', 'r', 'r', 100, 'rfc7489', '1.0', 'p7', '2026-01-01T00:00:00.000Z'
    FROM n`,
  ).run();
  // Row i belongs to report i × reports / rows (blocks of 9–10 rows). h spreads sources pseudo-randomly.
  const postmarkIp = `CASE h % ${POSTMARK_IPS.length} ${POSTMARK_IPS.map((ip, i) => `WHEN ${i} THEN '${ip}'`).join(' ')} END`;
  db.prepare(
    `
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${I.rows}),
    r AS (SELECT i, (i * ${I.reports}) / ${I.rows} AS k, (i * 2654435761) % 4294967296 AS h FROM n),
    s AS (SELECT i, k, h, h % 10 AS kind, (k / ${I.orgs}) % ${I.domains} AS dom FROM r)
    INSERT INTO dmarc_rows (id, report_id, domain, date_begin, date_end, source_ip, count, disposition, dkim_evaluated,
                            spf_evaluated, header_from, envelope_from, dkim_domains, dkim_selectors, dkim_results, spf_domain, spf_result)
    SELECT i + 1, k + 1, 'd' || printf('%04d', dom) || '.example',
           ${I.start} + (k / (${I.domains} * ${I.orgs})) * 86400, ${I.start} + (k / (${I.domains} * ${I.orgs})) * 86400 + 86399,
           CASE WHEN kind < 6 THEN ${postmarkIp}
                WHEN kind < 8 THEN '10.' || (dom / 256) || '.' || (dom % 256) || '.' || (h % 2 + 1)
                ELSE '198.' || (18 + h % 2) || '.' || ((h / 7) % 64) || '.' || ((h / 11) % 40) END,
           1 + (h / 13) % 40, 'none',
           CASE WHEN kind < 6 OR kind = 8 THEN 'pass' ELSE 'fail' END,
           CASE WHEN kind < 8 THEN 'pass' ELSE 'fail' END,
           'd' || printf('%04d', dom) || '.example',
           CASE WHEN kind < 6 THEN 'pm-bounces.d' || printf('%04d', dom) || '.example' ELSE 'd' || printf('%04d', dom) || '.example' END,
           CASE WHEN kind < 6 OR kind = 8 THEN 'd' || printf('%04d', dom) || '.example' ELSE '' END,
           CASE WHEN kind < 6 THEN '20250101pm' WHEN kind = 8 THEN 'mail' ELSE '' END,
           CASE WHEN kind < 6 OR kind = 8 THEN 'pass' ELSE '' END,
           CASE WHEN kind < 6 THEN 'pm-bounces.d' || printf('%04d', dom) || '.example' WHEN kind < 8 THEN 'd' || printf('%04d', dom) || '.example' ELSE 'forwarder.example' END,
           CASE WHEN kind < 8 THEN 'pass' ELSE 'fail' END
    FROM s`,
  ).run();
  db.exec(`UPDATE dmarc_reports SET row_count = t.n, message_count = t.m
           FROM (SELECT report_id, COUNT(*) AS n, SUM(count) AS m FROM dmarc_rows GROUP BY report_id) AS t
           WHERE t.report_id = dmarc_reports.id`);
  const ptr = db.prepare(`INSERT INTO ptr_cache (ip, ptr, resolved_at) VALUES (?, ?, '2026-01-01T00:00:00.000Z') ON CONFLICT (ip) DO NOTHING`);
  POSTMARK_IPS.forEach((ip, i) => ptr.run(ip, `mta${i + 1}.pm.mtasv.net`));
  for (const ix of indexes) db.exec(ix.sql);
  db.exec('COMMIT');
  // No ANALYZE: the app never runs it, so the query planner here sees what it sees on an operator's ledger.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
}
