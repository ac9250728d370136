import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHostProcess, type HostProcess } from './support/host';

const CLI = path.resolve('out/main/cli.js');
const cli = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, POSTMARK_ACCOUNT_TOKEN: '' } });

let host: HostProcess | undefined;
test.afterEach(async () => host?.stop());

test('create, search, edit a tenant, read its audit trail, restart and find it again', async ({ page }) => {
  host = await startHostProcess();
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Tenants', exact: true })).toBeVisible();
  await expect(page.getByText('No tenants yet')).toBeVisible();

  // create, with inline validation first
  await page.getByRole('button', { name: 'Add a tenant' }).click();
  await page.getByLabel('Customer name').fill('Acme Inc');
  await page.getByLabel('Primary domain').fill('acme com');
  await page.getByLabel('Contact email').focus();
  await expect(page.getByText(/Enter a domain like acme\.com/)).toBeVisible();
  await page.getByLabel('Primary domain').fill('acme.com');
  await page.getByLabel('Contact email').fill('it@acme.com');
  await page.getByLabel('Sending option').selectOption('2');
  await page.getByRole('button', { name: 'Add tenant', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Acme Inc' })).toBeVisible();

  // a second tenant through the same form
  await page.getByRole('button', { name: 'Back to tenants' }).click();
  // The route changes on the next hashchange: wait for the list before using its shortcut.
  await expect(page.getByTestId('tenant-count')).toHaveText('1 in the ledger');
  await page.keyboard.press('n');
  await page.getByLabel('Customer name').fill('Beta Labs');
  await page.getByLabel('Primary domain').fill('beta.io');
  await page.getByRole('button', { name: 'Add tenant', exact: true }).click();
  await page.getByRole('button', { name: 'Back to tenants' }).click();

  // search with the keyboard
  await expect(page.getByTestId('tenant-count')).toHaveText('2 in the ledger');
  await page.keyboard.press('/');
  await page.keyboard.type('acme');
  await expect(page.getByTestId('tenant-count')).toHaveText('1 matching');
  await expect(page.getByTestId('tenant-row-acme.com')).toBeVisible();
  await expect(page.getByTestId('tenant-row-beta.io')).toHaveCount(0);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Acme Inc' })).toBeVisible();

  // edit
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Sending option').selectOption('1');
  await page.getByLabel('Tags (comma separated)').fill('vip, eu');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('1 — Customer domain')).toBeVisible();

  // Activity, in words
  await page.getByRole('tab', { name: 'Activity' }).click();
  const trail = page.getByRole('list', { name: 'Activity' });
  await expect(trail.getByText('Sending option changed')).toBeVisible();
  await expect(trail.getByRole('listitem').filter({ hasText: 'Sending option changed' })).toContainText('from option 2 to option 1');
  await expect(trail.getByRole('listitem').filter({ hasText: 'Tags changed' })).toContainText('eu, vip');
  await expect(trail.getByRole('listitem').filter({ hasText: 'Tenant added' })).toContainText('Acme Inc (acme.com)');

  // restart the host on the same data directory: the data is still there
  const home = host.home;
  await host.stop();
  host = await startHostProcess({ home });
  await page.goto(host.url);
  await expect(page.getByTestId('tenant-count')).toHaveText('2 in the ledger');
  await page.getByTestId('tenant-row-acme.com').click();
  await expect(page.getByText('1 — Customer domain')).toBeVisible();
});

test('filters by option chip and sorts by column', async ({ page }) => {
  host = await startHostProcess();
  await page.goto(host.url);
  await expect(page.getByText('No tenants yet')).toBeVisible();
  for (const [name, domain, option] of [
    ['Zeta', 'zeta.com', '1'],
    ['Alpha', 'alpha.com', '3'],
    ['Mid', 'mid.com', ''],
  ]) {
    // The keyboard shortcut is covered above; here the button keeps the loop independent of focus timing.
    await page
      .getByRole('button', { name: /^Add (a )?tenant/ })
      .first()
      .click();
    await page.getByLabel('Customer name').fill(name!);
    await page.getByLabel('Primary domain').fill(domain!);
    if (option) await page.getByLabel('Sending option').selectOption(option);
    await page.getByRole('button', { name: 'Add tenant', exact: true }).click();
    await page.getByRole('button', { name: 'Back to tenants' }).click();
  }
  await expect(page.getByTestId('tenant-count')).toHaveText('3 in the ledger');
  const names = () => page.locator('.trow strong').allTextContents();
  await expect.poll(names).toEqual(['Alpha', 'Mid', 'Zeta']);
  await page.getByRole('button', { name: /^Name/ }).click();
  await expect.poll(names).toEqual(['Zeta', 'Mid', 'Alpha']);
  await page.getByRole('button', { name: 'option 1' }).click();
  await expect.poll(names).toEqual(['Zeta']);
  await page.getByRole('button', { name: 'no option' }).click();
  await expect.poll(names).toEqual(['Zeta', 'Mid']);
});

test('a browser without the sign-in link gets nothing', async ({ page }) => {
  host = await startHostProcess();
  const res = await page.goto(host.origin + '/');
  expect(res?.status()).toBe(401);
  await expect(page.getByText(/Open the link that/)).toBeVisible();
  const rpc = await page.request.post(host.origin + '/rpc/tenants.list', { data: {} });
  expect(rpc.status()).toBe(401);
});

test('opening the console asks for the first page of tenants once, and a new search once more', async ({ page }) => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-tenants-'));
  cli('tenants', 'add', '--name', 'Acme Inc', '--domain', 'acme.com', '--home', home);
  cli('tenants', 'add', '--name', 'Beta Labs', '--domain', 'beta.io', '--home', home);
  host = await startHostProcess({ home });
  // Each read of the list's pages, as sent (a second read of page 0 at mount used to delay the first screen).
  const asked: { search: string; offset: number }[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/rpc/tenants.list')) asked.push(JSON.parse(r.postData() ?? '{}') as { search: string; offset: number });
  });
  await page.goto(host.url);
  await expect(page.getByTestId('tenant-row-acme.com')).toBeVisible();
  await page.waitForTimeout(500);
  expect(asked.map((q) => [q.search, q.offset])).toEqual([['', 0]]);

  await page.getByLabel('Search tenants').fill('beta');
  await expect(page.getByTestId('tenant-count')).toHaveText('1 matching');
  await page.waitForTimeout(500);
  expect(asked.map((q) => [q.search, q.offset])).toEqual([
    ['', 0],
    ['beta', 0],
  ]);
});
