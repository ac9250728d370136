import { expect, test, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startPostgres, type PgCluster } from '../support/postgres/cluster';
import { TeamConsole } from '../support/team/consoles';
import { holdingProxy } from '../support/team/holding-proxy';
import { axeFindings } from './support/axe';
import { startHostProcess, type HostProcess } from './support/host';

/**
 * Publish and join from the console (issue #19 item 1), two browser-host consoles on a real PostgreSQL cluster:
 * Ann publishes her ledger from Settings → Team; Ben first meets an error (a database without a team: the hint
 * says what to do), then joins with the password typed in the form. His join is held in the middle of the copy
 * (a proxy that stops forwarding after a number of bytes): the progress bar shows "Copied N of M rows", the
 * tenants list already shows the tenants that arrived, and after the release the card is in team mode and the
 * tenants list holds all of Ann's tenants. Neither host was given the password in its environment. A third
 * console cancels its join while the server stalls: Cancel answers at once and the console is as it was.
 */
const PASSWORD = 'e2e-join-pw-4kq';
const TENANTS = 8000;
let cluster: PgCluster;
let proxy: Awaited<ReturnType<typeof holdingProxy>>;
let ann: TeamConsole;
let ben: TeamConsole;
let hostA: HostProcess | undefined;
let hostB: HostProcess | undefined;
let cal: TeamConsole | undefined;
let hostC: HostProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  execFileSync(process.execPath, [path.resolve('scripts/ensure-built.mjs')], { stdio: 'ignore' });
  cluster = await startPostgres();
  await cluster.createTeamDatabase('team', 'behalf', PASSWORD);
  await cluster.createTeamDatabase('lonely', 'lonely', PASSWORD);
  proxy = await holdingProxy(cluster.port);
  ann = new TeamConsole('ann');
  ben = new TeamConsole('ben');
  const csv = path.join(ann.home, 'tenants.csv');
  fs.writeFileSync(csv, ['name,domain,tags', ...Array.from({ length: TENANTS }, (_, i) => `Ann ${i},ann-${i}.example,east`)].join('\n'));
  await ann.ok('tenants', 'import', csv);
  hostA = await startHostProcess({ home: ann.home });
  hostB = await startHostProcess({ home: ben.home });
});

test.afterAll(async () => {
  await hostC?.stop();
  cal?.destroy();
  await hostA?.stop();
  await hostB?.stop();
  await proxy?.close();
  ann?.destroy();
  ben?.destroy();
  cluster?.destroy();
});

const teamCard = (page: Page) => page.locator('section', { has: page.getByRole('heading', { name: 'Team', exact: true }) });

async function shots(page: Page, name: string, target: Locator) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await target.screenshot({ path: `/tmp/behalf-team-join-${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function axeClean(page: Page, screen: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const blocking = (await axeFindings(page, `${screen} (${scheme})`)).filter((f) => f.impact === 'critical' || f.impact === 'serious');
    expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('Ann publishes from Settings → Team; a bad string is refused inline with what to type', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(hostA!.url);
  await page.goto(`${hostA!.origin}/#/settings`);
  const card = teamCard(page);
  // By keyboard: Enter opens a form with the connection string focused, Escape closes it and focus goes back.
  const publishButton = card.getByRole('button', { name: 'Publish this ledger as a team' });
  await publishButton.focus();
  await page.keyboard.press('Enter');
  const form = card.getByRole('form', { name: 'Publish this ledger as a team' });
  await expect(form.getByLabel('Connection string')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await expect(publishButton).toBeFocused();
  await expect(publishButton).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  await expect(form.getByLabel('Connection string')).toBeFocused();
  await expect(form).toContainText('sslmode=verify-full');

  await form.getByLabel('Connection string').fill('http://db.internal/team');
  await form.getByLabel('Your name').fill('Ann Lee');
  await form.getByLabel('Your e-mail').fill('ann@vendor.example');
  await form.getByRole('button', { name: 'Publish' }).click();
  const error = form.getByRole('alert');
  await expect(error).toContainText('not a PostgreSQL connection string');
  await expect(error).toContainText('postgres://USER@HOST:5432/DATABASE');
  await card.scrollIntoViewIfNeeded();
  await shots(page, 'publish-bad-url', card);
  await axeClean(page, 'settings, team publish form with an error');

  // The password in its own field (the string carries none); Enter submits.
  await form.getByLabel('Connection string').fill(`postgres://behalf@127.0.0.1:${cluster.port}/team`);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByLabel('Password').press('Enter');
  await expect(card.getByTestId('team-status')).toBeVisible({ timeout: 180_000 });
  await expect(card.getByRole('status').filter({ hasText: 'Published:' })).toContainText("rows are now the team's ledger");
  await expect(card.getByTestId('team-status')).toContainText(`postgres://behalf@127.0.0.1:${cluster.port}/team`);
  await expect(page.getByTestId('team-line')).toHaveText('team: in sync', { timeout: 30_000 });
  await expect(card).not.toContainText(PASSWORD);
  await shots(page, 'published', card);
});

test("Ben joins from Settings → Team with visible progress; the tenants list fills meanwhile and ends with Ann's tenants", async ({ browser }) => {
  test.setTimeout(300_000);
  // A context of its own: both hosts are on 127.0.0.1, and each has its own session cookie.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(hostB!.url);
  await page.goto(`${hostB!.origin}/#/settings`);
  const card = teamCard(page);
  await card.getByRole('button', { name: 'Join a team' }).click();
  const form = card.getByRole('form', { name: 'Join a team' });
  await form.getByLabel('Your name').fill('Ben Ito');
  await form.getByLabel('Your e-mail').fill('ben@vendor.example');

  // A database that holds no team: the task fails and the form shows why and what to do.
  await form.getByLabel('Connection string').fill(`postgres://lonely@127.0.0.1:${cluster.port}/lonely`);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Join' }).click();
  const error = form.getByRole('alert');
  await expect(error).toContainText('holds no team ledger yet', { timeout: 60_000 });
  await expect(error).toContainText('Publish one first');
  await expect(form.getByLabel('Connection string')).toHaveAttribute('aria-invalid', 'true');
  await card.scrollIntoViewIfNeeded();
  await shots(page, 'join-not-published', card);
  await axeClean(page, 'settings, team join form with an error');
  expect(ben.query('SELECT count(*) AS n FROM tenants')).toEqual([{ n: 0 }]);

  // The team's database, through the proxy that holds the copy after ~1.2 MB (a couple of pages of tenants).
  proxy.holdAfter(1_200_000);
  await form.getByLabel('Connection string').fill(`postgres://behalf@127.0.0.1:${proxy.port}/team`);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Join' }).click();
  const progress = card.getByTestId('team-connect-progress');
  await expect(progress.getByText(/Copied [1-9][\d,]* of [\d,]+ rows/)).toBeVisible({ timeout: 120_000 });
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await expect(progress.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await shots(page, 'join-progress', card);
  await axeClean(page, 'settings, team join in progress');

  // Other screens keep working: the tenants list shows the tenants that arrived, and not yet all of them.
  await page.goto(`${hostB!.origin}/#/`);
  await expect(page.locator('[data-testid^="tenant-row-ann-"]').first()).toBeVisible({ timeout: 30_000 });
  const partway = ben.query<{ n: number }>('SELECT count(*) AS n FROM tenants')[0]!.n;
  expect(partway).toBeGreaterThan(0);
  expect(partway).toBeLessThan(TENANTS);
  await page.screenshot({ path: '/tmp/behalf-team-join-tenants-partway-light.png' });
  // Back in Settings the card picks the running join up again.
  await page.goto(`${hostB!.origin}/#/settings`);
  await expect(card.getByTestId('team-connect-progress').getByText(/Copied [1-9][\d,]* of [\d,]+ rows/)).toBeVisible();

  proxy.release();
  await expect(card.getByTestId('team-status')).toBeVisible({ timeout: 180_000 });
  await expect(card.getByRole('status').filter({ hasText: 'Joined the team' })).toContainText('rows copied into this console');
  await expect(card.getByTestId('team-status')).toContainText(`postgres://behalf@127.0.0.1:${proxy.port}/team`);
  await expect(card.getByLabel('Name')).toHaveValue('Ben Ito');
  await expect(page.getByTestId('team-line')).toHaveText('team: in sync', { timeout: 60_000 });
  await expect(card).not.toContainText(PASSWORD);
  await shots(page, 'joined', card);
  await axeClean(page, 'settings, team mode after joining');

  // The tenants list holds Ann's tenants, the last of them too.
  expect(ben.query('SELECT count(*) AS n FROM tenants')).toEqual([{ n: TENANTS }]);
  await page.goto(`${hostB!.origin}/#/`);
  await page.getByLabel('Search tenants').fill(`ann-${TENANTS - 1}.example`);
  await expect(page.getByTestId(`tenant-row-ann-${TENANTS - 1}.example`)).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: '/tmp/behalf-team-join-tenants-after-light.png' });
  await context.close();
});

test('Cal cancels a join while the server stalls: Cancel answers at once and the console stays as it was', async ({ browser }) => {
  test.setTimeout(240_000);
  cal = new TeamConsole('cal');
  hostC = await startHostProcess({ home: cal.home });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(hostC.url);
  await page.goto(`${hostC.origin}/#/settings`);
  const card = teamCard(page);
  await card.getByRole('button', { name: 'Join a team' }).click();
  const form = card.getByRole('form', { name: 'Join a team' });
  await form.getByLabel('Connection string').fill(`postgres://behalf@127.0.0.1:${proxy.port}/team`);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByLabel('Your name').fill('Cal Ray');
  await form.getByLabel('Your e-mail').fill('cal@vendor.example');
  proxy.holdAfter(1_200_000);
  await form.getByRole('button', { name: 'Join' }).click();
  const progress = card.getByTestId('team-connect-progress');
  await expect(progress.getByText(/Copied [1-9][\d,]* of [\d,]+ rows/)).toBeVisible({ timeout: 120_000 });
  expect(cal.query<{ n: number }>('SELECT count(*) AS n FROM tenants')[0]!.n).toBeGreaterThan(0);

  // The server sends nothing more; Cancel still ends the join, and what was copied is gone.
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(card.getByRole('status').filter({ hasText: 'Joining was cancelled' })).toBeVisible({ timeout: 30_000 });
  await expect(card.getByRole('button', { name: 'Join a team' })).toBeVisible();
  await expect(card.getByTestId('team-status')).toHaveCount(0);
  await expect(page.getByTestId('team-line')).toHaveCount(0);
  expect(cal.query('SELECT count(*) AS n FROM tenants')).toEqual([{ n: 0 }]);
  expect(cal.query("SELECT key FROM team_state WHERE key IN ('url', 'joining')")).toEqual([]);
  await card.scrollIntoViewIfNeeded();
  await shots(page, 'join-cancelled', card);
  proxy.release();
  await context.close();
});
