import { _electron as electron, expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Runs only where an Electron binary exists (see run.mjs). Drives the real app window.
async function launch(home: string) {
  return electron.launch({ args: [path.resolve('.')], env: { ...process.env, BEHALF_HOME: home, POSTMARK_ACCOUNT_TOKEN: '' } });
}

test('the window opens on the tenants view with the contract bridged', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-el-'));
  const app = await launch(home);
  const page = await app.firstWindow();
  await expect(page.getByRole('heading', { name: 'Tenants' })).toBeVisible();
  expect(await page.evaluate(() => typeof (window as unknown as { behalf?: unknown }).behalf)).toBe('object');
  expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  await app.close();
});

test('a tenant added in the window is in the ledger after a restart', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-el-'));
  let app = await launch(home);
  let page = await app.firstWindow();
  await page
    .getByRole('button', { name: /Add tenant/ })
    .first()
    .click();
  await page.getByLabel('Customer name').fill('Electron Co');
  await page.getByLabel('Primary domain').fill('electron-co.example');
  await page.getByRole('button', { name: 'Add tenant', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Electron Co' })).toBeVisible();
  await app.close();
  app = await launch(home);
  page = await app.firstWindow();
  await expect(page.getByText('electron-co.example')).toBeVisible();
  await app.close();
});

test('window.open and navigation away are denied', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-el-'));
  const app = await launch(home);
  const page = await app.firstWindow();
  await page.evaluate(() => window.open('https://example.com'));
  expect(app.windows()).toHaveLength(1);
  const before = page.url();
  await page.evaluate(() => (location.href = 'https://example.com')).catch(() => undefined);
  await page.waitForTimeout(300);
  expect(page.url()).toBe(before);
  await app.close();
});
