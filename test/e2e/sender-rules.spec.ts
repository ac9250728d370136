import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { startPostmarkSimulator, type PostmarkSimulator, type StatsProfile } from '../support/postmark-sim';
import { startHostProcess, type HostProcess } from './support/host';
import { shootBothThemes } from './support/shots';

/**
 * Issue #18 part 4 and the Health page's refresh-all through the browser host: nine option-3 tenants on nine
 * simulator servers (one in trouble). The tenant's Overview lists the mailbox providers' rules with a failing one and
 * its fix; recording "marketing on the transactional stream" fails one-click unsubscribe. Refresh all shows
 * "N of 9" and Cancel stops it before the tenants not yet started.
 */
const exec = promisify(execFile);
const CLI = path.resolve('out/main/cli.js');
let sim: PostmarkSimulator;
let host: HostProcess | undefined;
let home: string;

const env = () => ({ BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken });
const cli = (...args: string[]) => exec(process.execPath, [CLI, ...args, '--home', home], { env: { ...process.env, ...env() } });
const NAMES = ['Acme Outdoor', 'Calm Cards', 'Birch Books', 'Cedar Cafe', 'Dune Dental', 'Elm Events', 'Fern Florists', 'Gale Gyms', 'Hush Hotels'];
const slug = (name: string) => name.toLowerCase().replace(/ /g, '-');

test.beforeEach(async () => {
  test.setTimeout(180_000); // CLI runs before the host starts: slow on a busy machine, not a speed test
  sim = await startPostmarkSimulator({ searchLagMs: 0 });
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-rules-'));
  for (const name of NAMES) {
    const res = await fetch(`${sim.url}/servers`, {
      method: 'POST',
      body: JSON.stringify({ Name: `behalf-${slug(name)}` }),
      headers: { 'X-Postmark-Account-Token': sim.accountToken, 'Content-Type': 'application/json', Accept: 'application/json' },
    });
    const profile: StatsProfile = name === 'Acme Outdoor' ? 'trouble' : 'healthy';
    sim.setStatsProfile(((await res.json()) as { ID: number }).ID, profile);
  }
  const csv = path.join(home, 'tenants.csv');
  fs.writeFileSync(csv, ['name,domain,option', ...NAMES.map((n) => `${n},${slug(n)}.example,3`)].join('\n'));
  await cli('tenants', 'import', csv);
  await cli('sync'); // links each server to its tenant by name; option 3 with a server is live
  host = await startHostProcess({ home, env: env() });
});
test.afterEach(async () => {
  await host?.stop();
  await sim?.close();
});

const shoot = (page: Page, name: string) => shootBothThemes(page, `behalf-${name}`);

test("the tenant's Overview lists the mailbox providers' rules, a failing one with its fix, and the bulk-mail fact", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await cli('health', '--refresh').catch((err: { code?: number }) => {
    if (err.code !== 1) throw err;
  });
  await page.goto(host!.url);
  await page
    .locator('nav')
    .getByRole('link', { name: /Health/ })
    .click();
  await page.getByRole('link', { name: 'Acme Outdoor' }).click();
  await page.getByRole('tab', { name: 'Overview' }).click();
  const card = page.locator('section.sender-rules');
  await expect(card.getByRole('heading', { name: 'Mailbox providers’ rules' })).toBeVisible();
  await expect(card.locator('li[data-rule]')).toHaveCount(7);
  const complaints = card.locator('li[data-rule="complaints"]');
  await expect(complaints).toHaveAttribute('data-status', 'fail');
  await expect(complaints).toContainText(/Spam complaints at .* at or over the 0\.3 % limit/);
  await expect(complaints).toContainText('Fix: Find the mail that draws complaints');
  await expect(card.locator('li[data-rule="alignment"]')).toHaveAttribute('data-status', 'pass');
  await expect(card.locator('li[data-rule="ptr"]')).toContainText('not checked');
  await expect(card).toContainText('1 failing');

  const unsubscribe = card.locator('li[data-rule="one-click-unsubscribe"]');
  await expect(unsubscribe).toHaveAttribute('data-status', 'not-checked');
  await card.getByLabel('Bulk or marketing mail').selectOption('transactional');
  await expect(unsubscribe).toHaveAttribute('data-status', 'fail');
  await expect(unsubscribe).toContainText('Fix: Create a Broadcast message stream');
  await expect(card).toContainText('2 failing');
  await shoot(page, 'sender-rules');

  await card.getByLabel('Bulk or marketing mail').selectOption('broadcast');
  await expect(unsubscribe).toHaveAttribute('data-status', 'pass');
  // The fact is in the ledger: the CLI sees it.
  const out = await cli('rules', '--tenant', 'Acme Outdoor', '--json').catch((err: { code?: number; stdout: string }) => err);
  expect((JSON.parse(out.stdout) as { tenants: { bulkMail: string }[] }).tenants[0]!.bulkMail).toBe('broadcast');
});

test('Refresh from Postmark runs as a task: "N of 9" while it runs, Cancel stops it, a second run refreshes all', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host!.url);
  await page
    .locator('nav')
    .getByRole('link', { name: /Health/ })
    .click();
  // Each tenant's first stats call answers after 2 s: time to see the progress and press Cancel mid-run.
  sim.faults.next({ match: /\/stats\/outbound\/sends/, delayMs: 2_000, times: NAMES.length });
  await page.getByRole('button', { name: 'Refresh from Postmark' }).click();
  const progress = page.getByTestId('health-progress');
  await expect(progress).toContainText(/Refreshing \d of 9/);
  await shoot(page, 'health-refresh-progress');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toContainText(/Cancelled after [0-8] of 9/, { timeout: 30_000 });
  await expect(page.getByRole('status')).toContainText(/Cancelled: Refreshed [0-8] tenants?/);
  await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);

  sim.faults.clear();
  await page.getByRole('button', { name: 'Refresh from Postmark' }).click();
  await expect(page.getByRole('status')).toContainText('Refreshed 9 tenants', { timeout: 60_000 });
  await expect(progress).toHaveCount(0);
  const rows = page.getByRole('table', { name: 'Sending health per tenant' }).locator('tbody tr');
  await expect(rows.nth(0)).toContainText('Acme Outdoor');
});
