import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startHostProcess, type HostProcess } from './support/host';

let host: HostProcess | undefined;
let holder: ChildProcess | undefined;
test.afterEach(async () => {
  holder?.kill('SIGKILL');
  await host?.stop();
});

/**
 * Issue #21: another program holds the ledger's write lock longer than the host's busy timeout (5 s). The tenant
 * form keeps what was typed, says who holds the ledger and that it tries again, and saves once the lock is free.
 */
test('a save refused as ledger.busy keeps the form, says so, and retries until it is saved', async ({ page }) => {
  test.setTimeout(90_000);
  host = await startHostProcess();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Add a tenant' }).click();
  await page.getByLabel('Customer name').fill('Patient Inc');
  await page.getByLabel('Primary domain').fill('patient.example');

  // Held for 7 s: the first save waits out the 5 s timeout and fails busy; the retry 1 s later gets through.
  holder = spawn(process.execPath, [path.resolve('test/unit/ledger/support/hold-write-lock.mjs'), path.join(host.home, 'ledger.sqlite'), '7000'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => holder!.stdout!.once('data', () => resolve()));
  await page.getByRole('button', { name: 'Add tenant', exact: true }).click();

  const notice = page.getByRole('status').filter({ hasText: 'The ledger is busy' });
  await expect(notice).toContainText(`held by node hold-write-lock.mjs (pid ${holder.pid})`, { timeout: 15_000 });
  await expect(notice).toContainText('your changes are kept');
  await expect(page.getByLabel('Customer name')).toHaveValue('Patient Inc');
  await expect(page.getByLabel('Primary domain')).toHaveValue('patient.example');

  await expect(page.getByRole('heading', { name: 'Patient Inc' })).toBeVisible({ timeout: 20_000 });
});
