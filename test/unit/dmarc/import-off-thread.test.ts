import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importReports } from '../../../src-main/dmarc/import';
import { importReportsOffThread } from '../../../src-main/dmarc/import/worker/import-off-thread';
import { count, tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { bulkRowAt, writeLargeReport } from '../../support/dmarc/report-builder';

let t: TempLedger;
beforeEach(() => {
  t = tempLedger();
});
afterEach(() => t.close());

describe('importReportsOffThread — the import on a worker with its own connection', () => {
  it('imports like importReports on this thread: same result, same rows, progress on the way', async () => {
    const file = `${t.dir}/google.com!acme.example!big.xml.gz`;
    await writeLargeReport(file, { reportId: 'w-1', domain: 'acme.example', begin: '2025-03-01' }, 25_000, bulkRowAt, { gzip: true });
    const progress: number[] = [];
    const now = () => new Date('2025-03-05T10:00:00Z');
    const result = await importReportsOffThread(t.db, [file], { now, onProgress: (p) => progress.push(p.fileRows) });
    expect(result).toMatchObject({ files: 1, imported: 1, records: 25_000, errors: [] });
    expect(progress.filter((r) => r > 0).length).toBeGreaterThanOrEqual(2);
    // This thread's connection sees the whole report, published, with the caller's clock.
    expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_rows')).toBe(25_000);
    expect(t.db.prepare('SELECT staged_by, imported_at FROM dmarc_reports').get()).toEqual({ staged_by: null, imported_at: '2025-03-05T10:00:00.000Z' });
    // The same file again, on this thread: a duplicate, as it would be after an import on this thread.
    expect(await importReports(t.db, [file])).toMatchObject({ imported: 0, duplicates: 1 });
  });

  it('lists bad files as importReports does', async () => {
    const r = await importReportsOffThread(t.db, [`${t.dir}/nope.xml`]);
    const here = await importReports(t.db, [`${t.dir}/nope.xml`]);
    expect(r).toEqual(here);
    expect(r.errors.map((e) => e.code)).toEqual(['dmarc.file-not-found']);
  });

  it("cancelled mid-report by the caller's signal, keeps nothing of it", async () => {
    const file = `${t.dir}/mid.xml`;
    await writeLargeReport(file, { reportId: 'mid-1', domain: 'acme.example', begin: '2025-03-01' }, 30_000, bulkRowAt);
    const controller = new AbortController();
    const result = await importReportsOffThread(t.db, [file], {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.fileRows >= 10_000) controller.abort();
      },
    });
    expect(result).toMatchObject({ files: 1, imported: 0, records: 0 });
    expect(result.errors.map((e) => e.code)).toEqual(['dmarc.cancelled']);
    expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_rows') + count(t.db, 'SELECT COUNT(*) FROM dmarc_reports')).toBe(0);
  });
});
