import type { Database } from 'better-sqlite3';
import { writeTransaction } from '../../ledger/write-transaction';
import { HEADER_COLUMNS, headerValues } from './report-header-columns';
import type { ReportHeader } from './report-types';
import { ReportDigest } from './report-digest';
import { RepairLog, type RepairNote } from './repairs';
import { ROW_COLUMNS } from './stage-store';
import { awaitStagedReport, publishReport, removeStagedReport, stagingOwner } from './staging-store';

export interface CommitResult {
  outcome: 'imported' | 'duplicate';
  rows: number;
  messages: number;
  /** What was tolerated in the report (kept with it in the ledger); empty for a duplicate. */
  repairs: RepairNote[];
}

/** What the ledger keeps about the import itself, beside the report's own header. */
export interface ReportMeta {
  sourceFile: string;
  importedAt: string;
  repairs: RepairLog;
  /**
   * SHA-256 (hex) of what was read (report-digest.ts): tells a re-send from a different report reusing its id.
   * Undefined for a reader that cannot vouch its content compares (Postmark's JSON flattens records): such a
   * report then counts as the same as any report with its id, whichever comes first.
   */
  sha256?: string;
}

/** A report's rows, ready to be written: held in memory (a small report) or parked in a TEMP stage. */
export interface StagedRows {
  readonly rows: number;
  readonly messages: number;
  /** Writes rows from (from, to] — 1-based, file order — into dmarc_rows under report `id`, inside the caller's transaction. */
  copyInto(id: number | bigint, header: ReportHeader, from: number, to: number): void;
}

/** What `insertReport` answers when the same (org, report id) is being imported right now, its digest not yet known. */
interface WaitFor {
  waitFor: number;
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
 * ledger with the same content is a duplicate. One that another import is writing right now (staged, its digest
 * not yet known) is waited for first (`awaitStagedReport`).
 *
 * A report that fits one step is written in one transaction. A bigger one is written *staged* (migration 009):
 * the report row first, marked with this process as its importer, then its rows in steps of COPY_STEP_ROWS,
 * each its own short transaction, and finally published by one UPDATE. Between steps the event loop runs and
 * other processes get the write lock. A failure takes the staged report out again; a kill -9 leaves it
 * staged (invisible) until the next import removes it (`removeAbandonedReports`).
 */
export async function commitReport(db: Database, stage: StagedRows, header: ReportHeader, r: ReportMeta): Promise<CommitResult> {
  for (;;) {
    if (stage.rows <= COPY_STEP_ROWS) {
      const done = writeTransaction(db, (): CommitResult | WaitFor => {
        const id = insertReport(db, stage, header, r, null);
        if (id === undefined || typeof id === 'object') return id ?? duplicate();
        stage.copyInto(id, header, 0, stage.rows);
        return imported(stage, r);
      });
      if ('outcome' in done) return done;
      await awaitStagedReport(db, done.waitFor);
      continue;
    }
    const id = writeTransaction(db, () => insertReport(db, stage, header, r, stagingOwner()));
    if (id === undefined) return duplicate();
    if (typeof id === 'object') {
      await awaitStagedReport(db, id.waitFor);
      continue;
    }
    try {
      for (let from = 0; from < stage.rows; from += COPY_STEP_ROWS) {
        await new Promise((resolve) => setImmediate(resolve));
        writeTransaction(db, () => stage.copyInto(id, header, from, Math.min(stage.rows, from + COPY_STEP_ROWS)));
      }
      publishReport(db, id);
      return imported(stage, r);
    } catch (err) {
      try {
        removeStagedReport(db, id);
      } catch {
        // Left staged (invisible); the next import removes it once this process is gone.
      }
      throw err;
    }
  }
}

/**
 * Writes the report row of a report whose rows are written as they are read (report-writer-store.ts): staged,
 * with no digest or tallies yet. Undefined when (org, report id) is already in the ledger, published or staged.
 */
export function stageReportRow(db: Database, header: ReportHeader, sourceFile: string, importedAt: string): number | bigint | undefined {
  const meta: ReportMeta = { sourceFile, importedAt, repairs: new RepairLog() };
  return writeTransaction(db, () => insertReportAs(db, { rows: 0, messages: 0 }, header, meta, stagingOwner(), header.reportId));
}

/** Publishes a report staged by `stageReportRow` once all its rows are in: header, tallies, digest and notes with it. */
export function publishWrittenReport(db: Database, id: number | bigint, header: ReportHeader, counts: Counts, r: ReportMeta): CommitResult {
  const published = writeTransaction(db, () =>
    db
      .prepare(
        `UPDATE dmarc_reports SET ${[...HEADER_COLUMNS, ...TALLY_COLUMNS].map((c) => `${c} = ?`).join(', ')}, staged_by = NULL
        WHERE id = ? AND staged_by IS NOT NULL`,
      )
      .run(...headerValues(header), ...tallyValues(counts, r), id),
  );
  // Only this import removes its own staged report (another removes it only once this process is gone).
  if (published.changes !== 1) throw new Error(`staged report ${id} was no longer in the ledger when it was to be published`);
  return imported(counts, r);
}

/** What the import knows only once the report is read to its end. */
const TALLY_COLUMNS = ['row_count', 'message_count', 'repairs', 'content_sha256'] as const;

function tallyValues(counts: Counts, r: ReportMeta): unknown[] {
  return [counts.rows, counts.messages, JSON.stringify(r.repairs.list()), r.sha256 ?? null];
}

interface Counts {
  rows: number;
  messages: number;
}

/**
 * The report's row id, or undefined when it is a re-send of a report already in the ledger (published or
 * staged). A different report under an id its reporter already used (issue #14) is kept under
 * `<id>#<digest prefix>`, with a note — dropping it as a "duplicate" would silently lose its rows.
 */
function insertReport(db: Database, stage: Counts, header: ReportHeader, r: ReportMeta, stagedBy: string | null): number | bigint | WaitFor | undefined {
  let reportId = header.reportId;
  for (let attempt = 0; attempt < 2; attempt++) {
    const id = insertReportAs(db, stage, header, r, stagedBy, reportId);
    if (id !== undefined) return id;
    const known = db
      .prepare('SELECT id, content_sha256 AS sha, staged_by AS stagedBy FROM dmarc_reports WHERE org = ? AND report_id = ?')
      .get(header.org, reportId) as { id: number; sha: string | null; stagedBy: string | null } | undefined;
    // Being written as it is read by another import: its digest comes when it is published.
    if (known?.stagedBy && !known.sha && r.sha256) return { waitFor: known.id };
    if (!known?.sha || !r.sha256 || known.sha === r.sha256) return undefined;
    if (attempt === 0 && storedAsOlderDigest(db, header, r.sha256)) return undefined;
    reportId = `${header.reportId}#${r.sha256.slice(0, 12)}`;
    r.repairs.add(
      'dmarc.repair.report-id-reused',
      `${header.org} already sent a different report with id "${header.reportId}"; this one is kept as "${reportId}".`,
    );
  }
  return undefined;
}

/**
 * Is this report in the ledger already, under its id or as a kept reuse of it (`<id>#…`), with a digest made before
 * issue #17's change of the digest's text? Such a digest never equals today's, so each of them is computed again
 * from what the ledger holds, and rewritten when it matches: a re-send of a report imported before the change is
 * still a duplicate, not a different report kept twice.
 */
function storedAsOlderDigest(db: Database, header: ReportHeader, sha256: string): boolean {
  // '#' is U+0023: every "<id>#…" sorts from "<id>#" up to "<id>$", an index range.
  const candidates = db
    .prepare(
      `SELECT id, content_sha256 AS sha FROM dmarc_reports
      WHERE org = ? AND (report_id = ? OR (report_id >= ? AND report_id < ?)) AND content_sha256 IS NOT NULL AND staged_by IS NULL`,
    )
    .all(header.org, header.reportId, `${header.reportId}#`, `${header.reportId}$`) as Array<{ id: number; sha: string }>;
  for (const c of candidates) {
    if (c.sha !== sha256 && digestOfStoredReport(db, c.id) !== sha256) continue;
    db.prepare('UPDATE dmarc_reports SET content_sha256 = ? WHERE id = ?').run(sha256, c.id);
    return true;
  }
  return false;
}

/** Rows read per JSON batch when a stored report's digest is computed again (under V8's 128 KiB large-object size). */
const DIGEST_BATCH_ROWS = 256;

/** The digest (report-digest.ts) of report `id` as the ledger holds it: its rows in file order, its header columns. */
export function digestOfStoredReport(db: Database, id: number | bigint): string {
  const digest = new ReportDigest();
  const rows = db.prepare(`SELECT ${ROW_COLUMNS.join(', ')} FROM dmarc_rows WHERE report_id = ? ORDER BY id`).raw();
  let batch: unknown[][] = [];
  for (const row of rows.iterate(id) as IterableIterator<unknown[]>) {
    batch.push(row);
    if (batch.length === DIGEST_BATCH_ROWS) {
      digest.rows(JSON.stringify(batch));
      batch = [];
    }
  }
  digest.rows(JSON.stringify(batch));
  const header = db
    .prepare(`SELECT ${HEADER_COLUMNS.join(', ')} FROM dmarc_reports WHERE id = ?`)
    .raw()
    .get(id) as unknown[];
  return digest.finishWith(header);
}

function insertReportAs(
  db: Database,
  stage: Counts,
  header: ReportHeader,
  r: ReportMeta,
  stagedBy: string | null,
  reportId: string,
): number | bigint | undefined {
  const columns = ['org', 'report_id', ...HEADER_COLUMNS, 'source_file', 'imported_at', 'staged_by', ...TALLY_COLUMNS];
  const info = db
    .prepare(
      `INSERT INTO dmarc_reports (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
      ON CONFLICT (org, report_id) DO NOTHING`,
    )
    .run(header.org, reportId, ...headerValues(header), r.sourceFile, r.importedAt, stagedBy, ...tallyValues(stage, r));
  return info.changes === 0 ? undefined : info.lastInsertRowid;
}

const duplicate = (): CommitResult => ({ outcome: 'duplicate', rows: 0, messages: 0, repairs: [] });
const imported = (stage: Counts, r: ReportMeta): CommitResult => ({
  outcome: 'imported',
  rows: stage.rows,
  messages: stage.messages,
  repairs: r.repairs.list(),
});
