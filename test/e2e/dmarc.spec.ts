import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { zipArchive } from '../support/dmarc/archives';
import { startPtrServer, type PtrServer } from '../support/dmarc/ptr-dns-server';
import { gzip, reportXml, type RowSpec } from '../support/dmarc/report-builder';
import { startHostProcess, type HostProcess } from './support/host';

const PM = '198.51.100.10';
const BAD = '203.0.113.5';
const row = (ip: string, count: number, dkim: 'pass' | 'fail', spf: 'pass' | 'fail'): RowSpec => ({ ip, count, dkim, spf });

let host: HostProcess | undefined;
let dns: PtrServer | undefined;
test.afterEach(async () => {
  await host?.stop();
  await dns?.close();
});

/** Three days of reports for acme.example in the three formats, plus one broken file. */
function reportFiles(): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-dmarc-'));
  const write = (name: string, data: string | Buffer) => (fs.writeFileSync(path.join(dir, name), data), path.join(dir, name));
  return [
    write(
      'google.com!acme.example!A.xml',
      reportXml({ reportId: 'A', domain: 'acme.example', begin: '2025-03-01', rows: [row(PM, 120, 'pass', 'pass'), row(BAD, 10, 'fail', 'fail')] }),
    ),
    write(
      'yahoo.com!acme.example!B.xml.gz',
      gzip(
        reportXml({
          org: 'yahoo.com',
          reportId: 'B',
          domain: 'acme.example',
          begin: '2025-03-02',
          schema: 'rfc9990',
          rows: [row(PM, 10, 'pass', 'fail'), row(BAD, 5, 'fail', 'pass')],
        }),
      ),
    ),
    write(
      'outlook.com!acme.example!C.zip',
      zipArchive([
        {
          name: 'C.xml',
          data: reportXml({ org: 'outlook.com', reportId: 'C', domain: 'acme.example', begin: '2025-03-03', rows: [row(PM, 5, 'fail', 'fail')] }),
        },
      ]),
    ),
    write('broken.xml', '<feedback><report_metadata></feedback>'),
  ];
}

/** 1280×800 in both themes, plus a tall light one to see what scrolls (the page scrolls inside .page). */
async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/${name}-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `/tmp/${name}-dark.png` });
  await page.setViewportSize({ width: 1280, height: 1700 });
  await page.screenshot({ path: `/tmp/${name}-tall-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: `/tmp/${name}-tall-light.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('import reports from the UI, read sources and charts, then build a record in the tenant tab', async ({ page }) => {
  dns = await startPtrServer({ [PM]: 'mta10.mtasv.net.', [BAD]: 'mail.spammer.example.' });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-'));
  const tenant = JSON.parse(
    execFileSync(process.execPath, ['out/main/cli.js', 'tenants', 'add', '--name', 'Acme', '--domain', 'acme.example', '--json', '--home', home], {
      encoding: 'utf8',
    }),
  ) as { id: string };
  host = await startHostProcess({ home, env: { BEHALF_DNS_SERVERS: dns.address } });
  await page.goto(host.url);
  await page.getByRole('link', { name: /DMARC/ }).click();
  await expect(page.getByRole('heading', { name: 'DMARC', exact: true })).toBeVisible();
  await expect(page.getByText('No DMARC reports yet')).toBeVisible();

  const files = reportFiles();
  await page.getByLabel('Report files').setInputFiles(files);
  const result = page.getByRole('status', { name: 'Import result' });
  await expect(result.getByTestId('import-imported')).toHaveText('3');
  await expect(result.getByTestId('import-files')).toHaveText('4');
  await expect(result.getByTestId('import-duplicates')).toHaveText('0');
  await expect(result.getByTestId('import-errors')).toContainText('broken.xml');
  await expect(result.getByTestId('import-errors')).toContainText('dmarc.malformed-xml');
  await expect(result.getByTestId('import-errors')).toContainText('Download the report again'); // the hint

  await page.getByLabel('Domain').selectOption('acme.example');
  await expect(page.getByTestId('kpi-messages')).toHaveText('150');
  const pm = page.getByTestId(`source-${PM}`);
  await expect(pm.locator('[data-col="count"]')).toHaveText('135');
  await expect(pm.locator('[data-col="dkim"]')).toHaveText('130 (96%)');
  await expect(pm.locator('[data-col="spf"]')).toHaveText('120 (89%)');
  await expect(pm.locator('[data-col="dmarc"]')).toHaveText('130 (96%)');
  await expect(pm).toContainText('mta10.mtasv.net');
  await expect(pm).toContainText('Postmark · Acme');
  const bad = page.getByTestId(`source-${BAD}`);
  await expect(bad.locator('[data-col="dmarc"]')).toHaveText('5 (33%)');
  await expect(bad).toContainText('unknown, failing');
  await expect(page.getByTestId('readiness-summary')).toHaveText(
    'Had p=reject applied to acme.example, 15 messages from 2 sources would have been rejected (of 150 messages reported).',
  );

  // charts: one bar and one pass-rate point per day; stacked source bars = non-zero (source, day) pairs
  const volume = page.getByTestId('volume-chart');
  await expect(volume.locator('svg title').first()).toHaveText('Messages and DMARC pass rate per day for acme.example');
  await expect(volume.locator('rect.bar-volume')).toHaveCount(3);
  await expect(volume.locator('circle.point-pass')).toHaveCount(3);
  await expect(volume.locator('polyline.line-pass')).toHaveCount(1);
  const sources = page.getByTestId('source-chart');
  await expect(sources.locator('rect.bar-source')).toHaveCount(5);
  await expect(sources.getByTestId('source-legend')).toHaveCount(2);
  await expect(sources.getByTestId('source-legend').first()).toContainText('Postmark');
  await expect(page.getByTestId('readiness')).toContainText('own mail would be lost');
  // Postmark's 5 failing of 150 messages = 3.3%: the next step says why not yet
  await expect(page.getByTestId('readiness-next-step')).toHaveText(
    'Next step: not yet: 5 Postmark messages fail DMARC (3.3% of mail); fix DKIM and Return-Path first.',
  );
  await shoot(page, 'behalf-dmarc');

  // a date range narrows everything
  await page.getByLabel('From').fill('2025-03-02');
  await expect(page.getByTestId('kpi-messages')).toHaveText('20');
  await expect(volume.locator('rect.bar-volume')).toHaveCount(2);

  // the same files again: all duplicates
  await page.getByLabel('Report files').setInputFiles(files.slice(0, 3));
  await expect(result.getByTestId('import-duplicates')).toHaveText('3');
  await expect(result.getByTestId('import-imported')).toHaveText('0');

  // drag and drop: one new report (another day) dropped on the zone
  const dropped = reportXml({ org: 'gmx.net', reportId: 'D', domain: 'acme.example', begin: '2025-03-04', rows: [row(PM, 7, 'pass', 'pass')] });
  const dataTransfer = await page.evaluateHandle((xml) => {
    const dt = new DataTransfer();
    dt.items.add(new File([xml], 'gmx.net!acme.example!D.xml', { type: 'text/xml' }));
    return dt;
  }, dropped);
  await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer });
  await expect(result.getByTestId('import-imported')).toHaveText('1');
  await expect(page.getByTestId('kpi-messages')).toHaveText('27');
  await expect(volume.locator('rect.bar-volume')).toHaveCount(3);

  // tenant tab: record builder with a foreign rua, the authorisation record, the published state and the plan
  await page.goto(`${host.origin}/#/tenants/${tenant.id}/dmarc`);
  await expect(page.getByRole('heading', { name: 'Record builder for acme.example' })).toBeVisible();
  await page.getByLabel('Policy (p)').selectOption('quarantine');
  await page.getByLabel('Aggregate reports to (rua)').fill('dmarc@reports.vendor.example');
  await page.getByLabel('Test mode').check();
  await expect(page.getByTestId('txt-value').first()).toHaveText('v=DMARC1; p=quarantine; t=y; rua=mailto:dmarc@reports.vendor.example');
  await expect(page.getByText('acme.example._report._dmarc.reports.vendor.example')).toBeVisible();
  await expect(page.getByTestId('published')).toContainText('none published');
  await expect(page.getByRole('list', { name: 'Changes to the published record' })).toContainText('quarantine');
  await expect(page.getByRole('list', { name: 'Rollout steps' }).locator('li')).toHaveCount(3);
  await expect(page.getByTestId('tenant-dmarc-sources')).toContainText('157');
  await shoot(page, 'behalf-dmarc-tab');
  await page.getByRole('link', { name: 'Open acme.example on the DMARC page' }).click();
  await expect(page.getByTestId('kpi-messages')).toHaveText('157');

  // a source row expands to its SPF and DKIM domains and results
  await page.getByRole('button', { name: `SPF and DKIM of ${PM}` }).click();
  const pmAuth = page.getByTestId(`auth-${PM}`);
  await expect(pmAuth.getByRole('list', { name: `DKIM results of ${PM}` })).toContainText('acme.example (s=pm)');
  await expect(pmAuth.getByRole('list', { name: `DKIM results of ${PM}` })).toContainText('pass');
  await expect(pmAuth.getByRole('list', { name: `SPF results of ${PM}` })).toContainText('acme.example');

  // a newsletter tool passing SPF for its own domain: unknown and failing until marked legitimate
  const NEWS = '192.0.2.40';
  const later = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-dmarc-')), 'google.com!acme.example!E.xml');
  fs.writeFileSync(
    later,
    reportXml({
      reportId: 'E',
      domain: 'acme.example',
      begin: '2025-03-05',
      rows: [
        row(PM, 2000, 'pass', 'pass'),
        { ip: NEWS, count: 30, dkim: 'fail', spf: 'fail', dkimAuth: [], spfAuth: [{ domain: 'mail.newstool.example', scope: 'mfrom', result: 'pass' }] },
        row(BAD, 6, 'fail', 'fail'),
      ],
    }),
  );
  await page.getByLabel('Report files').setInputFiles([later]);
  await expect(result.getByTestId('import-imported')).toHaveText('1');
  // from 2025-03-04: D (7) + E (2036) = 2043 messages; NEWS 30 + BAD 6 fail = 36 = 1.8%
  await page.getByLabel('From').fill('2025-03-04');
  await expect(page.getByTestId('kpi-messages')).toHaveText('2,043');
  const news = page.getByTestId(`source-${NEWS}`);
  await expect(news).toContainText('unknown, failing');
  await expect(page.getByTestId('readiness-next-step')).toHaveText(
    'Next step: not yet: 2 unknown senders fail, 1.8% of mail; mark the ones you know as legitimate senders, or fix them.',
  );
  await news.getByRole('button', { name: `SPF and DKIM of ${NEWS}` }).click();
  await page.getByTestId(`auth-${NEWS}`).getByRole('button', { name: 'Mark mail.newstool.example as legitimate sender' }).click();
  await expect(news).toContainText('legitimate: mail.newstool.example');
  // 30 of 2043 = 1.5%: a legitimate sender still failing must align before quarantine
  await expect(page.getByTestId('readiness-next-step')).toHaveText(
    'Next step: not yet: 1 legitimate sender fails DMARC (1.5% of mail); have it sign with DKIM for the domain first.',
  );
  await expect(page.getByTestId(`auth-${NEWS}`).getByRole('button', { name: 'Unmark mail.newstool.example' })).toBeVisible();
  await shoot(page, 'behalf-dmarc-legitimate');
});
