import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHostProcess, type HostProcess } from './support/host';

/** Issue #20 from the UI: Settings → Backups lists snapshots and restores one live; a damaged ledger gets the recovery screen. */
const CLI = path.resolve('out/main/cli.js');
const cli = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, POSTMARK_ACCOUNT_TOKEN: '' } });

let host: HostProcess | undefined;
test.afterEach(async () => host?.stop());

function homeWithSnapshot() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-backups-'));
  cli('tenants', 'add', '--name', 'Kept Corp', '--domain', 'kept.example', '--home', home);
  cli('tenants', 'add', '--name', 'Also Kept', '--domain', 'also.example', '--home', home);
  const snap = JSON.parse(cli('backup', '--json', '--home', home)) as { file: string };
  cli('tenants', 'add', '--name', 'Added Later', '--domain', 'later.example', '--home', home);
  return { home, name: path.basename(snap.file), folder: path.dirname(snap.file) };
}

const row = (page: Page, name: string) => page.locator('tr', { has: page.locator(`td[title="${name}"]`) });

test('Settings → Backups lists the snapshot taken by behalf backup and restores it live', async ({ page }) => {
  const { home, name, folder } = homeWithSnapshot();
  host = await startHostProcess({ home });
  await page.goto(host.url);
  await expect(page.getByText('Added Later')).toBeVisible();
  // The host takes its own snapshot soon after start (START_SNAPSHOT_AFTER_MS, after the first screen is drawn).
  await expect.poll(() => fs.readdirSync(folder).filter((f) => /^behalf-.*\.sqlite$/.test(f)).length, { timeout: 30_000 }).toBe(2);
  await page.goto(`${host.origin}/#/settings`);
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Backups' }) });
  await expect(row(page, name)).toBeVisible();
  await expect(row(page, name).locator('td').nth(2)).toHaveText('2');
  // The host took its own snapshot at start (the schedule of a long-lived door): 3 tenants in it.
  await expect(card.getByRole('table', { name: 'Snapshots' }).locator('tbody tr')).toHaveCount(2);
  await card.screenshot({ path: test.info().outputPath('backups-card.png') });

  await row(page, name)
    .getByRole('button', { name: /Restore the snapshot/ })
    .click();
  await expect(page.getByRole('alertdialog')).toContainText('2 tenants');
  await page.getByRole('button', { name: 'Restore this snapshot' }).click();
  await expect(card.getByRole('status')).toContainText('Restored 2 tenant(s) and 0 DMARC report(s)', { timeout: 20_000 });
  // The kept "before restore" snapshot is listed too.
  await expect(card.getByRole('table', { name: 'Snapshots' }).locator('tbody tr')).toHaveCount(3);
  await expect(card.getByText('(before a restore)')).toBeVisible();

  await page.goto(`${host.origin}/#/tenants`);
  await expect(page.getByText('Kept Corp')).toBeVisible();
  await expect(page.getByText('Added Later')).toHaveCount(0);
  // The console writes on into the restored ledger, and the CLI sees the same ledger.
  expect(JSON.parse(cli('tenants', 'list', '--json', '--home', home)).total).toBe(2);
});

test('a damaged ledger opens the recovery screen, and restoring there brings the console back', async ({ page }) => {
  const { home, name } = homeWithSnapshot();
  const ledger = path.join(home, 'ledger.sqlite');
  fs.truncateSync(ledger, Math.floor(fs.statSync(ledger).size / 2));
  host = await startHostProcess({ home });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'The ledger cannot be opened' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('cut short');
  await page.screenshot({ path: test.info().outputPath('recovery.png') });
  await row(page, name)
    .getByRole('button', { name: /Restore the snapshot/ })
    .click();
  await page.getByRole('button', { name: 'Restore this snapshot' }).click();
  await expect(page.getByRole('status')).toContainText('Restored 2 tenant(s)');
  await page.getByRole('button', { name: 'Open the console' }).click();
  await expect(page.getByText('Kept Corp')).toBeVisible();
  expect(fs.readdirSync(home).some((n) => n.startsWith('ledger.sqlite.damaged-'))).toBe(true);
});
