import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startHostProcess, type HostProcess } from './support/host';

let host: HostProcess | undefined;
test.afterEach(async () => host?.stop());

function cli(home: string, env: Record<string, string>, ...args: string[]): void {
  execFileSync(process.execPath, ['out/main/cli.js', ...args, '--home', home], { env: { ...process.env, ...env } });
}

/** A port with nothing listening: Postmark "cannot be reached". */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('without a Postmark token a quiet banner says so and counts queued work; local screens keep working', async ({ page }) => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-offline-'));
  cli(home, { POSTMARK_ACCOUNT_TOKEN: '' }, 'tenants', 'add', '--name', 'Bluebird Bakery', '--domain', 'bluebird.example', '--option', '2');
  host = await startHostProcess({ home });
  await page.goto(host.url);
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toContainText('No Postmark token');
  await expect(banner).toContainText('Nothing queued');
  await expect(page.getByRole('button', { name: 'Add tenant' })).toBeEnabled();
  await expect(page.getByTestId('tenant-row-bluebird.example')).toBeVisible();
});

test('when Postmark cannot be reached the banner says so on every screen and counts the queued operations', async ({ page }) => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-offline-'));
  const env = { BEHALF_POSTMARK_URL: `http://127.0.0.1:${await closedPort()}`, POSTMARK_ACCOUNT_TOKEN: 'e2e-not-a-real-token' };
  cli(home, env, 'tenants', 'add', '--name', 'Acme Outdoor', '--domain', 'acme-outdoor.example', '--option', '1', '--from', 'news@acme-outdoor.example');
  cli(home, env, 'provision', '--tenant', 'Acme Outdoor');
  host = await startHostProcess({ home, env });
  await page.goto(host.url);
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toContainText('Postmark unreachable', { timeout: 20_000 });
  await expect(banner).toContainText(/\d+ Postmark operations? queued/);
  // Local work is not disabled by it.
  await page.getByRole('button', { name: 'Import CSV' }).click();
  await expect(page.getByRole('dialog', { name: /Import tenants/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.locator('nav').getByRole('link', { name: /DMARC/ }).click();
  await expect(banner).toContainText('Postmark unreachable');
});
