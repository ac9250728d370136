import type { Database } from 'better-sqlite3';
import type { RepairNote } from './import/repairs';

export interface RepairedReport {
  org: string;
  reportId: string;
  /** First day of the report's range (UTC). */
  day: string;
  sourceFile: string;
  importedAt: string;
  repairs: RepairNote[];
}

/**
 * The reports of a domain imported with something tolerated (their notes, issue #14), newest first: what the
 * DMARC page lists with a "repaired" badge. Reads the notes the importer kept on dmarc_reports.
 */
export function repairedReports(db: Database, domain: string, limit = 200): RepairedReport[] {
  const rows = db
    .prepare(
      `
    SELECT org, report_id AS reportId, date(date_begin, 'unixepoch') AS day, source_file AS sourceFile, imported_at AS importedAt, repairs
    FROM dmarc_reports WHERE domain = ? AND repairs <> '[]'
    ORDER BY date_begin DESC, id DESC LIMIT ?`,
    )
    .all(domain.toLowerCase(), limit) as Array<Omit<RepairedReport, 'repairs'> & { repairs: string }>;
  return rows.map((r) => ({ ...r, repairs: JSON.parse(r.repairs) as RepairNote[] }));
}
