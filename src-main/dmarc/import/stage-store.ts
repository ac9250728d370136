import type { Database, Statement } from 'better-sqlite3';
import type { StagedRows } from './commit-report-store';
import type { ReportHeader, ReportRow } from './report-types';

let stageCounter = 0;

/** Rows as one JSON array of row arrays, each in ROW_COLUMNS order (`rowColumns`), and what they count. */
export interface JsonRows {
  json: string;
  rows: number;
  messages: number;
}

/** Rows gathered before one INSERT of them (as JSON, well under V8's 128 KiB large-object size). */
const MULTI = 128;

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
 * The columns of rows sent to SQLite as JSON (`JsonRows.json`), for `INSERT … SELECT`: SQLite reads the text itself,
 * one bound value for a whole batch. Binding 14 values a row cost more than reading them from JSON (issue #17), and
 * the row writer's thread gets its batches as JSON already. jsonb_each walks the array in order, so rows keep their
 * order.
 */
export const ROWS_FROM_JSON = `${ROW_COLUMNS.map((_, k) => `value ->> ${k}`).join(', ')} FROM jsonb_each(?)`;

/**
 * Rows of one report on their way into the ledger, parked in a connection-private TEMP table as they stream in
 * (memory stays flat for huge reports). They are copied into `dmarc_rows` in short steps (`copyInto`), invisible to
 * readers until the report is published: a step at a time while the file is read when the report could be staged
 * at once (report-writer-store.ts), otherwise once the whole file has parsed (`commitReport`). A file that fails
 * half-way just drops its stage. Each stage has its own table so two imports can interleave.
 */
export class ReportStage implements StagedRows {
  readonly table = `dmarc_stage_${process.pid}_${++stageCounter}`;
  private readonly insert: Statement;
  /** Rows added one by one (`add`) and not yet inserted: flushed every MULTI rows and per batch. */
  private held: unknown[][] = [];
  rows = 0;
  messages = 0;
  /** Rows taken out of the table after their copy (`clear`): seq restarts at 1 after them. */
  private cleared = 0;

  constructor(private readonly db: Database) {
    db.exec(`CREATE TEMP TABLE ${this.table} (seq INTEGER PRIMARY KEY, ${ROW_COLUMNS.map((c) => `${c} ${c === 'count' ? 'INTEGER' : 'TEXT'}`).join(', ')})`);
    this.insert = db.prepare(`INSERT INTO temp.${this.table} (${ROW_COLUMNS.join(', ')}) SELECT ${ROWS_FROM_JSON}`);
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
    this.held.push(rowColumns(row));
    this.rows++;
    this.messages += row.count;
    if (this.held.length === MULTI) this.flush();
  }

  /** Batches of rows already in JSON (`JsonRows`), in one TEMP transaction. */
  addJson(batches: readonly JsonRows[]): void {
    this.batch(() => {
      for (const b of batches) this.insert.run(b.json);
    });
    for (const b of batches) {
      this.rows += b.rows;
      this.messages += b.messages;
    }
  }

  /** Inserts the rows still held. Must run inside the batch's transaction. */
  private flush(): void {
    if (this.held.length === 0) return;
    this.insert.run(JSON.stringify(this.held));
    this.held = [];
  }

  /**
   * Copies the report's rows (from, to] — counted from 1 in file order, as seq runs, so rows keep their order. Rows
   * taken out by `clear` cannot be copied again.
   */
  copyInto(id: number | bigint, header: ReportHeader, from: number, to: number): void {
    if (from < this.cleared) throw new Error(`Staged rows before ${this.cleared} were cleared; cannot copy from ${from}.`);
    this.db
      .prepare(
        `INSERT INTO dmarc_rows (report_id, domain, date_begin, date_end, ${ROW_COLUMNS.join(', ')})
        SELECT ?, ?, ?, ?, ${ROW_COLUMNS.join(', ')} FROM temp.${this.table} WHERE seq > ? AND seq <= ? ORDER BY seq`,
      )
      .run(id, header.policy.domain, header.begin, header.end, from - this.cleared, to - this.cleared);
  }

  /**
   * Takes every row out of the table once it is copied (a report written as it is read): the stage then holds one
   * step, not the whole report. Kept whole, a 100 MB report's stage outgrew SQLite's cache and went to a temporary
   * file through the kernel; cleared, the import's peak RSS fell by ~17 MB (issue #17, P3).
   */
  clear(): void {
    this.db.prepare(`DELETE FROM temp.${this.table}`).run();
    this.cleared = this.rows;
  }

  /**
   * Puts back every row of the report from `dmarc_rows`, where a report written as it is read has them, in file
   * order: for the rare report whose header changed after its rows began, which is then committed from here.
   */
  refill(reportId: number | bigint): void {
    this.db.prepare(`DELETE FROM temp.${this.table}`).run();
    const { changes } = this.db
      .prepare(`INSERT INTO temp.${this.table} (${ROW_COLUMNS.join(', ')}) SELECT ${ROW_COLUMNS.join(', ')} FROM dmarc_rows WHERE report_id = ? ORDER BY id`)
      .run(reportId);
    if (changes !== this.rows) throw new Error(`The staged report ${reportId} holds ${changes} rows, not ${this.rows}.`);
    this.cleared = 0;
  }

  dispose(): void {
    this.db.exec(`DROP TABLE IF EXISTS temp.${this.table}`);
  }
}

/** A row's values, in ROW_COLUMNS order: the one place a row becomes columns. */
export function rowColumns(row: ReportRow): unknown[] {
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
  return [
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
  ];
}

/** Is (org, report id) in the ledger? For readers whose sources never reuse ids (Postmark's API). */
export function reportExists(db: Database, org: string, reportId: string): boolean {
  return db.prepare('SELECT 1 FROM dmarc_reports WHERE org = ? AND report_id = ?').get(org, reportId) !== undefined;
}
