import { spawn } from 'node:child_process';
import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importReports } from '../../../src-main/dmarc/import';
import { COPY_STEP_ROWS } from '../../../src-main/dmarc/import/commit-report-store';
import { awaitStagedReport, STAGED_REPORT_IDS } from '../../../src-main/dmarc/import/staging-store';
import { observeWriteTransactions } from '../../../src-main/ledger/write-transaction';
import { count, tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { bulkRowAt, recordXml, REPORT_TAIL, reportHead, reportXml, type ReportSpec } from '../../support/dmarc/report-builder';

/*
 * Issue #17: a report bigger than one copy step is written into dmarc_rows while it is read, under a staged report
 * row. These are the cases where that cannot be done from the start, and what must still hold for them.
 */
let t: TempLedger;
beforeEach(() => {
  t = tempLedger();
});
afterEach(() => t.close());

const ROWS = COPY_STEP_ROWS * 2 + 123;
const spec = (reportId: string, domain = 'acme.example'): ReportSpec => ({ reportId, domain, begin: '2025-03-01' });
const records = (n: number, s: ReportSpec, offset = 0) => Array.from({ length: n }, (_, i) => recordXml(bulkRowAt(i + offset), s)).join('');
const bigXml = (s: ReportSpec, n = ROWS, offset = 0) => reportHead(s) + records(n, s, offset) + REPORT_TAIL;
const messagesOf = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => bulkRowAt(i + offset).count).reduce((a, b) => a + b, 0);
const published = () => count(t.db, `SELECT COUNT(*) FROM dmarc_rows WHERE report_id NOT IN (${STAGED_REPORT_IDS})`);

describe('a big report written as it is read', () => {
  it('lands whole, with its tallies and digest; a re-send of it is a duplicate and writes nothing', async () => {
    const xml = bigXml(spec('big-1'));
    expect(await importReports(t.db, [t.file('a.xml', xml)])).toMatchObject({ imported: 1, records: ROWS, messages: messagesOf(ROWS) });
    const report = t.db.prepare('SELECT row_count, message_count, staged_by, content_sha256 FROM dmarc_reports').get() as Record<string, unknown>;
    expect(report).toMatchObject({ row_count: ROWS, message_count: messagesOf(ROWS), staged_by: null });
    expect(report.content_sha256).toMatch(/^[0-9a-f]{64}$/);
    // Rows keep the file's order (their ids rise with it).
    const ips = (t.db.prepare('SELECT source_ip FROM dmarc_rows ORDER BY id LIMIT 3').all() as Array<{ source_ip: string }>).map((r) => r.source_ip);
    expect(ips).toEqual([0, 1, 2].map((i) => bulkRowAt(i).ip));

    expect(await importReports(t.db, [t.file('a-again.xml', xml)])).toMatchObject({ imported: 0, duplicates: 1 });
    expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_rows')).toBe(ROWS);
    expect(t.db.prepare(`SELECT name FROM sqlite_temp_master WHERE type = 'table'`).all()).toEqual([]);
  });

  it("reports the row writer thread's write transactions to this thread's observer, each one step", async () => {
    const seen: number[] = [];
    observeWriteTransactions((ms) => seen.push(ms));
    try {
      await importReports(t.db, [t.file('a.xml', bigXml(spec('observed')))]);
    } finally {
      observeWriteTransactions(undefined);
    }
    // The staged report row, one copy per full step, the last partial step, the publishing UPDATE.
    expect(seen.length).toBeGreaterThanOrEqual(Math.ceil(ROWS / COPY_STEP_ROWS) + 2);
  });

  it('keeps a different big report that reuses the id (suffixed), from the stage', async () => {
    await importReports(t.db, [t.file('a.xml', bigXml(spec('same')))]);
    const r = await importReports(t.db, [t.file('b.xml', bigXml(spec('same'), ROWS, 7))]);
    expect(r).toMatchObject({ imported: 1, records: ROWS, messages: messagesOf(ROWS, 7) });
    expect(r.repaired.map((n) => n.code)).toEqual(['dmarc.repair.report-id-reused']);
    expect(count(t.db, `SELECT COUNT(*) FROM dmarc_reports WHERE report_id LIKE 'same#%' AND staged_by IS NULL`)).toBe(1);
    expect(published()).toBe(2 * ROWS);
  });

  it('moves the rows when the header changes after they began (a second <policy_published>)', async () => {
    const s = spec('late-domain');
    const late = '  <policy_published><domain>other.example</domain><p>reject</p></policy_published>\n';
    const xml = reportHead(s) + records(ROWS, s) + late + REPORT_TAIL;
    expect(await importReports(t.db, [t.file('late.xml', xml)])).toMatchObject({ imported: 1, records: ROWS, errors: [] });
    expect(t.db.prepare('SELECT domain, p, row_count, staged_by FROM dmarc_reports').all()).toEqual([
      { domain: 'other.example', p: 'reject', row_count: ROWS, staged_by: null },
    ]);
    expect(t.db.prepare('SELECT domain, COUNT(*) AS n FROM dmarc_rows GROUP BY domain').all()).toEqual([{ domain: 'other.example', n: ROWS }]);
    // Every row, in the file's order, though the stage kept only the last step (the rest came back from the ledger).
    const ips = (t.db.prepare('SELECT source_ip FROM dmarc_rows ORDER BY id').all() as Array<{ source_ip: string }>).map((r) => r.source_ip);
    expect(ips).toEqual(Array.from({ length: ROWS }, (_, i) => bulkRowAt(i).ip));
    expect(count(t.db, 'SELECT SUM(count) FROM dmarc_rows')).toBe(messagesOf(ROWS));
  });

  it('takes its staged rows out when the file turns out bad half-way', async () => {
    const s = spec('broken');
    const xml = reportHead(s) + records(ROWS, s) + '<record><row><source_ip>not-an-ip</source_ip>' + REPORT_TAIL;
    const r = await importReports(t.db, [t.file('broken.xml', xml)]);
    expect(r.imported).toBe(0);
    expect(r.errors).toHaveLength(1);
    expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_rows') + count(t.db, 'SELECT COUNT(*) FROM dmarc_reports')).toBe(0);
  });
});

describe('the same id being written by another import', () => {
  const stageAs = (owner: string, reportId: string) =>
    t.db
      .prepare(
        `INSERT INTO dmarc_reports (org, report_id, domain, date_begin, date_end, schema, imported_at, staged_by)
         VALUES ('google.com', ?, 'acme.example', 0, 0, 'rfc7489', '2025-03-01T00:00:00Z', ?) RETURNING id`,
      )
      .get(reportId, owner) as { id: number };

  it('waits for it while its process runs; once that is gone, takes it out and imports the report', async () => {
    // The "other import": a process that lives ~1 s (a dead owner's report would be removed before the import starts).
    const other = spawn('sleep', ['1']);
    stageAs(`${os.hostname()}:${other.pid}`, 'in-flight');
    const started = Date.now();
    const r = await importReports(t.db, [t.file('a.xml', reportXml({ ...spec('in-flight'), rows: [bulkRowAt(1)] }))]);
    expect(r).toMatchObject({ imported: 1, duplicates: 0 });
    expect(other.exitCode).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(t.db.prepare('SELECT report_id, staged_by FROM dmarc_reports').all()).toEqual([{ report_id: 'in-flight', staged_by: null }]);
  });

  it('gives up with dmarc.import-busy, writing nothing, while a live import keeps it', async () => {
    const { id } = stageAs(`${os.hostname()}:${process.pid}`, 'in-flight');
    await expect(awaitStagedReport(t.db, id, 250)).rejects.toMatchObject({ code: 'dmarc.import-busy' });
    // Once it is published with its digest, the wait is over at once.
    t.db.prepare(`UPDATE dmarc_reports SET staged_by = NULL, content_sha256 = ? WHERE id = ?`).run('a'.repeat(64), id);
    await expect(awaitStagedReport(t.db, id, 250)).resolves.toBeUndefined();
  });
});
