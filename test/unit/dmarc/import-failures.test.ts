import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importReports } from '../../../src-main/dmarc/import';
import { failuresFor } from '../../../src-main/dmarc/failures/failure-store';
import { readMailbox, writeMailbox } from '../../../src-main/dmarc/mailbox/mailbox-store';
import { sourcesFor } from '../../../src-main/dmarc/sources';
import { count, tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { failureReportEml } from '../../support/dmarc/failure-report';
import { reportXml } from '../../support/dmarc/report-builder';

/* Issue #14: failure reports (ruf, RFC 6591 auth-failure) import from the same places, per domain, counted per source. */
let t: TempLedger;
beforeEach(() => {
  t = tempLedger();
});
afterEach(() => t.close());

const personal = () => t.db.prepare('SELECT subject, recipients, header_from FROM dmarc_failures').all();

describe('failure reports (ruf)', () => {
  it('imports an auth-failure report with its source, From, results and disposition; redacts personal data by default', async () => {
    const r = await importReports(t.db, [t.file('ruf.eml', failureReportEml())]);
    expect(r).toMatchObject({ files: 1, imported: 0, failures: 1, errors: [] });
    expect(failuresFor(t.db, 'acme.example')).toEqual([
      {
        arrival: '2025-03-04T10:00:00Z',
        reporter: 'receiver.example',
        sourceIp: '203.0.113.66',
        headerFrom: 'acme.example',
        authFailure: 'dmarc',
        authResults: expect.stringContaining('dmarc=fail'),
        disposition: 'reject',
        dkimDomain: '',
      },
    ]);
    expect(personal()).toEqual([{ subject: null, recipients: null, header_from: 'acme.example' }]);
    // The same report again (here as an mbox message) is a duplicate.
    expect(await importReports(t.db, [t.file('again.mbox', `From x Tue Mar  4 10:00:00 2025\n${failureReportEml().replace(/\r\n/g, '\n')}\n`)])).toMatchObject({
      failures: 0,
      duplicates: 1,
      errors: [],
    });
  });

  it('keeps subjects and recipients only when the operator chose to keep them; no door returns them', async () => {
    writeMailbox(t.db, { ...readMailbox(t.db), rufPersonalData: 'keep' }, 'now');
    await importReports(t.db, [t.file('keep.eml', failureReportEml({ original: 'headers', base64Fields: true }))]);
    expect(personal()).toEqual([{ subject: 'Your invoice 1234', recipients: '<alice@receiver.example>', header_from: 'billing@acme.example' }]);
    expect(JSON.stringify(failuresFor(t.db, 'acme.example'))).not.toMatch(/invoice|alice/);
  });

  it('counts failure reports in "who sends as this domain", also for sources no aggregate report named', async () => {
    t.file(
      'agg.xml',
      reportXml({ reportId: 'a-1', domain: 'acme.example', begin: '2025-03-04', rows: [{ ip: '192.0.2.10', count: 40, dkim: 'pass', spf: 'pass' }] }),
    );
    t.file('ruf1.eml', failureReportEml({ sourceIp: '192.0.2.10', messageId: 'm1' }));
    t.file('ruf2.eml', failureReportEml({ sourceIp: '198.51.100.99', messageId: 'm2' }));
    t.file('ruf3.eml', failureReportEml({ sourceIp: '198.51.100.99', messageId: 'm3' }));
    expect(await importReports(t.db, [t.dir])).toMatchObject({ imported: 1, failures: 3, errors: [] });
    const report = await sourcesFor(t.db, { domain: 'acme.example', resolvePtr: false });
    expect(report.sources.map((s) => ({ ip: s.ip, count: s.count, failureReports: s.failureReports, flag: s.flag }))).toEqual([
      { ip: '192.0.2.10', count: 40, failureReports: 1, flag: null },
      { ip: '198.51.100.99', count: 0, failureReports: 2, flag: 'unknown-failing' },
    ]);
    expect((await sourcesFor(t.db, { domain: 'acme.example', from: '2025-03-05', resolvePtr: false })).sources).toEqual([]);
  });

  it('refuses feedback reports that are not auth-failure reports (abuse complaints), and e-mails with neither', async () => {
    const r = await importReports(t.db, [
      t.file('abuse.eml', failureReportEml({ feedbackType: 'abuse' })),
      t.file('plain.eml', 'Subject: hi\r\n\r\nhello\r\n'),
    ]);
    expect(r.errors.map((e) => e.code)).toEqual(['dmarc.not-a-report', 'dmarc.not-a-report']);
    expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_failures')).toBe(0);
  });
});
