import type { Database } from 'better-sqlite3';
import { writeTransaction } from '../../ledger/write-transaction';
import type { ReportHeader } from './report-types';
import { ROW_COLUMNS, type ReportStage } from './stage';
import { publishReport, removeStagedReport, stagingOwner } from './staging';

export interface CommitResult {
  outcome: 'imported' | 'duplicate';
  rows: number;
  messages: number;
}

/**
 * Staged rows copied per write transaction. ~3 µs a row (indexes included) makes a step ~6 ms on a quiet
 * machine and ≤ ~40 ms with both cores busy (5,000-row steps reached 97 ms in P11): every other process that
 * wants to write waits at most about that long, instead of the whole report's copy (seconds for a 100 MB
 * report before issue #21).
 */
export const COPY_STEP_ROWS = 2_000;

/**
 * Writes the report and its staged rows so that readers see all of it or none of it; a report already in the
 * ledger (or being imported by another process) is a duplicate.
 *
 * A report that fits one step is written in one transaction. A bigger one is written *staged* (migration 009):
 * the report row first, marked with this process as its importer, then its rows in steps of COPY_STEP_ROWS,
 * each its own short transaction, and finally published by one UPDATE. Between steps the event loop runs and
 * other processes get the write lock. A failure takes the staged report out again; a kill -9 leaves it
 * staged (invisible) until the next import removes it (`removeAbandonedReports`).
 */
export async function commitReport(db: Database, stage: ReportStage, header: ReportHeader, sourceFile: string, importedAt: string): Promise<CommitResult> {
  if (stage.rows <= COPY_STEP_ROWS) {
    return writeTransaction(db, () => {
      const id = insertReport(db, stage, header, sourceFile, importedAt, null);
      if (id === undefined) return duplicate();
      copyRows(db, stage, header, id, 0, stage.rows);
      return imported(stage);
    });
  }
  const id = writeTransaction(db, () => insertReport(db, stage, header, sourceFile, importedAt, stagingOwner()));
  if (id === undefined) return duplicate();
  try {
    for (let from = 0; from < stage.rows; from += COPY_STEP_ROWS) {
      await new Promise((resolve) => setImmediate(resolve));
      writeTransaction(db, () => copyRows(db, stage, header, id, from, Math.min(stage.rows, from + COPY_STEP_ROWS)));
    }
    publishReport(db, id);
    return imported(stage);
  } catch (err) {
    try {
      removeStagedReport(db, id);
    } catch {
      // Left staged (invisible); the next import removes it once this process is gone.
    }
    throw err;
  }
}

/** The report's row id, or undefined when (org, report id) is already in the ledger (published or staged). */
function insertReport(db: Database, stage: ReportStage, header: ReportHeader, sourceFile: string, importedAt: string, stagedBy: string | null): number | bigint | undefined {
  const p = header.policy;
  const info = db.prepare(`
    INSERT INTO dmarc_reports (org, report_id, org_email, domain, date_begin, date_end, p, sp, np, adkim, aspf, pct, fo,
      testing, discovery_method, schema, version, generator, report_errors, source_file, row_count, message_count, imported_at, staged_by)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (org, report_id) DO NOTHING`).run(
    header.org, header.reportId, header.email, p.domain, header.begin, header.end, p.p ?? null, p.sp ?? null, p.np ?? null,
    p.adkim ?? null, p.aspf ?? null, p.pct ?? null, p.fo ?? null, p.testing ?? null, p.discoveryMethod ?? null, header.schema,
    header.version ?? null, header.generator ?? null, header.errors.join('\n'), sourceFile, stage.rows, stage.messages, importedAt, stagedBy,
  );
  return info.changes === 0 ? undefined : info.lastInsertRowid;
}

/** Copies staged rows with seq in (from, to] — seq runs 1…rows in file order, so rows keep their order. */
function copyRows(db: Database, stage: ReportStage, header: ReportHeader, id: number | bigint, from: number, to: number): void {
  db.prepare(`
    INSERT INTO dmarc_rows (report_id, domain, date_begin, date_end, ${ROW_COLUMNS.join(', ')})
    SELECT ?, ?, ?, ?, ${ROW_COLUMNS.join(', ')} FROM temp.${stage.table} WHERE seq > ? AND seq <= ? ORDER BY seq`).run(
    id, header.policy.domain, header.begin, header.end, from, to,
  );
}

const duplicate = (): CommitResult => ({ outcome: 'duplicate', rows: 0, messages: 0 });
const imported = (stage: ReportStage): CommitResult => ({ outcome: 'imported', rows: stage.rows, messages: stage.messages });
