import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startNsd, type NsdServer } from '../support/nsd';
import { startPostmarkSimulator, type PostmarkSimulator } from '../support/postmark-sim';
import { startHostProcess, type HostProcess } from './support/host';
import { shootBothThemes } from './support/shots';

/**
 * The watch's Alerts page (issue #18) through the browser host: a live tenant whose Postmark server is in trouble;
 * a watch round run from the page raises one alert, counted unread in the sidebar; acknowledging it files it away.
 * DNS goes to a loopback nsd with no zone for the tenant: its check finds nothing published, which raises nothing
 * (only a DKIM record that was there and is gone does).
 */
const exec = promisify(execFile);
const CLI = path.resolve('out/main/cli.js');
let sim: PostmarkSimulator;
let nsd: NsdServer;
let host: HostProcess | undefined;
let home: string;

const env = () => ({ BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken });
const cli = (...args: string[]) => exec(process.execPath, [CLI, ...args, '--home', home], { env: { ...process.env, ...env() } });

test.beforeEach(async () => {
  test.setTimeout(180_000); // CLI runs before the host starts: slow on a busy machine, not a speed test
  sim = await startPostmarkSimulator({ searchLagMs: 0 });
  nsd = await startNsd({ zones: {} });
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-alerts-'));
  const res = await fetch(`${sim.url}/servers`, {
    method: 'POST',
    body: JSON.stringify({ Name: 'behalf-acme-outdoor' }),
    headers: { 'X-Postmark-Account-Token': sim.accountToken, 'Content-Type': 'application/json', Accept: 'application/json' },
  });
  sim.setStatsProfile(((await res.json()) as { ID: number }).ID, 'trouble');
  await cli('tenants', 'add', '--name', 'Acme Outdoor', '--domain', 'acme-outdoor.example', '--option', '3');
  await cli('sync'); // links the server to its tenant by name; option 3 with a server is live
  await cli('settings', 'set', `dnsServers=${JSON.stringify([nsd.server])}`);
  host = await startHostProcess({ home, env: env() });
});
test.afterEach(async () => {
  await host?.stop();
  await nsd?.stop();
  await sim?.close();
});

const shoot = (page: Page, name: string) => shootBothThemes(page, `behalf-${name}`);

test('a watch round raises an alert on the Alerts page, counted in the sidebar; acknowledging it files it away', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // Headless Chromium shows no OS notifications: record what the page asks the Notifications API to show instead.
  await page.addInitScript(() => {
    const shown: { title: string; body?: string }[] = [];
    (window as unknown as { shownNotes: typeof shown }).shownNotes = shown;
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, opts?: { body?: string }) {
        shown.push({ title, body: opts?.body });
      }
    }
    (window as unknown as { Notification: unknown }).Notification = RecordingNotification;
  });
  const shownNotes = () => page.evaluate(() => (window as unknown as { shownNotes: { title: string }[] }).shownNotes);
  await page.goto(host!.url);
  const nav = page.locator('nav');
  await nav.getByRole('link', { name: /Alerts/ }).click();
  await expect(page.getByText('Nothing to look at')).toBeVisible();
  await expect(page.getByTestId('alerts-unread-count')).toHaveCount(0);

  await page.getByRole('button', { name: 'Run a watch round now' }).click();
  const items = page.getByRole('list', { name: 'Alerts' }).getByRole('listitem');
  await expect(items).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByRole('status')).toContainText('Rechecked 1 tenant; 1 new alert.');
  await expect(items.nth(0)).toContainText('Acme Outdoor: sending health in trouble');
  await expect(items.nth(0)).toContainText('In trouble');
  await expect(page.getByTestId('alerts-unread-count')).toHaveText('1');
  await expect(page.getByTestId('alerts-unread')).toHaveText('1 unread');
  await expect.poll(shownNotes).toEqual([{ title: 'Acme Outdoor: sending health in trouble', body: 'Open Alerts in Behalf to see why.' }]);
  await expect(items.nth(0).getByRole('link', { name: 'Open Acme Outdoor' })).toHaveAttribute('href', /#\/tenants\/.+\/health$/);
  await shoot(page, 'alerts-page');
  const axe = await new AxeBuilder({ page }).include('main').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // A second round over the same facts raises nothing new.
  await page.getByRole('button', { name: 'Run a watch round now' }).click();
  await expect(page.getByRole('button', { name: 'Run a watch round now' })).toBeEnabled({ timeout: 60_000 });
  await expect(items).toHaveCount(1);
  await expect(page.getByRole('status')).toContainText('0 new alerts');
  expect(await shownNotes()).toHaveLength(1); // nothing new, no notification

  await items.nth(0).getByRole('button', { name: 'Acknowledge' }).click();
  await expect(page.getByText('Nothing to look at')).toBeVisible();
  await expect(page.getByTestId('alerts-unread-count')).toHaveCount(0);
  await page.getByLabel('Show acknowledged').check();
  await expect(items).toHaveCount(1);
  await expect(items.nth(0)).toContainText('Acknowledged');

  await items.nth(0).getByRole('link', { name: 'Open Acme Outdoor' }).click();
  await expect(page.getByRole('tab', { name: 'Health' })).toHaveAttribute('aria-selected', 'true');

  // Settings → Watch: off by default, with quiet hours.
  await nav.getByRole('link', { name: /Settings/ }).click();
  await expect(page.getByLabel('Watch every (hours)')).toHaveValue('0');
  await expect(page.getByLabel('Quiet from (hour)')).toHaveValue('22');
  await page.locator('section', { has: page.getByRole('heading', { name: 'Watch' }) }).screenshot({ path: '/tmp/behalf-watch-settings.png' });
});
