import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importReports } from '../../../src-main/dmarc/import';
import { emlMessage } from '../../support/dmarc/archives';
import { count, tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { importOne, twoRowSpec } from '../../support/dmarc/two-rows';
import { gzip, reportXml } from '../../support/dmarc/report-builder';

/* Issue #14, the containers: gzip as senders really write it, and report e-mails whose headers or base64 lie. */
let t: TempLedger;
beforeEach(() => {
  t = tempLedger();
});
afterEach(() => t.close());

const spec = twoRowSpec;
const xml = (id: string) => reportXml(spec(id));

const one = (name: string, data: string | Buffer) => importOne(t, name, data);

describe('import repairs — gzip', () => {
  it('reads a gzip member followed by CR/LF or NUL padding (Mimecast), and notes the ignored bytes', async () => {
    const r = await one('crlf.xml.gz', Buffer.concat([gzip(xml('g-1')), Buffer.from('\r\n')]));
    expect(r).toMatchObject({ imported: 1, records: 2, messages: 7, errors: [], codes: ['dmarc.repair.gzip-trailing-bytes'] });
    expect(r.repaired[0]?.message).toMatch(/^2 byte\(s\) .* padding/);
    expect(await one('pad.xml.gz', Buffer.concat([gzip(xml('g-2')), Buffer.alloc(512)]))).toMatchObject({
      imported: 1,
      codes: ['dmarc.repair.gzip-trailing-bytes'],
    });
    const junk = await one('junk.xml.gz', Buffer.concat([gzip(xml('g-3')), Buffer.from('garbage')]));
    expect(junk.repaired[0]?.message).toContain('not gzip data');
  });

  it('reads concatenated gzip members as one report (RFC 1952 §2.2)', async () => {
    const text = xml('g-4');
    const cut = text.indexOf('<record>') + 20; // the second member starts inside a record
    const r = await one('multi.xml.gz', Buffer.concat([gzip(text.slice(0, cut)), gzip(text.slice(cut))]));
    expect(r).toMatchObject({ imported: 1, records: 2, messages: 7, codes: ['dmarc.repair.gzip-concatenated'] });
  });

  it('still refuses a gzip cut short or with a wrong checksum, and a bomb after a good member', async () => {
    const gz = gzip(xml('g-5'));
    expect((await one('cut.xml.gz', gz.subarray(0, gz.length - 5))).errors.map((e) => e.code)).toEqual(['dmarc.truncated']);
    const bad = Buffer.from(gz);
    bad.writeUInt32LE((bad.readUInt32LE(bad.length - 8) ^ 1) >>> 0, bad.length - 8);
    expect((await one('crc.xml.gz', bad)).errors.map((e) => e.code)).toEqual(['dmarc.corrupt-archive']);
    const bomb = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    const r = await one('bomb.xml.gz', Buffer.concat([gzip(xml('g-6').replace('</feedback>\n', '')), bomb]));
    expect(r.errors.map((e) => e.code)).toEqual(['dmarc.bomb']);
    expect(count(t.db, `SELECT COUNT(*) FROM dmarc_reports WHERE report_id IN ('g-5', 'g-6')`)).toBe(0);
  });
});

describe('import repairs — e-mail', () => {
  it('reads a .gz attachment whose MIME type lies, by its content, and says so', async () => {
    const eml = emlMessage([{ filename: 'google.com!acme.example!1!2.xml.gz', contentType: 'text/plain', data: gzip(xml('m-1')) }]);
    const r = await one('lie.eml', eml);
    expect(r).toMatchObject({ imported: 1, records: 2, codes: ['dmarc.repair.attachment-type'] });
    expect(r.repaired[0]?.message).toMatch(/^google\.com!acme\.example!1!2\.xml\.gz: The attachment is declared as text\/plain but holds gzip/);
    const xmlAsGzip = emlMessage([{ filename: 'r.xml', contentType: 'application/gzip', data: xml('m-2') }]);
    expect(await one('lie2.eml', xmlAsGzip)).toMatchObject({ imported: 1, codes: ['dmarc.repair.attachment-type'] });
  });

  it('skips line noise in base64 and notes it; a clean e-mail gets no note', async () => {
    const clean = emlMessage([{ filename: 'r.xml.gz', contentType: 'application/gzip', data: gzip(xml('m-3')) }]);
    expect(await one('clean.eml', clean)).toMatchObject({ imported: 1, repaired: [] });
    const noisy = emlMessage([{ filename: 'r.xml.gz', contentType: 'application/gzip', data: gzip(xml('m-4')) }]).replace(
      /(\r\n[A-Za-z0-9+/]{76})\r\n/g,
      '$1 !\r\n',
    );
    const r = await one('noisy.eml', noisy);
    expect(r).toMatchObject({ imported: 1, records: 2, messages: 7, codes: ['dmarc.repair.base64-noise'] });
  });
});

describe('import repairs — report ids', () => {
  it("keeps a different report that reuses its reporter's id (suffixed, noted); a re-send is still a duplicate", async () => {
    expect(await one('a.xml', xml('same-id'))).toMatchObject({ imported: 1, repaired: [] });
    const other = reportXml(spec('same-id', { rows: [{ ip: '203.0.113.9', count: 3, dkim: 'pass', spf: 'fail' }] }));
    const r = await one('b.xml', other);
    expect(r).toMatchObject({ imported: 1, duplicates: 0, records: 1, messages: 3, codes: ['dmarc.repair.report-id-reused'] });
    expect(await importReports(t.db, [t.file('b-again.xml.gz', gzip(other)), t.file('a-again.xml', xml('same-id'))])).toMatchObject({
      imported: 0,
      duplicates: 2,
    });
    expect(count(t.db, `SELECT COUNT(*) FROM dmarc_reports WHERE report_id LIKE 'same-id%'`)).toBe(2);
    expect(count(t.db, 'SELECT SUM(count) FROM dmarc_rows')).toBe(10);
  });
});

describe('import repairs — report ids without a digest', () => {
  it('treats a report committed without a content digest (Postmark JSON) as the same as any later one with its id', async () => {
    const { commitReport } = await import('../../../src-main/dmarc/import/commit-report-store');
    const { ReportStage } = await import('../../../src-main/dmarc/import/stage-store');
    const { RepairLog } = await import('../../../src-main/dmarc/import/repairs');
    const stage = new ReportStage(t.db);
    try {
      stage.batch(() =>
        stage.add({
          sourceIp: '192.0.2.10',
          count: 5,
          disposition: 'none',
          dkim: 'pass',
          spf: 'pass',
          reasons: [],
          headerFrom: 'acme.example',
          envelopeFrom: '',
          envelopeTo: '',
          dkimAuth: [],
          spfAuth: [],
        }),
      );
      const header = {
        schema: 'rfc7489' as const,
        org: 'google.com',
        email: '',
        reportId: 'nodigest',
        begin: 1,
        end: 2,
        errors: [],
        policy: { domain: 'acme.example' },
      };
      expect(await commitReport(t.db, stage, header, { sourceFile: 'api', importedAt: 'now', repairs: new RepairLog() })).toMatchObject({
        outcome: 'imported',
      });
    } finally {
      stage.dispose();
    }
    expect(await one('later.xml', xml('nodigest'))).toMatchObject({ imported: 0, duplicates: 1, repaired: [] });
  });
});
