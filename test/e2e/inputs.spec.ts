import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startHostProcess, type HostProcess } from './support/host';

/**
 * Issue #22 in the console: an internationalised customer added through the form (with a www. suggestion the
 * operator accepts) shows in Unicode with its A-label; a pasted list becomes tenants after a preview; a
 * `;`-separated UTF-16 export (Excel "Unicode text" in a German locale) imports after a preview.
 */
let host: HostProcess | undefined;
test.afterEach(async () => host?.stop());

const shots = process.env.BEHALF_SHOTS_DIR;
const shot = async (page: import('@playwright/test').Page, name: string) => {
  if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`) });
};

test('an IDN customer, a pasted list and a UTF-16 semicolon CSV', async ({ page }) => {
  host = await startHostProcess();
  await page.goto(host.url);
  await expect(page.getByText('No tenants yet')).toBeVisible();

  // One customer, typed with www. and in Unicode: the suggestion is offered, accepted, and the A-label shown.
  await page.getByRole('button', { name: 'Add a tenant' }).click();
  await page.getByLabel('Customer name').fill('Bücher GmbH');
  await page.getByLabel('Primary domain').fill('www.Bücher.de');
  const hint = page.getByTestId('domain-hint');
  await expect(hint).toContainText('Did you mean bücher.de?');
  await shot(page, 'i22-add-suggestion');
  await hint.getByRole('button', { name: 'Use bücher.de' }).click();
  await expect(page.getByLabel('Primary domain')).toHaveValue('bücher.de');
  await expect(hint).toContainText('bücher.de is stored as xn--bcher-kva.de');
  await page.getByLabel('Contact email').fill('it@bücher.de');
  await shot(page, 'i22-add-idn');
  await page.getByRole('button', { name: 'Add tenant', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Bücher GmbH' })).toBeVisible();
  await expect(page.getByText('bücher.de (xn--bcher-kva.de)').first()).toBeVisible();
  await page.getByRole('tab', { name: 'DNS' }).click();
  await expect(page.getByTestId('idn-note')).toContainText('its A-label xn--bcher-kva.de');
  await page.getByRole('button', { name: 'Back to tenants' }).click();
  await expect(page.getByTestId('tenant-row-xn--bcher-kva.de')).toContainText('bücher.de');

  // Search by either form.
  await page.keyboard.press('/');
  await page.keyboard.type('bücher');
  await expect(page.getByTestId('tenant-count')).toHaveText('1 matching');
  await page.getByRole('searchbox').fill('xn--bcher');
  await expect(page.getByTestId('tenant-count')).toHaveText('1 matching');
  await page.getByRole('searchbox').fill('');

  // A pasted block of spreadsheet rows (tabs) → preview → add all.
  await page
    .getByRole('button', { name: /^Add (a )?tenant/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Paste a list…' }).click();
  await page.getByLabel(/One customer per line/).fill('Acme Inc\tacme.com\nMüller & Söhne\tmüller-söhne.de\nBeta Labs\twww.beta.io');
  const preview = page.getByRole('table', { name: 'Preview' });
  await expect(preview).toContainText('müller-söhne.de');
  await expect(preview).toContainText('xn--mller-shne-kcb9d.de');
  await expect(page.getByTestId('import-detected')).toContainText('tab-separated, no header row');
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText('did you mean beta.io?');
  await shot(page, 'i22-paste-preview');
  await page.getByRole('button', { name: 'Add 3 tenant(s)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added' })).toHaveText('Added 3 tenant(s).');
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('tenant-count')).toHaveText('4 in the ledger');

  // Excel "Unicode text" saved with ; in a German locale: bytes go to main, which detects both.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-csv-'));
  const file = path.join(dir, 'kunden.csv');
  const text = 'Name;Domain;Contact email\r\nSöhne & Co;söhne.de;info@söhne.de\r\n"Zürich\r\nAG";zürich.ch;\r\n';
  fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  await page.getByRole('button', { name: 'Import CSV' }).click();
  await page.getByLabel('CSV file').setInputFiles(file);
  await expect(page.getByTestId('import-detected')).toContainText('Read as UTF-16 LE (Excel "Unicode text"), semicolon-separated, with a header row.');
  await expect(page.getByRole('table', { name: 'Preview' })).toContainText('Zürich AG');
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText('joined with a space');
  await shot(page, 'i22-import-utf16');
  await page.getByRole('button', { name: 'Import 2 tenant(s)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported 2 tenant(s).');
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('tenant-count')).toHaveText('6 in the ledger');
  await expect(page.getByTestId('tenant-row-xn--zrich-kva.ch')).toContainText('zürich.ch');
});
