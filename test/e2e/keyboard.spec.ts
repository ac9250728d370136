import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect as baseExpect, test, type FileChooser, type Locator, type Page } from '@playwright/test';
import { demoReports } from '../support/demo';
import { startDemoServices, type DemoServices } from './support/demo-ledger';
import { startHostProcess, type HostProcess } from './support/host';

/**
 * Every main flow with the keyboard alone — Tab, Shift+Tab, Enter, Space, arrows, Escape, Alt+digit and the
 * Ctrl+K palette; no click, no focus() from the test: add seed inboxes, add a tenant, choose an option,
 * provision (Postmark simulator), verify, check DNS (nsd), export a sheet, send a test, import DMARC reports and
 * a tenants CSV. After each step it asserts the words a person reads. The page counts pointer presses, and the
 * test ends by asserting there were none.
 */
const expect = baseExpect.configure({ timeout: 20_000 });
const DOMAIN = 'evergreen-books.example';
let services: DemoServices | undefined;
let host: HostProcess | undefined;
test.afterEach(async () => {
  await host?.stop();
  await services?.stop();
});

/** Tab (or Shift+Tab) until `target` has focus, as a person would; fails when it is not reached in `max` steps. */
async function tabTo(page: Page, target: Locator, { back = false, max = 40 } = {}): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `not reached with ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`).toBeFocused({ timeout: 1 });
}

/** From inside a tab panel, back to the tab list (one Tab stop) and along it with the arrows to `name`. */
async function openTab(page: Page, name: string) {
  await tabTo(page, page.getByRole('tab', { selected: true }), { back: true });
  const target = page.getByRole('tab', { name, exact: true });
  // Home, then one arrow at a time, each waited for: pressing on while the previous move is still rendering skips tabs.
  const tabs = page.getByRole('tab');
  const at = (await tabs.allTextContents()).findIndex((t) => t.trim() === name);
  expect(at, `no tab named ${name}`).toBeGreaterThanOrEqual(0);
  await page.keyboard.press('Home');
  await expect(tabs.first()).toBeFocused();
  for (let i = 1; i <= at; i++) {
    await page.keyboard.press('ArrowRight');
    await expect(tabs.nth(i)).toBeFocused();
  }
  await expect(target).toHaveAttribute('aria-selected', 'true');
  await expect(target).toBeFocused();
}

async function palette(page: Page, query: string, option: RegExp) {
  await page.keyboard.press('Control+K');
  const dialog = page.getByRole('dialog', { name: 'Command palette' });
  await expect(dialog.getByRole('combobox')).toBeFocused();
  await page.keyboard.type(query);
  await expect(dialog.getByRole('option', { selected: true })).toHaveText(option);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
}

test('keyboard only: seeds, add a tenant, choose, provision, verify, check DNS, export a sheet, send a test, import reports and a CSV', async ({ page }) => {
  test.setTimeout(300_000);
  services = await startDemoServices([{ domain: DOMAIN, dmarc: `v=DMARC1; p=none; rua=mailto:dmarc@${DOMAIN}` }]);
  await services.run(
    'settings',
    'set',
    'vendorName=Northwind Mail',
    'vendorDomain=northwind-mail.example',
    `dnsServers=${JSON.stringify([services.nsd.server])}`,
  );
  host = await startHostProcess({ home: services.home, env: services.env });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Tenants', exact: true })).toBeVisible();
  await expect(page.getByText('No tenants yet')).toBeVisible();
  // Pointer presses the page sees; keyboard activation is not one. Asserted zero at the end.
  await page.evaluate(() => {
    (window as unknown as { pointerPresses: number }).pointerPresses = 0;
    window.addEventListener('pointerdown', () => ((window as unknown as { pointerPresses: number }).pointerPresses += 1), true);
  });

  // Seed inboxes: Alt+6 opens Test sends; the add form submits on Enter.
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { name: 'Test sends', exact: true, level: 1 })).toBeVisible();
  await tabTo(page, page.getByLabel('Seed address'));
  await page.keyboard.type('seed.gmail@inbox-tests.example');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Provider label')).toBeFocused();
  await page.keyboard.type('Gmail');
  await page.keyboard.press('Enter');
  const seeds = page.getByRole('table', { name: 'Seed inboxes' });
  await expect(seeds).toContainText('seed.gmail@inbox-tests.example');
  await expect(seeds).toContainText('active');

  // Add a tenant: Alt+1, then "n" opens the dialog on the name field; Enter in a field submits.
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { name: 'Tenants', exact: true })).toBeVisible();
  await page.keyboard.press('n');
  const add = page.getByRole('dialog', { name: 'Add tenant' });
  await expect(add.getByLabel('Customer name')).toBeFocused();
  await page.keyboard.type('Evergreen Books');
  await tabTo(page, add.getByLabel('Primary domain'));
  await page.keyboard.type(DOMAIN);
  await tabTo(page, add.getByLabel('Contact person'));
  await page.keyboard.type('Eva Green');
  await page.keyboard.press('Tab');
  await page.keyboard.type(`it@${DOMAIN}`);
  await tabTo(page, add.getByLabel('From address'));
  await page.keyboard.type(`news@${DOMAIN}`);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Evergreen Books');
  await page.keyboard.press('Enter');
  const name = page.getByRole('heading', { name: 'Evergreen Books', level: 1 });
  await expect(name).toBeFocused();
  await expect(page.locator('.page-head')).toContainText('draft');

  // Choose an option: the tab list is one stop, → opens Options; the recommendation's check and "Choose option 1".
  await tabTo(page, page.getByRole('tab', { name: 'Overview' }));
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Options' })).toHaveAttribute('aria-selected', 'true');
  const rec = page.getByRole('region', { name: 'Recommendation' });
  await expect(rec).toContainText('DNS not checked yet');
  await tabTo(page, rec.getByRole('button', { name: 'Check DNS now' }));
  await page.keyboard.press('Enter');
  await expect(rec).toContainText(`DMARC facts from the DNS check of ${DOMAIN}`);
  await expect(rec).toContainText('Recommended for Evergreen Books: option 1');
  await tabTo(page, page.getByRole('button', { name: 'Choose option 1' }));
  await page.keyboard.press('Enter');
  const choose = page.getByRole('dialog', { name: 'Choose option 1 for Evergreen Books' });
  await expect(choose).toContainText('Created in Postmark when you provision (not now)');
  await tabTo(page, choose.getByRole('button', { name: 'Choose option 1 for Evergreen Books' }));
  await page.keyboard.press('Enter');
  const next = page.getByRole('status', { name: 'Next step' });
  await expect(next).toContainText('Evergreen Books is now on option 1. Nothing exists in Postmark yet: provision it next.');
  await expect(next.getByRole('link', { name: 'Provision in Postmark →' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Postmark' })).toHaveAttribute('aria-selected', 'true');

  // Provision in the simulator: focus moves to what was created. The customer publishes the records (nsd), Verify.
  await tabTo(page, page.getByRole('button', { name: 'Provision option 1' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Pending key — publish this, then verify')).toBeVisible();
  await expect(page.locator('.page-head .status')).toHaveText(/awaiting DNS/);
  await expect.poll(() => page.evaluate(() => document.activeElement !== document.body && document.activeElement !== null)).toBe(true);
  await services.publish();
  await tabTo(page, page.getByRole('button', { name: 'Verify DKIM and Return-Path' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.page-head .status')).toHaveText(/live$/);
  await expect(page.getByText('Active key')).toBeVisible();

  // Check DNS against nsd: the DKIM and Return-Path records are found.
  await openTab(page, 'DNS');
  await tabTo(page, page.getByRole('button', { name: 'Check now' }).first());
  const history = page.getByRole('table', { name: 'Check history' });
  const checksBefore = await history.getByRole('row').count();
  await page.keyboard.press('Enter');
  await expect(history.getByRole('row')).toHaveCount(checksBefore + 1);
  await expect(page.getByTestId('dns-row-dkim').locator('.status').first()).toHaveText(/ok/);
  await expect(page.getByTestId('dns-row-return-path').locator('.status').first()).toHaveText(/ok/);

  // Export a sheet: PDF with Enter.
  await openTab(page, 'Sheets');
  await expect(page.locator('.sheets-tab')).toContainText(`Email setup for Evergreen Books`);
  await tabTo(page, page.getByRole('button', { name: 'PDF (A4)' }));
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
  await expect(page.getByRole('status').filter({ hasText: /Downloading .*\.pdf\./ })).toBeVisible();

  // Send a test to the seed: Space keeps the seed picked state as a person sees it, Enter sends.
  await openTab(page, 'Test sends');
  const seed = page.getByRole('checkbox', { name: /seed\.gmail@inbox-tests\.example/ });
  await tabTo(page, seed);
  await expect(seed).toBeChecked();
  await page.keyboard.press('Space');
  await expect(seed).not.toBeChecked();
  await expect(page.getByRole('button', { name: 'Send to 0 seeds' })).toBeDisabled();
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Send to 1 seed' }));
  await page.keyboard.press('Enter');
  const row = page.getByTestId('seed-status-seed.gmail@inbox-tests.example');
  await expect(row.locator('.status').first()).toHaveText(/^\W?(sent|sent, no event yet|queued at Postmark|accepted by .+)$/);
  await expect(page.getByText(/Send #\d+ · .* from Evergreen Books <news@evergreen-books\.example>/)).toBeVisible();
  expect(services.sim.state.messages.filter((m) => m.To.some((r) => r.Email === 'seed.gmail@inbox-tests.example'))).toHaveLength(1);

  // Import DMARC reports: the palette's action opens the file chooser.
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-keyboard-'));
  const reports = demoReports([{ domain: DOMAIN, volume: 120, postmark: 'aligned' }]);
  const files = Object.entries(reports)
    .slice(0, 3)
    .map(([file, xml]) => (fs.writeFileSync(path.join(reportDir, file), xml), path.join(reportDir, file)));
  const chooser = page.waitForEvent('filechooser');
  await palette(page, 'import dmarc', /Import DMARC reports/);
  await (await chooser).setFiles(files);
  const result = page.getByRole('status', { name: 'Import result' });
  await expect(result).toContainText('3 report(s) imported');
  await expect(result.getByTestId('import-files')).toHaveText('3');

  // Import tenants from a CSV: the palette opens the dialog, Space on the file field opens the chooser.
  const csv = path.join(reportDir, 'tenants.csv');
  fs.writeFileSync(csv, 'name,domain,option\nFern Florists,fern-florists.example,2\nGlacier Gear,glacier-gear.example,\n');
  await palette(page, 'import tenants', /Import tenants from CSV/);
  const dialog = page.getByRole('dialog', { name: 'Import tenants from CSV' });
  const field = dialog.getByLabel('CSV file');
  await expect(field).toBeFocused();
  // Space on the focused file field opens the chooser. On a loaded machine Chromium has dropped the first press
  // (seen once in CI); the field must still hold focus for each further press, and three misses fail the test.
  let csvChooser: FileChooser | undefined;
  for (let attempt = 0; attempt < 3 && !csvChooser; attempt++) {
    await expect(field).toBeFocused();
    const waiting = page.waitForEvent('filechooser', { timeout: 15_000 }).catch(() => undefined);
    await page.keyboard.press('Space');
    csvChooser = await waiting;
  }
  expect(csvChooser, 'Space on the focused CSV file field never opened the file chooser').toBeDefined();
  await csvChooser!.setFiles(csv);
  await expect(dialog).toContainText('All 2 row(s) of the file are valid.');
  await tabTo(page, dialog.getByRole('button', { name: 'Import 2 tenant(s)' }));
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('Imported 2 tenant(s).');
  // A modal keeps Tab and Shift+Tab inside it: the page behind cannot take focus.
  for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('tenant-row-fern-florists.example')).toBeVisible();
  await expect(page.getByTestId('tenant-row-evergreen-books.example')).toContainText('live');

  expect(await page.evaluate(() => (window as unknown as { pointerPresses: number }).pointerPresses)).toBe(0);
});
