import type { Database, Statement } from 'better-sqlite3';
import type { StagedRows } from './commit-report-store';
import type { ReportHeader, ReportRow } from './report-types';
import { ROW_COLUMNS, ROWS_FROM_JSON, rowColumns } from './stage-store';

/**
 * The rows of a report small enough to hold in memory (at most COPY_STEP_ROWS), each in ROW_COLUMNS order
 * (`rowColumns`); written straight into `dmarc_rows` with their report row, in one transaction (`commitReport`).
 * Also the batch a big report's rows travel in, as JSON (to the stage, or to the row writer's thread).
 */
export class HeldRows implements StagedRows {
  messages = 0;
  private readonly list: unknown[][] = [];
  /** `json()` once made: a small report's rows are hashed for its digest, then written, from the same text. */
  private text?: string;

  get rows(): number {
    return this.list.length;
  }

  add(row: ReportRow): void {
    this.list.push(rowColumns(row));
    this.messages += row.count;
    this.text = undefined;
  }

  /** The rows as SQLite reads them (`ROWS_FROM_JSON`). */
  json(): string {
    return (this.text ??= JSON.stringify(this.list));
  }

  copyInto(id: number | bigint, header: ReportHeader, from: number, to: number): void {
    insertRows(this.db, id, header, from === 0 && to === this.list.length ? this.json() : JSON.stringify(this.list.slice(from, to)));
  }

  constructor(private readonly db: Database) {}
}

const statements = new WeakMap<Database, Statement>();

/** Inserts rows (JSON, see `ROWS_FROM_JSON`) under report `id`; the caller holds the write transaction. */
function insertRows(db: Database, id: number | bigint, header: ReportHeader, json: string): void {
  let insert = statements.get(db);
  if (!insert) {
    insert = db.prepare(`INSERT INTO dmarc_rows (report_id, domain, date_begin, date_end, ${ROW_COLUMNS.join(', ')}) SELECT ?, ?, ?, ?, ${ROWS_FROM_JSON}`);
    statements.set(db, insert);
  }
  insert.run(id, header.policy.domain, header.begin, header.end, json);
}
