import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importReports } from '../../../src-main/dmarc/import';
import { COPY_STEP_ROWS, digestOfStoredReport } from '../../../src-main/dmarc/import/commit-report-store';
import { RepairLog } from '../../../src-main/dmarc/import/repairs';
import { ReportDigest } from '../../../src-main/dmarc/import/report-digest';
import { headerValues } from '../../../src-main/dmarc/import/report-header-columns';
import type { ReportHeader, ReportRow } from '../../../src-main/dmarc/import/report-types';
import { ReportWriter } from '../../../src-main/dmarc/import/report-writer-store';
import { rowColumns } from '../../../src-main/dmarc/import/stage-store';
import { tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { bulkRowAt, reportXml } from '../../support/dmarc/report-builder';

/*
 * Ledgers keep each report's content digest (migration 011) to tell a re-sent report from a different one reusing
 * its id. A digest computed differently after an upgrade would turn every re-sent report into a "different" one,
 * kept twice — unless the old digest is settled against the ledger's rows, as it is for the digests made before
 * issue #17 changed their text. So today's digests of two fixed reports are pinned here, and so are the older ones.
 */
let t: TempLedger;
beforeEach(() => {
  t = tempLedger();
});
afterEach(() => t.close());

/** The rows the digests were pinned with: keep them, whatever the bulk rows become. */
const pinnedXml = (rows: number, reportId = `pinned-${rows}`, changed = false) =>
  reportXml({
    reportId,
    domain: 'acme.example',
    begin: '2025-03-01',
    rows: Array.from({ length: rows }, (_, i) => ({
      ...bulkRowAt(i),
      ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      reasons: i % 11 === 0 ? ['forwarded'] : undefined,
      dkimAuth: [{ domain: 'acme.example', selector: `s${i % 3}`, result: 'pass' }],
      spfAuth: [
        { domain: 'helo.example', scope: 'helo', result: 'pass' },
        { domain: 'acme.example', scope: 'mfrom', result: i % 5 || changed ? 'pass' : 'fail' },
      ],
    })),
  });

const BIG = COPY_STEP_ROWS * 2 + 5;
/** The digests these reports had before issue #17's change (each field read, joined by U+001C–U+001F). */
const OLDER = {
  3: '2739d0548cebe669e2d44185f9c6a0df2de826777a04531c8f50e2093c978f32',
  [BIG]: 'aa8ea9fb9ebe8219ab46435a632812ec73d9cd638b1de3ef167195da764b7e66',
};
/** Their digests since. */
const TODAY = {
  3: 'ad9c42b29436e143187d0ffcbc0a3f5b45387c8bcd1d8c54223465cfd3c989b2',
  [BIG]: '9bfb24420c386ac63da9de1808644c2ae6ee61a8d6353b5f09f85fa72b928066',
};

const stored = (reportId: string) =>
  t.db.prepare('SELECT id, content_sha256 AS sha FROM dmarc_reports WHERE report_id = ?').get(reportId) as { id: number; sha: string } | undefined;

const importPinned = (rows: number, name = `r-${rows}.xml`) => importReports(t.db, [t.file(name, pinnedXml(rows))]);

describe('report content digest', () => {
  it('is the same as it was pinned, for a small report and for one written as read, and the ledger gives it again', async () => {
    for (const rows of [3, BIG] as const) {
      await importPinned(rows);
      const r = stored(`pinned-${rows}`)!;
      expect(r.sha).toBe(TODAY[rows]);
      expect(digestOfStoredReport(t.db, r.id)).toBe(TODAY[rows]);
    }
  });

  it('makes a re-send of a report imported before the change a duplicate, and rewrites its digest', async () => {
    for (const rows of [3, BIG] as const) {
      await importPinned(rows);
      t.db.prepare('UPDATE dmarc_reports SET content_sha256 = ? WHERE report_id = ?').run(OLDER[rows], `pinned-${rows}`);
      expect(await importPinned(rows, `again-${rows}.xml`)).toMatchObject({ imported: 0, duplicates: 1 });
      expect(stored(`pinned-${rows}`)!.sha).toBe(TODAY[rows]);
    }
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM dmarc_reports').get()).toEqual({ n: 2 });
  });

  it('still keeps a different report under a reused id, beside one with an older digest', async () => {
    await importPinned(3);
    t.db.prepare('UPDATE dmarc_reports SET content_sha256 = ? WHERE report_id = ?').run(OLDER[3], 'pinned-3');
    const other = await importReports(t.db, [t.file('other.xml', pinnedXml(3, 'pinned-3', true))]);
    expect(other).toMatchObject({ imported: 1, duplicates: 0, repaired: [expect.objectContaining({ code: 'dmarc.repair.report-id-reused' })] });
    expect(stored('pinned-3')!.sha).toBe(OLDER[3]);
    const ids = t.db.prepare('SELECT report_id AS id FROM dmarc_reports ORDER BY id').all() as Array<{ id: string }>;
    expect(ids.map((r) => r.id)).toEqual(['pinned-3', expect.stringMatching(/^pinned-3#[0-9a-f]{12}$/)]);
    // That reuse, kept before the change (an older digest), sent again: a duplicate of it, not a third report.
    t.db.prepare("UPDATE dmarc_reports SET report_id = ?, content_sha256 = ? WHERE report_id <> 'pinned-3'").run(`pinned-3#${'b'.repeat(12)}`, 'b'.repeat(64));
    expect(await importReports(t.db, [t.file('other-again.xml', pinnedXml(3, 'pinned-3', true))])).toMatchObject({ imported: 0, duplicates: 1 });
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM dmarc_reports').get()).toEqual({ n: 2 });
  });
});

describe('report content digest, batch by batch', () => {
  const rows: ReportRow[] = Array.from({ length: 700 }, (_, i) => ({
    sourceIp: `192.0.2.${i % 250}`,
    count: i,
    disposition: i % 2 ? 'none' : 'reject',
    dkim: 'pass',
    spf: i % 3 ? 'fail' : 'pass',
    reasons: ['forwarded', 'local_policy', 'mailing_list'].slice(0, i % 4),
    headerFrom: 'acme.example',
    envelopeFrom: i % 5 ? '' : 'bounce.acme.example',
    envelopeTo: i % 7 ? '' : 'to.example',
    dkimAuth: Array.from({ length: i % 3 }, (_, k) => ({ domain: `d${k}.example`, selector: `s${k}`, result: k ? 'fail' : 'pass' })),
    spfAuth: Array.from({ length: i % 3 }, (_, k) => ({ domain: `e${k}.example`, scope: k ? 'helo' : 'mfrom', result: 'pass' })),
  }));
  const header: ReportHeader = {
    schema: 'rfc7489',
    org: 'x.example',
    email: 'noreply@x.example',
    reportId: 'y',
    begin: 1740787200,
    end: 1740873599,
    errors: [],
    policy: { domain: 'acme.example', p: 'none', pct: 100 },
  };
  /** The definition, in one piece: the rows' JSON without its brackets, U+001C, the header's column values. */
  const asDefined = createHash('sha256')
    .update(`${JSON.stringify(rows.map(rowColumns)).slice(1, -1)}\x1c${JSON.stringify(headerValues(header))}`)
    .digest('hex');

  it('hashes the same text however the rows were cut into batches', () => {
    for (const size of [1, 128, 699, 700, 2000]) {
      const digest = new ReportDigest();
      digest.rows('[]');
      for (let i = 0; i < rows.length; i += size) digest.rows(JSON.stringify(rows.slice(i, i + size).map(rowColumns)));
      expect(digest.finish(header), `batches of ${size}`).toBe(asDefined);
    }
  });

  it('is what the ledger gives again for rows written on this thread, as a report fits one step or not', async () => {
    for (const n of [5, COPY_STEP_ROWS + 1, COPY_STEP_ROWS * 3]) {
      const many = Array.from({ length: n }, (_, i) => rows[i % rows.length]!);
      const h = { ...header, reportId: `thread-${n}` };
      const writer = new ReportWriter(t.db, () => h, { sourceFile: 'x.xml', importedAt: '2025-03-02T00:00:00Z' }, new ReportDigest());
      for (const r of many) writer.add(r);
      await writer.commit(h, { sourceFile: 'x.xml', importedAt: '2025-03-02T00:00:00Z', repairs: new RepairLog() });
      writer.dispose();
      const r = stored(`thread-${n}`)!;
      expect(r.sha, `${n} rows`).toBe(digestOfStoredReport(t.db, r.id));
    }
  });
});
