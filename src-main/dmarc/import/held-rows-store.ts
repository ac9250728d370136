import type { Database, Statement } from 'better-sqlite3';
import type { StagedRows } from './commit-report-store';
import type { ReportHeader, ReportRow } from './report-types';
import { ROW_COLUMNS, rowValues } from './stage-store';

/** Rows per multi-row INSERT (18 values each, far below SQLite's 32,766-variable limit). */
const MULTI = 64;
const N = ROW_COLUMNS.length;

/**
 * The rows of a report small enough to hold in memory (at most COPY_STEP_ROWS), as values in ROW_COLUMNS order
 * (`rowValues`); written straight into `dmarc_rows` with their report row, in one transaction (`commitReport`).
 * Also the batch a big report's rows travel in (to the stage, or to the row writer's thread).
 */
export class HeldRows implements StagedRows {
  rows = 0;
  messages = 0;
  readonly values: unknown[] = [];

  add(row: ReportRow): void {
    rowValues(row, this.values);
    this.rows++;
    this.messages += row.count;
  }

  copyInto(id: number | bigint, header: ReportHeader, from: number, to: number): void {
    insertRows(this.db, id, header, this.values.slice(from * N, to * N));
  }

  constructor(private readonly db: Database) {}
}

const statements = new WeakMap<Database, { one: Statement; many: Statement }>();

/** Inserts rows (N values each, in file order) under report `id`; the caller holds the write transaction. */
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
