import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ImapFlow } from 'imapflow';
import { emlMessage } from '../support/dmarc/archives';
import { failureReportEml } from '../support/dmarc/failure-report';
import { gzip, reportXml, type ReportSpec } from '../support/dmarc/report-builder';
import { startDovecot, type Dovecot } from '../support/dovecot/dovecot';
import { startHostProcess, type HostProcess } from './support/host';
import { shootBothThemes } from './support/shots';

/*
 * Issue #14 through the browser host in Chromium: reports receivers really send import with a "repaired" badge
 * and note; Settings → DMARC mailbox is set up (the password write-only, forgotten when the port changes);
 * "Fetch now" reads a real dovecot on loopback.
 */
let host: HostProcess | undefined;
let dove: Dovecot | undefined;
test.afterEach(async () => {
  await host?.stop();
  await dove?.stop();
});

const spec = (id: string, extra: Partial<ReportSpec> = {}): ReportSpec => ({
  reportId: id,
  domain: 'acme.example',
  begin: '2025-03-01',
  rows: [
    { ip: '192.0.2.10', count: 120, dkim: 'pass', spf: 'pass' },
    { ip: '198.51.100.7', count: 9, dkim: 'fail', spf: 'fail' },
  ],
  ...extra,
});

const shoot = (page: Page, name: string) => shootBothThemes(page, name);

test('repaired reports show with a badge; the rua mailbox is set up in Settings and fetched from the DMARC page', async ({ page }) => {
  dove = await startDovecot();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-repairs-'));
  const write = (name: string, data: string | Buffer) => (fs.writeFileSync(path.join(dir, name), data), path.join(dir, name));
  const files = [
    write('upper.xml', reportXml(spec('u-1')).replace(/<dkim>pass<\/dkim>/, '<dkim>PASS</dkim>')),
    write('ruf.eml', failureReportEml({ sourceIp: '198.51.100.7' })),
    write(
      'noorg.xml.gz',
      Buffer.concat([
        gzip(reportXml(spec('n-1', { begin: '2025-03-02' })).replace('<org_name>google.com</org_name>', '<org_name></org_name>')),
        Buffer.from('\r\n'),
      ]),
    ),
  ];
  host = await startHostProcess();
  await page.goto(host.url);
  await page.getByRole('link', { name: /DMARC/ }).click();
  await page.getByLabel('Report files').setInputFiles(files);
  const result = page.getByRole('status', { name: 'Import result' });
  await expect(result.getByTestId('import-imported')).toHaveText('2');
  await expect(result.getByTestId('import-repairs')).toContainText('dmarc.repair.result-case');
  await expect(result.getByTestId('import-repairs')).toContainText('dmarc.repair.org-name-missing');
  await expect(result.getByTestId('import-repairs')).toContainText('dmarc.repair.gzip-trailing-bytes');
  await expect(page.getByTestId('repaired-reports').locator('tbody tr')).toHaveCount(2);
  await expect(result).toContainText('1 failure report(s)');
  await expect(page.getByTestId('failure-reports').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('source-198.51.100.7').locator('[data-col="ruf"]')).toHaveText('1');
  await shoot(page, 'i14-dmarc-repaired');

  // Settings → DMARC mailbox.
  await page.getByRole('link', { name: 'Settings → DMARC mailbox' }).click();
  const card = page.getByRole('region', { name: 'DMARC mailbox' });
  await card.getByLabel('IMAP host', { exact: true }).fill('127.0.0.1');
  await card.getByLabel('Port', { exact: true }).fill(String(dove.port));
  await card.getByLabel('Encryption', { exact: true }).selectOption('plain');
  await card.getByLabel('User', { exact: true }).fill(dove.user);
  await card.getByLabel('Password', { exact: true }).fill(dove.password);
  await card.getByRole('button', { name: 'Save mailbox' }).click();
  await expect(card.getByText('Saved.')).toBeVisible();
  await expect(card.getByText(/^Set · kept/)).toBeVisible();
  await shoot(page, 'i14-settings-mailbox');
  // Plain IMAP to a remote host is refused with the reason.
  await card.getByLabel('IMAP host', { exact: true }).fill('imap.example.com');
  await card.getByRole('button', { name: 'Save mailbox' }).click();
  await expect(card.getByText(/would send the password in the clear/)).toBeVisible();
  await card.getByLabel('IMAP host', { exact: true }).fill('127.0.0.1');

  const c = new ImapFlow({ host: dove.host, port: dove.port, secure: false, doSTARTTLS: false, auth: { user: dove.user, pass: dove.password }, logger: false });
  await c.connect();
  await c.append(
    'INBOX',
    emlMessage([
      {
        filename: 'yahoo.com!acme.example!m-1.xml.gz',
        contentType: 'application/gzip',
        data: gzip(reportXml(spec('m-1', { org: 'yahoo.com', begin: '2025-03-03' }))),
      },
    ]),
  );
  await c.append('INBOX', emlMessage([{ filename: 'notes.txt', contentType: 'text/plain', data: 'hello', encoding: '7bit' }], { subject: 'Not a report' }));
  await c.logout();

  await page.getByRole('link', { name: /DMARC/ }).click();
  const box = page.getByRole('region', { name: 'Report mailbox' });
  await expect(box).toContainText(`${dove.user}@127.0.0.1:${dove.port}`);
  await box.getByRole('button', { name: 'Fetch now' }).click();
  const fetched = page.getByRole('status', { name: 'Fetch result' });
  await expect(fetched).toContainText('2 unseen message(s)');
  await expect(fetched).toContainText('1 processed');
  await expect(fetched).toContainText('1 unreadable');
  await expect(fetched).toContainText('dmarc.not-a-report');
  await shoot(page, 'i14-dmarc-fetch');
  const repaired = page.getByTestId('repaired-reports');
  await expect(repaired.locator('tbody tr')).toHaveCount(2);
  await repaired.scrollIntoViewIfNeeded();
  await shoot(page, 'i14-dmarc-repaired-card');
});
