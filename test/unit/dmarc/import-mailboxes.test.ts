import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importReports } from '../../../src-main/dmarc/import';
import { emlMessage, zipArchive } from '../../support/dmarc/archives';
import { count, tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { twoRowSpec } from '../../support/dmarc/two-rows';
import { gzip, reportXml } from '../../support/dmarc/report-builder';

/* Issue #14: an mbox file and a Maildir folder, as mail clients export them, import like a folder of .eml files. */
let t: TempLedger;
beforeEach(() => {
  t = tempLedger();
});
afterEach(() => t.close());

const spec = twoRowSpec;
const gzMail = (id: string) => emlMessage([{ filename: `${id}.xml.gz`, contentType: 'application/gzip', data: gzip(reportXml(spec(id))) }]);
const zipMail = (id: string) =>
  emlMessage([{ filename: `${id}.zip`, contentType: 'application/zip', data: zipArchive([{ name: `${id}.xml`, data: reportXml(spec(id)) }]) }]);
/** A plain-XML attachment (7bit) whose text holds a line starting "From " — the line mbox quotes as ">From ". */
const quotedXml = (id: string) => reportXml(spec(id)).replace('</report_metadata>', '<error>\nFrom the reporter: a note\n</error></report_metadata>');
const quotedMail = (id: string) => emlMessage([{ filename: `${id}.xml`, contentType: 'text/xml', encoding: '7bit', data: quotedXml(id) }]);
const mboxOf = (mails: string[]) =>
  mails.map((m) => `From MAILER-DAEMON Thu Mar  6 10:00:00 2025\n${m.replace(/\r\n/g, '\n').replace(/^(>*From )/gm, '>$1')}\n`).join('');

describe('mbox and Maildir', () => {
  it('imports every report in an mbox file, naming each message, and unquotes >From lines', async () => {
    const file = t.file('Reports', mboxOf([gzMail('mb-1'), 'Subject: hello\n\nno report\n', zipMail('mb-2'), quotedMail('mb-3')]));
    const r = await importReports(t.db, [file]);
    expect(r).toMatchObject({ files: 1, imported: 3, records: 6, messages: 21, repaired: [] });
    expect(r.errors).toEqual([{ file, code: 'dmarc.not-a-report', message: expect.stringMatching(/^message 2: /) }]);
    expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_reports')).toBe(3);
    // The quoted line came back unquoted: the same report as a plain file is a duplicate, not a different report.
    expect(t.db.prepare(`SELECT report_errors FROM dmarc_reports WHERE report_id = 'mb-3'`).get()).toEqual({ report_errors: 'From the reporter: a note' });
    expect(await importReports(t.db, [t.file('mb-3.xml', quotedXml('mb-3').replace(/\n/g, '\r\n') + '\r\n')])).toMatchObject({ duplicates: 1, repaired: [] });
    // Named .mbox, or Apple Mail's "X.mbox/mbox" inside a folder, it is found by the folder walk too.
    t.file('export/Inbox.mbox/mbox', mboxOf([gzMail('mb-4')]));
    expect(await importReports(t.db, [`${t.dir}/export`])).toMatchObject({ files: 1, imported: 1, errors: [] });
  });

  it('refuses a file that only looks like an mbox', async () => {
    const r = await importReports(t.db, [t.file('notes', 'Hello, not mail\n')]);
    expect(r.errors.map((e) => e.code)).toEqual(['dmarc.unsupported-file']);
  });

  it('imports a Maildir (cur, new and Maildir++ subfolders) like a folder of .eml files', async () => {
    t.file('Maildir/cur/1741255200.M1P1.host:2,S', gzMail('md-1'));
    t.file('Maildir/new/1741255201.M2P1.host', zipMail('md-2'));
    t.file('Maildir/tmp/1741255202.M3P1.host', gzMail('md-tmp')); // being delivered: not a message yet
    t.file('Maildir/.DMARC/cur/1741255203.M4P1.host:2,S', gzMail('md-3'));
    t.file('Maildir/.DMARC/new/.keep', '');
    t.file('Maildir/.DMARC/tmp/.keep', '');
    const r = await importReports(t.db, [`${t.dir}/Maildir`]);
    expect(r).toMatchObject({ files: 3, imported: 3, records: 6, errors: [] });
    expect(count(t.db, `SELECT COUNT(*) FROM dmarc_reports WHERE report_id = 'md-tmp'`)).toBe(0);
  });
});
