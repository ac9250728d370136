import { describe, expect, it } from 'vitest';
import { freshLedgerFiles } from './fresh-ledgers';
import { sourceTotals, scopeSql } from '../../../../src-main/dmarc/report-query-store';
import { migrations } from '../../../../src-main/ledger/migrations';
import { migration023 } from '../../../../src-main/ledger/migrations/023-dmarc-rows-append-indexes';
import { openLedger, schemaVersion, type Db } from '../../../../src-main/ledger/open';

const ledgerFile = freshLedgerFiles('behalf-m023-');
const columns = (db: Db, index: string) =>
  (db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(index) as Array<{ name: string }>).map((c) => c.name);

/** One report for acme.example on 2025-03-01 with three sources, one of them From a subdomain. */
function seed(db: Db): void {
  const id = db
    .prepare(
      `INSERT INTO dmarc_reports (org, report_id, domain, date_begin, date_end, schema, imported_at) VALUES ('google.com', 'r1', 'acme.example', 1740787200, 1740873599, 'rfc7489', 't')`,
    )
    .run().lastInsertRowid;
  const row = db.prepare(
    `INSERT INTO dmarc_rows (report_id, domain, date_begin, date_end, source_ip, count, dkim_evaluated, spf_evaluated, header_from) VALUES (?, 'acme.example', 1740787200, 1740873599, ?, ?, ?, 'pass', ?)`,
  );
  row.run(id, '203.0.113.9', 5, 'fail', 'acme.example');
  row.run(id, '192.0.2.1', 7, 'pass', 'acme.example');
  row.run(id, '198.51.100.4', 2, 'pass', 'mail.acme.example');
}

describe('migration 023 (DMARC row indexes without source_ip)', () => {
  it('is listed once, in version order', () => {
    expect(migrations.filter((m) => m.version === 23)).toEqual([migration023]);
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
  });

  it('rebuilds both indexes on an existing ledger without touching its rows', () => {
    const file = ledgerFile();
    const before = openLedger(
      file,
      migrations.filter((m) => m.version < 23),
    );
    seed(before);
    expect(columns(before, 'dmarc_rows_domain_date')).toEqual(['domain', 'date_begin', 'source_ip']);
    const scope = { domain: 'acme.example', from: '2025-03-01', to: '2025-03-01' };
    const totalsBefore = sourceTotals(before, scope);
    before.close();

    const after = openLedger(
      file,
      migrations.filter((m) => m.version <= 23),
    );
    try {
      expect(schemaVersion(after)).toBe(23);
      expect(columns(after, 'dmarc_rows_domain_date')).toEqual(['domain', 'date_begin']);
      expect(columns(after, 'dmarc_rows_from_date')).toEqual(['header_from', 'date_begin']);
      expect(columns(after, 'dmarc_rows_report')).toEqual(['report_id']);
      expect(sourceTotals(after, scope)).toEqual(totalsBefore);
      expect(sourceTotals(after, { domain: 'mail.acme.example' }).map((t) => t.ip)).toEqual(['198.51.100.4']);
      expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      after.close();
    }
  });

  it('leaves every DMARC view on the two indexes (the scope filter never needed the source IP)', () => {
    const db = openLedger(ledgerFile());
    try {
      seed(db);
      const { where, params } = scopeSql({ domain: 'acme.example', from: '2025-01-01', to: '2025-12-31' });
      const plan = (
        db.prepare(`EXPLAIN QUERY PLAN SELECT source_ip, SUM(count) FROM dmarc_rows WHERE ${where} GROUP BY source_ip`).all(params) as Array<{
          detail: string;
        }>
      )
        .map((p) => p.detail)
        .join(' | ');
      expect(plan).toMatch(/MULTI-INDEX OR/);
      expect(plan).toContain('INDEX dmarc_rows_domain_date (domain=? AND date_begin>? AND date_begin<?)');
      expect(plan).toContain('INDEX dmarc_rows_from_date (header_from=? AND date_begin>? AND date_begin<?)');
    } finally {
      db.close();
    }
  });
});
