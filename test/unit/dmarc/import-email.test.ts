import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importReports } from '../../../src-main/dmarc/import';
import { countBase64Noise } from '../../../src-main/dmarc/import/base64-noise';
import { emlMessage } from '../../support/dmarc/archives';
import { count, tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { gzip, reportXml } from '../../support/dmarc/report-builder';
import { twoRowSpec } from '../../support/dmarc/two-rows';

/* Issue 16: report e-mails are parsed by postal-mime; what Behalf keeps around it — the message cap, the noise
   note, forwarded messages several levels deep, encoded file names — is checked here. */
let t: TempLedger;
beforeEach(() => {
  t = tempLedger();
});
afterEach(() => t.close());

const gzMail = (id: string) => emlMessage([{ filename: `${id}.xml.gz`, contentType: 'application/gzip', data: gzip(reportXml(twoRowSpec(id))) }]);
const forward = (inner: string, n: number) =>
  [
    'From: ops@vendor.example',
    `Subject: Fwd ${n}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary=fwd-${n}`,
    '',
    `--fwd-${n}`,
    'Content-Type: text/plain',
    '',
    'see attached',
    `--fwd-${n}`,
    'Content-Type: message/rfc822',
    '',
    inner,
    `--fwd-${n}--`,
    '',
  ].join('\r\n');

describe('report e-mails through postal-mime', () => {
  it('refuses an e-mail over the message cap before parsing it, and imports it under a larger cap', async () => {
    const mail = gzMail('cap-1');
    const small = await importReports(t.db, [t.file('m.eml', mail)], { caps: { maxMessageBytes: mail.length - 1 } });
    expect(small.errors.map((e) => e.code)).toEqual(['dmarc.too-large']);
    expect(small.errors[0]!.message).toContain(`${mail.length - 1}-byte cap`);
    expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_reports')).toBe(0);
    expect(await importReports(t.db, [t.file('m.eml', mail)], { caps: { maxMessageBytes: mail.length } })).toMatchObject({ imported: 1, errors: [] });
  });

  it('finds a report forwarded three times (message/rfc822 inside message/rfc822)', async () => {
    const mail = forward(forward(forward(gzMail('fwd-3'), 1), 2), 3);
    expect(await importReports(t.db, [t.file('fwd.eml', mail)])).toMatchObject({ imported: 1, errors: [] });
  });

  it('reads an RFC 2231 encoded file name and names the attachment by it', async () => {
    const mail = emlMessage([{ filename: 'x.xml.gz', contentType: 'application/gzip', data: Buffer.from('not gzip, not xml') }]).replace(
      /filename="x\.xml\.gz"/,
      `filename*=UTF-8''r%C3%A9port.xml.gz`,
    );
    const r = await importReports(t.db, [t.file('enc.eml', mail)]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message.startsWith('réport.xml.gz: ')).toBe(true);
  });

  it('refuses more report attachments than the entry cap as a whole', async () => {
    const mail = emlMessage(
      ['a', 'b', 'c'].map((id) => ({ filename: `${id}.xml.gz`, contentType: 'application/gzip', data: gzip(reportXml(twoRowSpec(id))) })),
    );
    const r = await importReports(t.db, [t.file('many.eml', mail)], { caps: { maxEntries: 2 } });
    expect(r.errors.map((e) => e.code)).toEqual(['dmarc.too-many-entries']);
    expect(r.imported).toBe(0);
  });
});

describe('countBase64Noise', () => {
  const data = Buffer.from('a DMARC report, long enough to span several base64 lines '.repeat(8));
  const lines = data.toString('base64').match(/.{1,76}/g) ?? [];
  it('counts characters that are neither base64 nor white space between the expected ones', () => {
    expect(countBase64Noise(`Subject: x\r\n\r\n${lines.join('\r\n')}\r\n`, data)).toBe(0);
    expect(countBase64Noise(`\r\n${lines.map((l) => `${l} !`).join('\r\n')}\r\n`, data)).toBe(lines.length);
  });
  it('reports nothing when the text cannot be aligned with the decoded bytes', () => {
    expect(countBase64Noise('no base64 here', data)).toBe(0);
    expect(countBase64Noise(`${lines[0]}AAAA${lines.slice(1).join('')}`, data)).toBe(0);
  });
});
