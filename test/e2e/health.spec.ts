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
 * Sending health (issue #18) through the browser host: three tenants on three simulator servers, one in trouble,
 * one quiet, one healthy. The Health page ranks them worst first and filters; a tenant's Health tab shows the
 * verdict, the chart and the latest hard bounces and complaints; thresholds live in Settings with their sources.
 */
const exec = promisify(execFile);
const CLI = path.resolve('out/main/cli.js');
let sim: PostmarkSimulator;
let host: HostProcess | undefined;
let home: string;

const env = () => ({ BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken });
const cli = (...args: string[]) => exec(process.execPath, [CLI, ...args, '--home', home], { env: { ...process.env, ...env() } });

test.beforeEach(async () => {
  test.setTimeout(180_000); // four CLI runs before the host starts: slow on a busy machine, not a speed test
  sim = await startPostmarkSimulator({ searchLagMs: 0 });
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-health-'));
  const setups: [string, StatsProfile][] = [
    ['Calm Cards', 'healthy'],
    ['Acme Outdoor', 'trouble'],
    ['Hush Hotels', 'quiet'],
  ];
  for (const [name, profile] of setups) {
    const slug = name.toLowerCase().replace(/ /g, '-');
    const res = await fetch(`${sim.url}/servers`, {
      method: 'POST',
      body: JSON.stringify({ Name: `behalf-${slug}` }),
      headers: { 'X-Postmark-Account-Token': sim.accountToken, 'Content-Type': 'application/json', Accept: 'application/json' },
    });
    sim.setStatsProfile(((await res.json()) as { ID: number }).ID, profile);
    await cli('tenants', 'add', '--name', name, '--domain', `${slug}.example`, '--option', '3');
  }
  await cli('sync'); // links each server to its tenant by name; option 3 with a server is live
  host = await startHostProcess({ home, env: env() });
});
test.afterEach(async () => {
  await host?.stop();
  await sim?.close();
});

const shoot = (page: Page, name: string) => shootBothThemes(page, `behalf-${name}`);

test('the Health page ranks tenants worst first after a refresh, filters, and opens the tenant', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host!.url);
  await page
    .locator('nav')
    .getByRole('link', { name: /Health/ })
    .click();
  await expect(page.getByTestId('health-age')).toHaveText('Nothing fetched yet');
  await page.getByRole('button', { name: 'Refresh from Postmark' }).click();
  await expect(page.getByRole('status')).toContainText('Refreshed 3 tenants', { timeout: 60_000 });
  const rows = page.getByRole('table', { name: 'Sending health per tenant' }).locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Acme Outdoor');
  await expect(rows.nth(0)).toContainText('in trouble');
  await expect(rows.nth(0)).toContainText(/Spam complaints at .* limit/);
  await expect(rows.nth(0).getByLabel('rising').first()).toBeVisible();
  await expect(rows.nth(1)).toContainText('Hush Hotels');
  await expect(rows.nth(1)).toContainText('quiet');
  await expect(rows.nth(2)).toContainText('healthy');
  await expect(page.getByTestId('health-age')).toContainText('fetched just now');
  await shoot(page, 'health-page');

  await page.getByRole('radio', { name: /Quiet/ }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText('Hush Hotels');
  await page.getByRole('radio', { name: /Degrading/ }).click();
  await expect(page.getByText('No tenant is degrading right now.')).toBeVisible();
  await page.getByRole('radio', { name: /In trouble/ }).click();
  await rows.nth(0).getByRole('link', { name: 'Acme Outdoor' }).click();
  await expect(page.getByRole('tab', { name: 'Health' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'Sending health' })).toBeVisible();
});

test("a tenant's Health tab: verdict with fixes, 30-day chart, bounces by type, latest hard bounces and complaints; works offline", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await cli('health', '--refresh').catch((err: { code?: number }) => {
    if (err.code !== 1) throw err;
  });
  await page.goto(host!.url);
  await page
    .locator('nav')
    .getByRole('link', { name: /Health/ })
    .click();
  await page.getByRole('link', { name: 'Acme Outdoor' }).click();
  await expect(page.getByRole('tab', { name: 'Health' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('in trouble').first()).toBeVisible();
  await expect(page.getByText(/Fix: Find what changed/)).toBeVisible();
  await expect(page.getByTestId('health-chart').locator('rect.bar-sent')).toHaveCount(30);
  await expect(page.getByRole('table', { name: 'Bounces by type (all time)' })).toContainText('Hard bounce');
  await expect(page.getByTestId('health-complaints')).toContainText('marked this email as spam');
  await expect(page.getByTestId('health-hard-bounces')).toContainText('unknown user');
  await shoot(page, 'health-tab');
  await page.getByTestId('health-complaints').scrollIntoViewIfNeeded();
  await shoot(page, 'health-tab-lower');

  // Postmark out of reach: Refresh fails, the cached numbers stay and say so.
  await sim.close();
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Last refresh failed', { timeout: 60_000 });
  await expect(page.getByTestId('health-chart').locator('rect.bar-sent')).toHaveCount(30);
  await expect(page.getByTestId('health-age')).toContainText('fetched');
});

test('Settings shows the thresholds with their sources; a looser limit changes the verdict', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await cli('health', '--refresh').catch((err: { code?: number }) => {
    if (err.code !== 1) throw err;
  });
  await page.goto(host!.url);
  await page
    .locator('nav')
    .getByRole('link', { name: /Settings/ })
    .click();
  const card = page.getByRole('region', { name: 'Sending health' });
  await expect(card).toContainText('Gmail and Yahoo bulk-sender rules');
  await expect(card).toContainText('Postmark’s guidance');
  await expect(page.getByLabel('Spam complaint limit (%)')).toHaveValue('0.3');
  await card.screenshot({ path: '/tmp/behalf-health-settings-light.png' });
  await page.getByLabel('Spam complaint limit (%)').fill('5');
  await page.getByLabel('Spam complaints to aim under (%)').fill('4');
  await page.getByLabel('Bounce rate limit (%)').fill('60');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page
    .locator('nav')
    .getByRole('link', { name: /Health/ })
    .click();
  const first = page.getByRole('table', { name: 'Sending health per tenant' }).locator('tbody tr').nth(0);
  await expect(first).toContainText('Acme Outdoor');
  await expect(first).toContainText('degrading');
});
