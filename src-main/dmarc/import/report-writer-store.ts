import type { Database, Statement } from 'better-sqlite3';
import { writeTransaction } from '../../ledger/write-transaction';
import { COPY_STEP_ROWS, commitReport, publishWrittenReport, stageReportRow, type CommitResult, type ReportMeta, type StagedRows } from './commit-report-store';
import type { ReportHeader, ReportRow } from './report-types';
import { ReportStage, ROW_COLUMNS, rowValues } from './stage-store';
import { removeStagedReport } from './staging-store';

/** Rows per multi-row INSERT (14 values each + 4 shared, far below SQLite's 32,766-variable limit). */
const MULTI = 64;
const N = ROW_COLUMNS.length;

/**
 * Rows of one report on their way into the ledger. Issue #17: a big report's rows go into `dmarc_rows` while the
 * file is still being read, instead of all after its end.
 *
 * - A report of at most COPY_STEP_ROWS rows is held in memory and written with its report row in one
 *   transaction at the end (`commitReport`), as before.
 * - A bigger one is written as it is read: at its COPY_STEP_ROWS-th row the report row goes in *staged*
 *   (migration 009: invisible to every reader) under its real (org, report id), and every COPY_STEP_ROWS rows
 *   are copied into `dmarc_rows` in one short write transaction. The end publishes it with its digest, tallies
 *   and notes in one UPDATE. Rows reach `dmarc_rows` through the TEMP stage (stage-store.ts): binding 14 values
 *   into the stage and copying natively measured ~8 % faster than binding 18 straight into `dmarc_rows`.
 * - A report whose (org, report id) is already in the ledger (a re-send, or a reporter reusing ids) or whose
 *   header is not complete before its records cannot be written that way: whether it is a duplicate is only known
 *   from its digest, at the end. Its rows stay in the stage and are committed from there (`commitReport`). So are
 *   those of a report whose header changed after its rows began (a second <policy_published>, say).
 *
 * A failure or cancellation takes a staged report out again (`dispose`); a kill -9 leaves it staged until the next
 * import removes it (`removeAbandonedReports`).
 */
export class ReportWriter implements StagedRows {
  rows = 0;
  messages = 0;
  /** Values of rows not yet in the stage (N per row), and the messages they account for. */
  private values: unknown[] = [];
  private heldMessages = 0;
  private stage?: ReportStage;
  /** Written as read: the staged report row, the header its rows were copied with, and how many are copied. */
  private direct?: { id: number | bigint; header: ReportHeader; copied: number; published: boolean };

  constructor(
    private readonly db: Database,
    /** The header as far as it is known (undefined or a throw while incomplete); asked once, when rows outgrow memory. */
    private readonly headerSoFar: () => ReportHeader | undefined,
    private readonly where: { sourceFile: string; importedAt: string },
  ) {}

  add(row: ReportRow): void {
    rowValues(row, this.values);
    this.rows++;
    this.messages += row.count;
    this.heldMessages += row.count;
    if (this.values.length === COPY_STEP_ROWS * N) this.flush();
  }

  /** Writes the report: a duplicate (same reporter, same id, same content) writes nothing. */
  async commit(header: ReportHeader, meta: ReportMeta): Promise<CommitResult> {
    if (!this.stage) return commitReport(this.db, this, header, meta);
    this.flush();
    const direct = this.direct;
    if (direct && sameRowKeys(direct.header, header)) {
      const result = publishWrittenReport(this.db, direct.id, header, this, meta);
      direct.published = true;
      return result;
    }
    if (direct) {
      // The header changed after its rows began: the stage holds every row; take the staged report out.
      removeStagedReport(this.db, direct.id);
      this.direct = undefined;
    }
    return commitReport(this.db, this.stage, header, meta);
  }

  /** A report held whole in memory (it fits one step): its rows, under `id`, inside commitReport's transaction. */
  copyInto(id: number | bigint, header: ReportHeader, from: number, to: number): void {
    insertRows(this.db, id, header, this.values.slice(from * N, to * N));
  }

  /** Takes out what an unfinished report left: its staged rows, its TEMP stage. */
  dispose(): void {
    try {
      if (this.direct && !this.direct.published) removeStagedReport(this.db, this.direct.id);
    } finally {
      this.stage?.dispose();
    }
  }

  private flush(): void {
    if (this.values.length === 0) return;
    if (!this.stage) this.begin();
    this.stage!.addValues(this.values, this.heldMessages);
    this.values = [];
    this.heldMessages = 0;
    const direct = this.direct;
    if (!direct) return;
    const to = this.stage!.rows;
    writeTransaction(this.db, () => this.stage!.copyInto(direct.id, direct.header, direct.copied, to));
    direct.copied = to;
  }

  /** The rows outgrew memory: stage them, and write them as they come when the report can be staged already. */
  private begin(): void {
    this.stage = new ReportStage(this.db);
    let header: ReportHeader | undefined;
    try {
      header = this.headerSoFar();
    } catch {
      header = undefined; // incomplete or invalid so far: the end decides, with the whole document
    }
    const id = header && stageReportRow(this.db, header, this.where.sourceFile, this.where.importedAt);
    if (header && id !== undefined) this.direct = { id, header, copied: 0, published: false };
  }
}

/** The header values every row repeats, and the report's identity: the rows written under one must match the end's. */
function sameRowKeys(a: ReportHeader, b: ReportHeader): boolean {
  return a.org === b.org && a.reportId === b.reportId && a.policy.domain === b.policy.domain && a.begin === b.begin && a.end === b.end;
}

const statements = new WeakMap<Database, { one: Statement; many: Statement }>();

/** Inserts a small report's rows (N values each, in file order) under report `id`; the caller holds the write transaction. */
function insertRows(db: Database, id: number | bigint, header: ReportHeader, values: readonly unknown[]): void {
  let s = statements.get(db);
  if (!s) {
    const tuple = `(${['?', '?', '?', '?', ...ROW_COLUMNS.map(() => '?')].join(', ')})`;
    const insert = (rows: number) =>
      db.prepare(
        `INSERT INTO dmarc_rows (report_id, domain, date_begin, date_end, ${ROW_COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`,
      );
    s = { one: insert(1), many: insert(MULTI) };
    statements.set(db, s);
  }
  const bind: unknown[] = [];
  for (let i = 0; i < values.length; i += N) {
    bind.push(id, header.policy.domain, header.begin, header.end);
    for (let k = 0; k < N; k++) bind.push(values[i + k]);
  }
  const W = N + 4;
  const many = MULTI * W;
  let i = 0;
  for (; i + many <= bind.length; i += many) s.many.run(bind.slice(i, i + many));
  for (; i < bind.length; i += W) s.one.run(bind.slice(i, i + W));
}
