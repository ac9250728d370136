import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importReports, type ImportResult } from '../../../src-main/dmarc/import';
import { billionLaughs, emlMessage, gzipBomb, zipArchive, zipBomb } from '../../support/dmarc/archives';
import { count, tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { gzip, reportXml, type ReportSpec } from '../../support/dmarc/report-builder';

let t: TempLedger;
beforeEach(() => {
  t = tempLedger();
});
afterEach(() => t.close());

const spec = (id: string, extra: Partial<ReportSpec> = {}): ReportSpec => ({
  reportId: id,
  domain: 'acme.example',
  begin: '2025-03-01',
  rows: [
    { ip: '192.0.2.10', count: 5, dkim: 'pass', spf: 'pass' },
    { ip: '192.0.2.11', count: 3, dkim: 'fail', spf: 'fail' },
  ],
  ...extra,
});
const ledgerIsEmpty = () => {
  expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_reports')).toBe(0);
  expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_rows')).toBe(0);
};
const only = (r: ImportResult) => {
  expect(r.errors).toHaveLength(1);
  return r.errors[0]!;
};

describe('importReports — refusals', () => {
  it('refuses malformed XML with dmarc.malformed-xml and keeps nothing of it', async () => {
    const xml = reportXml(spec('bad')).replace('<count>3</count>', '<count>3</cout>');
    const r = await importReports(t.db, [t.file('bad.xml', xml)]);
    expect(only(r)).toMatchObject({ code: 'dmarc.malformed-xml', file: `${t.dir}/bad.xml` });
    expect(r).toMatchObject({ files: 1, imported: 0, records: 0, messages: 0 });
    ledgerIsEmpty();
  });

  it('refuses a truncated gzip with dmarc.truncated, even though its first rows parsed', async () => {
    const gz = gzip(
      reportXml(
        spec('trunc', {
          rows: Array.from({ length: 400 }, (_, i) => ({ ip: `198.51.100.${i % 250}`, count: 1, dkim: 'pass' as const, spf: 'pass' as const })),
        }),
      ),
    );
    const r = await importReports(t.db, [t.file('t.xml.gz', gz.subarray(0, Math.floor(gz.length * 0.7)))]);
    expect(only(r).code).toBe('dmarc.truncated');
    ledgerIsEmpty();
  });

  it('refuses XML that stops early, and a zip cut short', async () => {
    const xml = reportXml(spec('cut'));
    const r = await importReports(t.db, [
      t.file('cut.xml', xml.slice(0, xml.length - 200)),
      t.file('cut.zip', zipArchive([{ name: 'a.xml', data: xml }]).subarray(0, 100)),
    ]);
    expect(r.errors.map((e) => e.code)).toEqual(['dmarc.truncated', 'dmarc.truncated']);
    ledgerIsEmpty();
  });

  it('refuses a billion-laughs document at its DOCTYPE without expanding anything', async () => {
    const r = await importReports(t.db, [t.file('lol.xml', billionLaughs()), t.file('lol.xml.gz', gzip(billionLaughs()))]);
    expect(r.errors.map((e) => e.code)).toEqual(['dmarc.dtd-forbidden', 'dmarc.dtd-forbidden']);
    // Any DOCTYPE at all is refused, not just entity-laden ones.
    const plain = reportXml(spec('dt')).replace('<feedback>', '<!DOCTYPE feedback>\n<feedback>');
    expect(only(await importReports(t.db, [t.file('dt.xml', plain)])).code).toBe('dmarc.dtd-forbidden');
    ledgerIsEmpty();
  });

  it('stops a gzip bomb by its expansion ratio long before the size cap (4 GiB would hit it)', async () => {
    const bomb = gzipBomb(256); // ~4 GiB of spaces in a few MiB
    const r = await importReports(t.db, [t.file('bomb.xml.gz', bomb)]);
    const e = only(r);
    expect(e.code).toBe('dmarc.bomb');
    // The message says where it stopped: far below the 512 MiB cap, so nowhere near fully inflated.
    const stoppedAt = Number(/over ([\d.]+) MiB/.exec(e.message)?.[1]);
    expect(stoppedAt).toBeGreaterThan(1);
    expect(stoppedAt).toBeLessThan(512);
  });

  it('refuses a zip bomb from its declared sizes without inflating it, and a lying one while inflating', async () => {
    const honest = await importReports(t.db, [t.file('bomb.zip', zipBomb(16))]);
    expect(only(honest)).toMatchObject({ code: 'dmarc.bomb' });
    expect(honest.errors[0]!.message).toMatch(/^google\.com!acme\.example!1!2\.xml: /);
    const lying = await importReports(t.db, [t.file('liar.zip', zipBomb(16, { lieAboutSize: true }))]);
    expect(only(lying)).toMatchObject({ code: 'dmarc.corrupt-archive', message: expect.stringMatching(/more than its header declares/) });
    ledgerIsEmpty();
  });

  it('refuses a zip entry that inflates to less than its header declares (truncated), and keeps nothing of it', async () => {
    const xml = Buffer.from(reportXml(spec('short')));
    const deflated = zlib.deflateRawSync(xml);
    const short = zipArchive([{ name: 'a.xml', data: Buffer.alloc(0), raw: { deflated, size: xml.length + 100, crc: zlib.crc32(xml) } }]);
    expect(only(await importReports(t.db, [t.file('short.zip', short)]))).toMatchObject({
      code: 'dmarc.corrupt-archive',
      message: expect.stringMatching(/not enough bytes/),
    });
    ledgerIsEmpty();
  });

  it('applies configurable caps: size, ratio and entry count', async () => {
    const xml = reportXml(spec('big'));
    const tooLarge = await importReports(t.db, [t.file('big.xml', xml)], { caps: { maxBytes: 500 } });
    expect(only(tooLarge).code).toBe('dmarc.too-large');
    const many = zipArchive(Array.from({ length: 5 }, (_, i) => ({ name: `r${i}.xml`, data: reportXml(spec(`z${i}`)) })));
    const tooMany = await importReports(t.db, [t.file('many.zip', many)], { caps: { maxEntries: 4 } });
    expect(only(tooMany).code).toBe('dmarc.too-many-entries');
    ledgerIsEmpty();
    const ok = await importReports(t.db, [t.file('many2.zip', many)], { caps: { maxEntries: 5 } });
    expect(ok.imported).toBe(5);
  });

  it("refuses an oversized e-mail attachment but imports the e-mail's other reports", async () => {
    const big = reportXml(
      spec('eml-big', { rows: Array.from({ length: 40 }, (_, i) => ({ ip: `198.51.100.${i}`, count: 1, dkim: 'pass' as const, spf: 'pass' as const })) }),
    );
    const eml = emlMessage([
      { filename: 'big.xml', contentType: 'text/xml', data: big },
      {
        filename: 'small.xml.gz',
        contentType: 'application/gzip',
        data: gzip(reportXml(spec('eml-small', { rows: [{ ip: '192.0.2.1', count: 1, dkim: 'pass', spf: 'pass' }] }))),
      },
    ]);
    const r = await importReports(t.db, [t.file('m.eml', eml)], { caps: { maxBytes: 4000 } });
    expect(r).toMatchObject({ imported: 1, records: 1 });
    expect(r.errors.map((e) => [e.code, e.message.split(':')[0]])).toEqual([['dmarc.too-large', 'big.xml']]);
  });

  it('names what is not a report, and what is not a report file', async () => {
    const r = await importReports(t.db, [
      t.file('html.xml', '<html><body>hello</body></html>'),
      t.file('meta.xml', '<feedback><report_metadata><org_name>x</org_name></report_metadata></feedback>'),
      t.file('empty.xml', ''),
      t.file('report.pdf', '%PDF-1.4'),
      `${t.dir}/missing.xml`,
      t.file('nothing.eml', emlMessage([])),
      t.file('docs.zip', zipArchive([{ name: 'readme.txt', data: 'hi' }])),
    ]);
    expect(r.errors.map((e) => [e.file.replace(`${t.dir}/`, ''), e.code])).toEqual([
      ['html.xml', 'dmarc.not-a-report'],
      ['meta.xml', 'dmarc.not-a-report'],
      ['empty.xml', 'dmarc.not-a-report'],
      ['report.pdf', 'dmarc.unsupported-file'],
      ['missing.xml', 'dmarc.file-not-found'],
      ['nothing.eml', 'dmarc.not-a-report'],
      ['docs.zip', 'dmarc.not-a-report'],
    ]);
    expect(r.errors[1]!.message).toMatch(/report_id/);
    expect(r.files).toBe(7);
  });

  it('refuses impossible values with dmarc.invalid-report', async () => {
    const badIp = reportXml(spec('ip')).replace('192.0.2.11', '192.0.2.999');
    const badCount = reportXml(spec('cnt')).replace('<count>3</count>', '<count>three</count>');
    const badDate = reportXml(spec('dt')).replace(/<begin>\d+<\/begin>/, '<begin>yesterday</begin>');
    const r = await importReports(t.db, [t.file('a.xml', badIp), t.file('b.xml', badCount), t.file('c.xml', badDate)]);
    expect(r.errors.map((e) => e.code)).toEqual(['dmarc.invalid-report', 'dmarc.invalid-report', 'dmarc.invalid-report']);
    expect(r.errors[0]!.message).toMatch(/record 2: source_ip "192\.0\.2\.999"/);
    ledgerIsEmpty();
  });

  it('imports the good files around a bad one and keeps no row of the bad one', async () => {
    const bad = reportXml(
      spec('bad', {
        rows: [
          { ip: '203.0.113.1', count: 100, dkim: 'pass', spf: 'pass' },
          { ip: '203.0.113.2', count: 100, dkim: 'pass', spf: 'pass' },
          { ip: 'not-an-ip', count: 100, dkim: 'pass', spf: 'pass' },
        ],
      }),
    );
    const r = await importReports(t.db, [
      t.file('1-good.xml', reportXml(spec('good-1'))),
      t.file('2-bad.xml', bad),
      t.file('3-good.xml.gz', gzip(reportXml(spec('good-2')))),
      t.file(
        '4-mixed.zip',
        zipArchive([
          { name: 'ok.xml', data: reportXml(spec('good-3')) },
          { name: 'broken.xml', data: '<feedback><oops' },
        ]),
      ),
    ]);
    expect(r).toMatchObject({ files: 4, imported: 3, duplicates: 0, records: 6, messages: 24 });
    expect(r.errors.map((e) => [e.file.replace(`${t.dir}/`, ''), e.code])).toEqual([
      ['2-bad.xml', 'dmarc.invalid-report'],
      ['4-mixed.zip', 'dmarc.truncated'],
    ]);
    expect(r.errors[1]!.message).toMatch(/^broken\.xml: /);
    expect(count(t.db, `SELECT COUNT(*) FROM dmarc_rows WHERE source_ip LIKE '203.0.113.%'`)).toBe(0);
    expect(count(t.db, `SELECT COUNT(*) FROM dmarc_reports WHERE report_id = 'bad'`)).toBe(0);
    // The bad report can be imported once fixed: nothing of it lingers, not even in a staging table.
    const fixed = await importReports(t.db, [t.file('2-fixed.xml', bad.replace('not-an-ip', '203.0.113.3'))]);
    expect(fixed).toMatchObject({ imported: 1, records: 3, messages: 300, errors: [] });
    expect(t.db.prepare(`SELECT name FROM sqlite_temp_master WHERE type = 'table'`).all()).toEqual([]);
  });

  it('cancels between reports and says so, keeping what was finished', async () => {
    const controller = new AbortController();
    const files = [t.file('a.xml', reportXml(spec('c-1'))), t.file('b.xml', reportXml(spec('c-2'))), t.file('c.xml', reportXml(spec('c-3')))];
    const r = await importReports(t.db, files, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 1) controller.abort();
      },
    });
    expect(r.imported).toBe(1);
    expect(r.errors.map((e) => e.code)).toEqual(['dmarc.cancelled']);
    expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_reports')).toBe(1);
  });
});
