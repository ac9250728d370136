import type { Database, Statement } from 'better-sqlite3';
import type { ReportHeader, ReportRow } from './report-types';

let stageCounter = 0;

const ROW_COLUMNS = [
  'source_ip', 'count', 'disposition', 'dkim_evaluated', 'spf_evaluated', 'reasons', 'header_from', 'envelope_from',
  'envelope_to', 'dkim_domains', 'dkim_selectors', 'dkim_results', 'spf_domain', 'spf_result',
] as const;

export interface CommitResult {
  outcome: 'imported' | 'duplicate';
  rows: number;
  messages: number;
}

/**
 * Rows of one report on their way into the ledger. They are parked in a connection-private TEMP table as
 * they stream in (memory stays flat for huge reports), and only copied into `dmarc_rows` — together with the
 * report — in one transaction once the whole file has parsed. A file that fails half-way just drops its
 * stage: the ledger never sees half a report. Each stage has its own table so two imports can interleave.
 */
export class ReportStage {
  private readonly table = `dmarc_stage_${process.pid}_${++stageCounter}`;
  private readonly insert: Statement;
  rows = 0;
  messages = 0;

  constructor(private readonly db: Database) {
    db.exec(`CREATE TEMP TABLE ${this.table} (seq INTEGER PRIMARY KEY, ${ROW_COLUMNS.map((c) => `${c} ${c === 'count' ? 'INTEGER' : 'TEXT'}`).join(', ')})`);
    this.insert = db.prepare(`INSERT INTO temp.${this.table} (${ROW_COLUMNS.join(', ')}) VALUES (${ROW_COLUMNS.map(() => '?').join(', ')})`);
  }

  /** Runs `fn` (which calls `add` any number of times) as one small transaction: far faster than one per row. */
  batch(fn: () => void): void {
    this.db.transaction(fn)();
  }

  add(row: ReportRow): void {
    // SPF for DMARC is the MAIL FROM check; prefer it when a reporter also lists HELO.
    const spf = row.spfAuth.find((s) => s.scope === 'mfrom') ?? row.spfAuth[0];
    this.insert.run(
      row.sourceIp, row.count, row.disposition, row.dkim, row.spf, row.reasons.join(' '), row.headerFrom, row.envelopeFrom,
      row.envelopeTo, row.dkimAuth.map((d) => d.domain || '-').join(' '), row.dkimAuth.map((d) => d.selector || '-').join(' '),
      row.dkimAuth.map((d) => d.result || '-').join(' '), spf?.domain ?? '', spf?.result ?? '',
    );
    this.rows++;
    this.messages += row.count;
  }

  /** Writes the report and its staged rows atomically; a report already in the ledger is a duplicate. */
  commit(header: ReportHeader, sourceFile: string, importedAt: string): CommitResult {
    const { db } = this;
    const result = db.transaction((): CommitResult => {
      const p = header.policy;
      const info = db.prepare(`
        INSERT INTO dmarc_reports (org, report_id, org_email, domain, date_begin, date_end, p, sp, np, adkim, aspf, pct, fo,
          testing, discovery_method, schema, version, generator, report_errors, source_file, row_count, message_count, imported_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (org, report_id) DO NOTHING`).run(
        header.org, header.reportId, header.email, p.domain, header.begin, header.end, p.p ?? null, p.sp ?? null, p.np ?? null,
        p.adkim ?? null, p.aspf ?? null, p.pct ?? null, p.fo ?? null, p.testing ?? null, p.discoveryMethod ?? null, header.schema,
        header.version ?? null, header.generator ?? null, header.errors.join('\n'), sourceFile, this.rows, this.messages, importedAt,
      );
      if (info.changes === 0) return { outcome: 'duplicate', rows: 0, messages: 0 };
      db.prepare(`
        INSERT INTO dmarc_rows (report_id, domain, date_begin, date_end, ${ROW_COLUMNS.join(', ')})
        SELECT ?, ?, ?, ?, ${ROW_COLUMNS.join(', ')} FROM temp.${this.table} ORDER BY seq`).run(
        info.lastInsertRowid, p.domain, header.begin, header.end,
      );
      return { outcome: 'imported', rows: this.rows, messages: this.messages };
    })();
    return result;
  }

  dispose(): void {
    this.db.exec(`DROP TABLE IF EXISTS temp.${this.table}`);
  }
}

export function reportExists(db: Database, org: string, reportId: string): boolean {
  return db.prepare('SELECT 1 FROM dmarc_reports WHERE org = ? AND report_id = ?').get(org, reportId) !== undefined;
}
