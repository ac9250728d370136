import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importReports } from '../../../src-main/dmarc/import';
import { emlMessage, zipArchive } from '../../support/dmarc/archives';
import { count, tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { gzip, reportXml, type ReportSpec } from '../../support/dmarc/report-builder';

let t: TempLedger;
beforeEach(() => {
  t = tempLedger();
});
afterEach(() => t.close());

const base = (id: string, extra: Partial<ReportSpec> = {}): ReportSpec => ({
  reportId: id,
  domain: 'acme.example',
  begin: '2025-03-01',
  rows: [
    { ip: '192.0.2.10', count: 5, dkim: 'pass', spf: 'pass' },
    { ip: '2001:DB8::1', count: 2, dkim: 'fail', spf: 'fail', disposition: 'quarantine', headerFrom: 'Mail.Acme.Example' },
  ],
  ...extra,
});

describe('importReports — formats', () => {
  it('imports an RFC 7489 report with every field in place', async () => {
    const file = t.file(
      'google.com!acme.example!1740787200!1740873599.xml',
      reportXml(
        base('r-7489', {
          policy: { p: 'quarantine', sp: 'none', adkim: 'r', aspf: 's', pct: 50 },
          rows: [
            {
              ip: '192.0.2.10',
              count: 5,
              dkim: 'pass',
              spf: 'fail',
              reasons: ['forwarded'],
              envelopeFrom: 'pm-bounces.acme.example',
              dkimAuth: [
                { domain: 'acme.example', selector: '2024pm', result: 'pass' },
                { domain: 'pm.mtasv.net', selector: 'pm', result: 'pass' },
              ],
              spfAuth: [
                { domain: 'helo.example', scope: 'helo', result: 'pass' },
                { domain: 'pm-bounces.acme.example', scope: 'mfrom', result: 'fail' },
              ],
            },
          ],
        }),
      ),
    );
    const result = await importReports(t.db, [file]);
    expect(result).toEqual({ files: 1, imported: 1, duplicates: 0, records: 1, messages: 5, failures: 0, errors: [], repaired: [] });
    expect(
      t.db
        .prepare(
          'SELECT org, report_id, domain, date_begin, date_end, p, sp, np, adkim, aspf, pct, testing, schema, version, row_count, message_count, source_file FROM dmarc_reports',
        )
        .get(),
    ).toEqual({
      org: 'google.com',
      report_id: 'r-7489',
      domain: 'acme.example',
      date_begin: 1740787200,
      date_end: 1740873599,
      p: 'quarantine',
      sp: 'none',
      np: null,
      adkim: 'r',
      aspf: 's',
      pct: 50,
      testing: null,
      schema: 'rfc7489',
      version: '1.0',
      row_count: 1,
      message_count: 5,
      source_file: file,
    });
    expect(
      t.db
        .prepare(
          'SELECT domain, date_begin, source_ip, count, disposition, dkim_evaluated, spf_evaluated, reasons, header_from, envelope_from, dkim_domains, dkim_selectors, dkim_results, spf_domain, spf_result FROM dmarc_rows',
        )
        .get(),
    ).toEqual({
      domain: 'acme.example',
      date_begin: 1740787200,
      source_ip: '192.0.2.10',
      count: 5,
      disposition: 'none',
      dkim_evaluated: 'pass',
      spf_evaluated: 'fail',
      reasons: 'forwarded',
      header_from: 'acme.example',
      envelope_from: 'pm-bounces.acme.example',
      dkim_domains: 'acme.example pm.mtasv.net',
      dkim_selectors: '2024pm pm',
      dkim_results: 'pass pass',
      spf_domain: 'pm-bounces.acme.example',
      spf_result: 'fail',
    });
  });

  it('imports an RFC 9990 report (namespace, np, testing, discovery_method, generator) and ignores extensions', async () => {
    const file = t.file('r.xml', reportXml(base('r-9990', { schema: 'rfc9990', extensions: true, policy: { p: 'reject', np: 'reject', testing: 'y' } })));
    const result = await importReports(t.db, [file]);
    expect(result).toEqual({ files: 1, imported: 1, duplicates: 0, records: 2, messages: 7, failures: 0, errors: [], repaired: [] });
    expect(t.db.prepare('SELECT schema, p, np, testing, discovery_method, generator, pct FROM dmarc_reports').get()).toEqual({
      schema: 'rfc9990',
      p: 'reject',
      np: 'reject',
      testing: 'y',
      discovery_method: 'treewalk',
      generator: 'Fixture 1.0',
      pct: null,
    });
    expect(t.db.prepare('SELECT source_ip, header_from FROM dmarc_rows ORDER BY id').all()).toEqual([
      { source_ip: '192.0.2.10', header_from: 'acme.example' },
      { source_ip: '2001:db8::1', header_from: 'mail.acme.example' },
    ]);
  });

  it('imports .xml.gz, .zip (several entries) and .eml attachments (gz, zip, plain xml, forwarded)', async () => {
    const files = [
      t.file('a.xml.gz', gzip(reportXml(base('gz-1')))),
      t.file(
        'b.zip',
        zipArchive([
          { name: 'one.xml', data: reportXml(base('zip-1')) },
          { name: 'two.xml.gz', data: gzip(reportXml(base('zip-2', { schema: 'rfc9990' }))), method: 'store' },
          { name: '__MACOSX/._one.xml', data: 'junk' },
          { name: 'readme.txt', data: 'not a report' },
        ]),
      ),
      t.file('c.eml', emlMessage([{ filename: 'google.com!acme.example!1!2.xml.gz', contentType: 'application/gzip', data: gzip(reportXml(base('eml-gz'))) }])),
      t.file(
        'd.eml',
        emlMessage([
          { filename: 'report.zip', contentType: 'application/zip', data: zipArchive([{ name: 'r.xml', data: reportXml(base('eml-zip')) }]) },
          { filename: 'plain.xml', contentType: 'text/xml', data: reportXml(base('eml-7bit')), encoding: '7bit' },
          { contentType: 'text/xml', data: reportXml(base('eml-qp')), encoding: 'quoted-printable' },
        ]),
      ),
      t.file('e.eml', emlMessage([{ filename: 'x.xml', contentType: 'text/xml', data: reportXml(base('eml-fwd')) }], { wrapInForward: true })),
    ];
    const result = await importReports(t.db, files);
    expect(result).toEqual({ files: 5, imported: 8, duplicates: 0, records: 16, messages: 56, failures: 0, errors: [], repaired: [] });
    const ids = (t.db.prepare('SELECT report_id FROM dmarc_reports ORDER BY report_id').all() as Array<{ report_id: string }>).map((r) => r.report_id);
    expect(ids).toEqual(['eml-7bit', 'eml-fwd', 'eml-gz', 'eml-qp', 'eml-zip', 'gz-1', 'zip-1', 'zip-2']);
  });

  it('goes by content, not extension, and accepts the old draft namespace and CDATA', async () => {
    const draft = reportXml(base('draft-ns'))
      .replace('<feedback>', '<feedback xmlns="http://dmarc.org/dmarc-xml/0.1">')
      .replace('<org_name>google.com</org_name>', '<org_name><![CDATA[google.com]]></org_name>');
    const result = await importReports(t.db, [
      t.file('actually-gzip.xml', gzip(reportXml(base('mislabelled-1')))),
      t.file('actually-plain.xml.gz', reportXml(base('mislabelled-2'))),
      t.file('draft.xml', draft),
    ]);
    expect(result).toMatchObject({ imported: 3, errors: [], repaired: [] });
    expect(t.db.prepare(`SELECT org, schema FROM dmarc_reports WHERE report_id = 'draft-ns'`).get()).toEqual({ org: 'google.com', schema: 'rfc7489' });
  });

  it('walks folders recursively, skipping hidden and non-report files', async () => {
    t.file('in/2025/03/a.xml', reportXml(base('f-1')));
    t.file('in/2025/04/b.xml.gz', gzip(reportXml(base('f-2'))));
    t.file('in/.hidden/c.xml', reportXml(base('f-3')));
    t.file('in/notes.txt', 'hello');
    t.file('empty/notes.txt', 'hello');
    const result = await importReports(t.db, [`${t.dir}/in`, `${t.dir}/empty`]);
    expect(result).toEqual({
      files: 2,
      imported: 2,
      duplicates: 0,
      records: 4,
      messages: 14,
      failures: 0,
      errors: [{ file: `${t.dir}/empty`, code: 'dmarc.no-report-files', message: 'The folder holds no .xml, .xml.gz, .zip or .eml file.' }],
      repaired: [],
    });
  });

  it('skips a report already imported (same org and report id), even from another file or format', async () => {
    const xml = reportXml(base('dup-1'));
    const first = await importReports(t.db, [t.file('a.xml', xml)]);
    const again = await importReports(t.db, [
      t.file('a.xml.gz', gzip(xml)),
      t.file('b.xml', xml),
      t.file('c.xml', reportXml(base('dup-1', { org: 'yahoo.com' }))),
    ]);
    expect(first.imported).toBe(1);
    expect(again).toEqual({ files: 3, imported: 1, duplicates: 2, records: 2, messages: 7, failures: 0, errors: [], repaired: [] });
    expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_rows')).toBe(4);
  });

  it('reports progress per file and a final tally', async () => {
    const seen: Array<{ file: string; done: number; total: number }> = [];
    await importReports(t.db, [t.file('a.xml', reportXml(base('p-1'))), t.file('b.xml', reportXml(base('p-2')))], {
      onProgress: (p) => seen.push({ file: p.file.replace(`${t.dir}/`, ''), done: p.done, total: p.total }),
    });
    expect(seen).toEqual([
      { file: 'a.xml', done: 0, total: 2 },
      { file: 'b.xml', done: 1, total: 2 },
      { file: '', done: 2, total: 2 },
    ]);
  });
});
