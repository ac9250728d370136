import type { Database, Statement } from 'better-sqlite3';
import type { StagedRows } from './commit-report-store';
import type { ReportHeader, ReportRow } from './report-types';

let stageCounter = 0;

/** Rows as values in ROW_COLUMNS order (`rowValues`), and the messages they count. */
export interface ValueBatch {
  values: readonly unknown[];
  messages: number;
}

/** Rows per multi-row INSERT (14 values each, far below SQLite's 32,766-variable limit). */
const MULTI = 64;

export const ROW_COLUMNS = [
  'source_ip',
  'count',
  'disposition',
  'dkim_evaluated',
  'spf_evaluated',
  'reasons',
  'header_from',
  'envelope_from',
  'envelope_to',
  'dkim_domains',
  'dkim_selectors',
  'dkim_results',
  'spf_domain',
  'spf_result',
] as const;

/**
 * Rows of one report on their way into the ledger, parked in a connection-private TEMP table as they stream in
 * (memory stays flat for huge reports). They are copied into `dmarc_rows` in short steps (`copyInto`), invisible to
 * readers until the report is published: a step at a time while the file is read when the report could be staged
 * at once (report-writer-store.ts), otherwise once the whole file has parsed (`commitReport`). A file that fails
 * half-way just drops its stage. Each stage has its own table so two imports can interleave.
 */
export class ReportStage implements StagedRows {
  readonly table = `dmarc_stage_${process.pid}_${++stageCounter}`;
  private readonly insertOne: Statement;
  /** One statement for MULTI rows: a native call per row was a large share of the import's time. */
  private readonly insertMany: Statement;
  /** Values of rows not yet inserted (ROW_COLUMNS.length per row), flushed every MULTI rows and per batch. */
  private readonly values: unknown[] = [];
  rows = 0;
  messages = 0;

  constructor(private readonly db: Database) {
    db.exec(`CREATE TEMP TABLE ${this.table} (seq INTEGER PRIMARY KEY, ${ROW_COLUMNS.map((c) => `${c} ${c === 'count' ? 'INTEGER' : 'TEXT'}`).join(', ')})`);
    const insert = `INSERT INTO temp.${this.table} (${ROW_COLUMNS.join(', ')}) VALUES `;
    const tuple = `(${ROW_COLUMNS.map(() => '?').join(', ')})`;
    this.insertOne = db.prepare(insert + tuple);
    this.insertMany = db.prepare(insert + Array.from({ length: MULTI }, () => tuple).join(', '));
  }

  /**
   * Runs `fn` (which calls `add` any number of times) as one small transaction: far faster than one per row.
   * Deferred on purpose: it writes only this connection's TEMP table, so it must not take the shared ledger's
   * write lock (BEGIN IMMEDIATE would, for every batch of every report).
   */
  batch(fn: () => void): void {
    // eslint-disable-next-line no-restricted-syntax -- TEMP-only transaction, see above
    this.db.transaction(() => {
      fn();
      this.flush();
    })();
  }

  add(row: ReportRow): void {
    rowValues(row, this.values);
    this.rows++;
    this.messages += row.count;
    if (this.values.length === MULTI * ROW_COLUMNS.length) {
      this.insertMany.run(this.values);
      this.values.length = 0;
    }
  }

  /** Batches of rows already turned into values (`rowValues`, ROW_COLUMNS.length each), in one TEMP transaction. */
  addValues(batches: readonly ValueBatch[]): void {
    const n = ROW_COLUMNS.length;
    const many = MULTI * n;
    this.batch(() => {
      for (const { values } of batches) {
        let i = 0;
        for (; i + many <= values.length; i += many) this.insertMany.run(values.slice(i, i + many));
        for (; i < values.length; i += n) this.insertOne.run(values.slice(i, i + n));
      }
    });
    for (const { values, messages } of batches) {
      this.rows += values.length / n;
      this.messages += messages;
    }
  }

  /** Inserts the rows still held (fewer than MULTI). Must run inside the batch's transaction. */
  private flush(): void {
    const n = ROW_COLUMNS.length;
    for (let i = 0; i < this.values.length; i += n) this.insertOne.run(this.values.slice(i, i + n));
    this.values.length = 0;
  }

  /** Copies staged rows with seq in (from, to] — seq runs 1…rows in file order, so rows keep their order. */
  copyInto(id: number | bigint, header: ReportHeader, from: number, to: number): void {
    this.db
      .prepare(
        `INSERT INTO dmarc_rows (report_id, domain, date_begin, date_end, ${ROW_COLUMNS.join(', ')})
        SELECT ?, ?, ?, ?, ${ROW_COLUMNS.join(', ')} FROM temp.${this.table} WHERE seq > ? AND seq <= ? ORDER BY seq`,
      )
      .run(id, header.policy.domain, header.begin, header.end, from, to);
  }

  dispose(): void {
    this.db.exec(`DROP TABLE IF EXISTS temp.${this.table}`);
  }
}

/** Appends one row's values, in ROW_COLUMNS order, to `out`: the one place a row becomes columns. */
export function rowValues(row: ReportRow, out: unknown[]): void {
  // SPF for DMARC is the MAIL FROM check; prefer it when a reporter also lists HELO.
  const spf = row.spfAuth.find((s) => s.scope === 'mfrom') ?? row.spfAuth[0];
  let domains = '',
    selectors = '',
    results = '';
  for (let i = 0; i < row.dkimAuth.length; i++) {
    const d = row.dkimAuth[i]!;
    const sep = i === 0 ? '' : ' ';
    domains += sep + (d.domain || '-');
    selectors += sep + (d.selector || '-');
    results += sep + (d.result || '-');
  }
  out.push(
    row.sourceIp,
    row.count,
    row.disposition,
    row.dkim,
    row.spf,
    row.reasons.length ? row.reasons.join(' ') : '',
    row.headerFrom,
    row.envelopeFrom,
    row.envelopeTo,
    domains,
    selectors,
    results,
    spf?.domain ?? '',
    spf?.result ?? '',
  );
}

/** Is (org, report id) in the ledger? For readers whose sources never reuse ids (Postmark's API). */
export function reportExists(db: Database, org: string, reportId: string): boolean {
  return db.prepare('SELECT 1 FROM dmarc_reports WHERE org = ? AND report_id = ?').get(org, reportId) !== undefined;
}
