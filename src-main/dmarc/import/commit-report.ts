import type { Database } from 'better-sqlite3';
import type { RepairLog, RepairNote } from './repairs';
import type { ReportHeader } from './report-types';
import { ROW_COLUMNS, type ReportStage } from './stage';

export interface CommitResult {
  outcome: 'imported' | 'duplicate';
  rows: number;
  messages: number;
  /** What was tolerated in the report (kept with it in the ledger); empty for a duplicate. */
  repairs: RepairNote[];
}

/** Up to this many staged rows are copied in one synchronous step (a few ms; real reports are far smaller). */
const SYNC_COPY_ROWS = 5_000;
/** Rows copied per step of a big report's copy, between which the event loop runs. */
const COPY_STEP_ROWS = 2_000;

/** One big copy at a time per connection: its transaction stays open across steps. */
const copying = new WeakMap<Database, Promise<unknown>>();

/**
 * Writes the report and its staged rows atomically; a report already in the ledger is a duplicate.
 *
 * A big report's copy used to be one synchronous INSERT … SELECT: ~0.7 s for 228,000 rows, the whole main
 * process frozen. It now runs in steps of COPY_STEP_ROWS inside one transaction that stays open across the
 * steps, so the ledger still gets all of the report or none of it, and a kill -9 mid-copy leaves nothing
 * (the transaction was never committed). The connection is shared, so other code may write between steps;
 * those writes join this transaction. That is why a failure here never rolls back: it deletes this report
 * (its rows go with it, ON DELETE CASCADE) and commits, so the other writes are kept.
 */
export async function commitReport(db: Database, stage: ReportStage, header: ReportHeader, r: ReportMeta): Promise<CommitResult> {
  if (stage.rows <= SYNC_COPY_ROWS) return copyAtOnce(db, stage, header, r);
  const before = copying.get(db);
  const mine = (async () => {
    await before?.catch(() => {});
    // Someone else's transaction is open (not ours: ours are serialised above): nest in it, in one step.
    if (db.inTransaction) return copyAtOnce(db, stage, header, r);
    return copyInSteps(db, stage, header, r);
  })();
  copying.set(db, mine);
  try {
    return await mine;
  } finally {
    if (copying.get(db) === mine) copying.delete(db);
  }
}

function copyAtOnce(db: Database, stage: ReportStage, header: ReportHeader, r: ReportMeta): CommitResult {
  return db.transaction(() => {
    const id = insertReport(db, stage, header, r);
    if (id === undefined) return duplicate();
    copyRows(db, stage, header, id, 0, stage.rows);
    return imported(stage, r.repairs.list());
  })();
}

async function copyInSteps(db: Database, stage: ReportStage, header: ReportHeader, r: ReportMeta): Promise<CommitResult> {
  db.exec('BEGIN IMMEDIATE');
  let id: number | bigint | undefined;
  try {
    id = insertReport(db, stage, header, r);
    if (id === undefined) {
      db.exec('COMMIT');
      return duplicate();
    }
    for (let from = 0; from < stage.rows; from += COPY_STEP_ROWS) {
      if (from > 0) await new Promise((resolve) => setImmediate(resolve));
      copyRows(db, stage, header, id, from, Math.min(stage.rows, from + COPY_STEP_ROWS));
    }
    db.exec('COMMIT');
    return imported(stage, r.repairs.list());
  } catch (err) {
    abandon(db, id);
    throw err;
  }
}

/** Takes this report back out without undoing what other code wrote between the steps. */
function abandon(db: Database, id: number | bigint | undefined): void {
  if (!db.inTransaction) return;
  try {
    if (id !== undefined) db.prepare('DELETE FROM dmarc_reports WHERE id = ?').run(id);
    db.exec('COMMIT');
  } catch {
    // Could not even delete (disk full…): dropping everything since BEGIN is then the only way to keep
    // half a report out of the ledger.
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}

/** The report's row id, or undefined when (org, report id) is already in the ledger. */
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

/**
 * The report's row id, or undefined when it is a re-send of a report already in the ledger. A different
 * report under an id its reporter already used is kept under `<id>#<digest prefix>`, with a note — dropping
 * it as a "duplicate" would silently lose its rows.
 */
function insertReport(db: Database, stage: ReportStage, header: ReportHeader, r: ReportMeta): number | bigint | undefined {
  let reportId = header.reportId;
  for (let attempt = 0; attempt < 2; attempt++) {
    const id = insertReportAs(db, stage, header, r, reportId);
    if (id !== undefined) return id;
    const known = db.prepare('SELECT content_sha256 AS sha FROM dmarc_reports WHERE org = ? AND report_id = ?').get(header.org, reportId) as { sha: string | null } | undefined;
    if (!known?.sha || !r.sha256 || known.sha === r.sha256) return undefined;
    reportId = `${header.reportId}#${r.sha256.slice(0, 12)}`;
    r.repairs.add('dmarc.repair.report-id-reused',
      `${header.org} already sent a different report with id "${header.reportId}"; this one is kept as "${reportId}".`);
  }
  return undefined;
}

function insertReportAs(db: Database, stage: ReportStage, header: ReportHeader, r: ReportMeta, reportId: string): number | bigint | undefined {
  const p = header.policy;
  const info = db.prepare(`
    INSERT INTO dmarc_reports (org, report_id, org_email, domain, date_begin, date_end, p, sp, np, adkim, aspf, pct, fo,
      testing, discovery_method, schema, version, generator, report_errors, source_file, row_count, message_count, imported_at, repairs, content_sha256)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (org, report_id) DO NOTHING`).run(
    header.org, reportId, header.email, p.domain, header.begin, header.end, p.p ?? null, p.sp ?? null, p.np ?? null,
    p.adkim ?? null, p.aspf ?? null, p.pct ?? null, p.fo ?? null, p.testing ?? null, p.discoveryMethod ?? null, header.schema,
    header.version ?? null, header.generator ?? null, header.errors.join('\n'), r.sourceFile, stage.rows, stage.messages, r.importedAt,
    JSON.stringify(r.repairs.list()), r.sha256 ?? null,
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

const duplicate = (): CommitResult => ({ outcome: 'duplicate', rows: 0, messages: 0, repairs: [] });
const imported = (stage: ReportStage, repairs: RepairNote[]): CommitResult => ({ outcome: 'imported', rows: stage.rows, messages: stage.messages, repairs });
