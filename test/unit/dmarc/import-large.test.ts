import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importReports } from '../../../src-main/dmarc/import';
import { COPY_STEP_ROWS } from '../../../src-main/dmarc/import/commit-report-store';
import { STAGED_REPORT_IDS } from '../../../src-main/dmarc/import/staging-store';
import { MAX_ROWS_IN_FLIGHT } from '../../../src-main/dmarc/import/worker/row-writer-client';
import { count, tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { bulkRowAt, writeLargeReport } from '../../support/dmarc/report-builder';

let t: TempLedger;
beforeEach(() => {
  t = tempLedger();
});
afterEach(() => t.close());

const ROWS = 50_000;
const rowAt = bulkRowAt;

describe('importReports — a large report', () => {
  it(`imports ${ROWS.toLocaleString('en')} rows from one streamed .xml.gz with flat memory`, async () => {
    const file = `${t.dir}/google.com!acme.example!big.xml.gz`;
    await writeLargeReport(file, { reportId: 'big-1', domain: 'acme.example', begin: '2025-03-01', schema: 'rfc9990' }, ROWS, rowAt, { gzip: true });

    let expectedMessages = 0;
    let expectedPass = 0;
    for (let i = 0; i < ROWS; i++) {
      const r = rowAt(i);
      expectedMessages += r.count;
      if (r.dkim === 'pass' || r.spf === 'pass') expectedPass += r.count;
    }

    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const progressRows: number[] = [];
    const midway: Array<{ written: number; visible: number; stagedReports: number; rows: number }> = [];
    const result = await importReports(t.db, [file], {
      onProgress: (p) => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        if (!p.fileRows) return;
        progressRows.push(p.fileRows);
        // Mid-file, the rows read so far are already in dmarc_rows, under a staged report that every reader leaves
        // out — all but the last few rows: those being gathered, those on their way to the row writer's thread, and
        // fewer than a copy step staged there.
        midway.push({
          written: count(t.db, 'SELECT COUNT(*) FROM dmarc_rows'),
          visible: count(t.db, `SELECT COUNT(*) FROM dmarc_rows WHERE report_id NOT IN (${STAGED_REPORT_IDS})`),
          stagedReports: count(t.db, 'SELECT COUNT(*) FROM dmarc_reports WHERE staged_by IS NOT NULL'),
          rows: p.fileRows,
        });
      },
    });

    expect(result).toEqual({ files: 1, imported: 1, duplicates: 0, records: ROWS, messages: expectedMessages, failures: 0, errors: [], repaired: [] });
    expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_rows')).toBe(ROWS);
    expect(count(t.db, `SELECT SUM(count) FROM dmarc_rows WHERE dkim_evaluated = 'pass' OR spf_evaluated = 'pass'`)).toBe(expectedPass);
    expect(count(t.db, 'SELECT message_count FROM dmarc_reports')).toBe(expectedMessages);
    // Progress arrived while the file was still being read (rows are streamed, not collected first)…
    expect(progressRows.length).toBeGreaterThanOrEqual(4);
    expect(progressRows).toEqual([...progressRows].sort((a, b) => a - b));
    expect(midway.length).toBeGreaterThan(0);
    for (const m of midway) {
      // Before the row writer's thread has staged the report (it starts with the first big batch), nothing is written.
      expect(m.visible).toBe(0);
      expect(m.stagedReports).toBeLessThanOrEqual(1);
      if (m.written > 0) expect(m.stagedReports).toBe(1);
      expect(m.written).toBeLessThanOrEqual(m.rows);
      expect(m.written).toBeGreaterThan(m.rows - MAX_ROWS_IN_FLIGHT - 2 * COPY_STEP_ROWS);
    }
    expect(midway.filter((m) => m.written > 0 && m.written < ROWS).length).toBeGreaterThan(0);
    // …and the heap never held the report (~35 MB of XML; the parsed rows alone would be ~19 MB).
    expect(peak - baseline).toBeLessThan(32 * 1024 * 1024);
  });

  it('cancelled in the middle of a big report, keeps nothing of it', async () => {
    const file = `${t.dir}/mid.xml`;
    await writeLargeReport(file, { reportId: 'mid-1', domain: 'acme.example', begin: '2025-03-01' }, 30_000, rowAt);
    const controller = new AbortController();
    const result = await importReports(t.db, [file], {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.fileRows >= 10_000) controller.abort();
      },
    });
    expect(result).toMatchObject({ files: 1, imported: 0, records: 0 });
    expect(result.errors.map((e) => e.code)).toEqual(['dmarc.cancelled']);
    expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_rows') + count(t.db, 'SELECT COUNT(*) FROM dmarc_reports')).toBe(0);
    expect(t.db.prepare(`SELECT name FROM sqlite_temp_master WHERE type = 'table'`).all()).toEqual([]);
  });
});
