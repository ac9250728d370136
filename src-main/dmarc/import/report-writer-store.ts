import type { Database } from 'better-sqlite3';
import { writeTransaction } from '../../ledger/write-transaction';
import { COPY_STEP_ROWS, commitReport, publishWrittenReport, stageReportRow, type CommitResult, type ReportMeta } from './commit-report-store';
import { HeldRows } from './held-rows-store';
import type { RowSink } from './piped-rows';
import type { ReportDigest } from './report-digest';
import type { ReportHeader, ReportRow } from './report-types';
import { ReportStage, type JsonRows } from './stage-store';
import { removeStagedReport } from './staging-store';

/**
 * Rows of one report on their way into the ledger. Issue #17: a big report's rows go into `dmarc_rows` while the
 * file is still being read, instead of all after its end.
 *
 * - A report of at most COPY_STEP_ROWS rows is held in memory and written with its report row in one
 *   transaction at the end (`commitReport`), as before.
 * - A bigger one is written as it is read: at its COPY_STEP_ROWS-th row the report row goes in *staged*
 *   (migration 009: invisible to every reader) under its real (org, report id), and every COPY_STEP_ROWS rows
 *   are copied into `dmarc_rows` in one short write transaction. The end publishes it with its digest, tallies
 *   and notes in one UPDATE. Rows reach `dmarc_rows` through the TEMP stage (stage-store.ts), from JSON that SQLite
 *   reads itself (`ROWS_FROM_JSON`). The stage is written without the ledger's write lock, so other processes get the
 *   lock between two copies: inserted straight into `dmarc_rows`, steps followed one another with almost no gap, and a
 *   tenant edit beside a 100 MB import waited up to 0.54 s (P11, issue #17).
 * - A report whose (org, report id) is already in the ledger (a re-send, or a reporter reusing ids) or whose
 *   header is not complete before its records cannot be written that way: whether it is a duplicate is only known
 *   from its digest, at the end. Its rows stay in the stage and are committed from there (`commitReport`). So are
 *   those of a report whose header changed after its rows began (a second <policy_published>, say): a report written
 *   as read keeps only its current step in the stage, so its rows are first taken back from `dmarc_rows` (`refill`).
 *
 * A failure or cancellation takes a staged report out again (`dispose`); a kill -9 leaves it staged until the next
 * import removes it (`removeAbandonedReports`).
 */
export class ReportWriter implements RowSink {
  /** Rows not yet in the stage: the whole report while it fits one step. */
  private held: HeldRows;
  /** Batches handed in as JSON (`addJson`) and not staged yet: fewer than COPY_STEP_ROWS rows. */
  private gathered: JsonRows[] = [];
  private gatheredRows = 0;
  private stage?: ReportStage;
  /** Written as read: the staged report row, the header its rows were copied with, and how many are copied. */
  private direct?: { id: number | bigint; header: ReportHeader; copied: number; published: boolean };
  rows = 0;
  messages = 0;

  constructor(
    private readonly db: Database,
    /** The header as far as it is known (undefined or a throw while incomplete); asked once, when rows outgrow memory. */
    private readonly headerSoFar: () => ReportHeader | undefined,
    private readonly where: { sourceFile: string; importedAt: string },
    /** Fed every batch in file order, as it is staged or written: the report's digest at its commit. */
    private readonly digest: ReportDigest,
  ) {
    this.held = new HeldRows(db);
  }

  add(row: ReportRow): void {
    this.held.add(row);
    this.rows++;
    this.messages += row.count;
    if (this.held.rows === COPY_STEP_ROWS) this.flush();
  }

  /**
   * A batch of rows already in JSON (the row writer's thread gets them this way). Batches are gathered, then staged
   * and copied COPY_STEP_ROWS at a time, so small batches still make steps of the same size.
   */
  addJson(batch: JsonRows): void {
    const { rows, messages } = batch;
    if (this.held.rows > 0) this.flush(); // rows stay in file order
    this.digest.rows(batch.json);
    this.gathered.push(batch);
    this.gatheredRows += rows;
    this.rows += rows;
    this.messages += messages;
    if (this.gatheredRows >= COPY_STEP_ROWS) this.flush();
  }

  /** Rows are written as they come, on this thread: never behind. */
  async drain(): Promise<void> {}

  /** Writes the report: a duplicate (same reporter, same id, same content) writes nothing. */
  async commit(header: ReportHeader, given: ReportMeta): Promise<CommitResult> {
    if (!this.stage && this.gathered.length === 0) {
      this.digest.rows(this.held.json());
      return commitReport(this.db, this.held, header, this.withDigest(header, given));
    }
    this.flush();
    const meta = this.withDigest(header, given);
    const direct = this.direct;
    if (direct && sameRowKeys(direct.header, header)) {
      const result = publishWrittenReport(this.db, direct.id, header, this, meta);
      direct.published = true;
      return result;
    }
    if (direct) {
      // The header changed after its rows began: the staged report holds every row; take them back, then it out.
      this.stage!.refill(direct.id);
      removeStagedReport(this.db, direct.id);
      this.direct = undefined;
    }
    return commitReport(this.db, this.stage!, header, meta); // flush() staged the rows
  }

  /** `meta` with the digest of every row written, once they all are. */
  private withDigest(header: ReportHeader, meta: ReportMeta): ReportMeta {
    return { ...meta, sha256: this.digest.finish(header) };
  }

  /** Takes out what an unfinished report left: its staged rows, its TEMP stage. */
  dispose(): void {
    try {
      if (this.direct && !this.direct.published) removeStagedReport(this.db, this.direct.id);
    } finally {
      this.stage?.dispose();
    }
  }

  /** Stages the rows held or gathered here, then copies them into `dmarc_rows` when the report is written as read. */
  private flush(): void {
    const batches = this.gathered; // gathered before any held: `addJson` flushes what `add` held first
    if (this.held.rows > 0) {
      const json = this.held.json();
      this.digest.rows(json);
      batches.push({ json, rows: this.held.rows, messages: this.held.messages });
    }
    if (batches.length === 0) return;
    if (!this.stage) this.begin();
    this.stage!.addJson(batches);
    this.held = new HeldRows(this.db);
    this.gathered = [];
    this.gatheredRows = 0;
    const direct = this.direct;
    if (!direct) return;
    const to = this.stage!.rows;
    writeTransaction(this.db, () => this.stage!.copyInto(direct.id, direct.header, direct.copied, to));
    direct.copied = to;
    this.stage!.clear();
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
