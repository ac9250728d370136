import Database from 'better-sqlite3';
import { promises as dnsPromises } from 'node:dns';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startNsd, type NsdServer } from '../support/nsd';
import { zone } from '../support/nsd/zoneFixtures';
import { startPostmarkSimulator, type PostmarkSimulator } from '../support/postmark-sim';
import { startHostProcess, type HostProcess } from './support/host';

/**
 * The DKIM rotation calendar from the console: a key a year old is due, "Rotate all due" queues the rotation, the
 * new key is published in nsd and verified by the simulator (which resolves through nsd), Postmark says the old key
 * is safe to delete, and once its TXT is removed from nsd Behalf's own DNS check confirms it gone.
 */
let nsd: NsdServer;
let sim: PostmarkSimulator;
let host: HostProcess | undefined;
const records = new Map<string, string>();
const publish = () =>
  nsd.reload({ 'rotate.test': zone('rotate.test', [...records].map(([l, v]) => `${l} IN TXT "${v}"`).join('\n') + '\nbounces IN CNAME pm.mtasv.net.') });
const label = (host: string) => host.replace(/\.rotate\.test$/, '');

test.beforeAll(async () => {
  nsd = await startNsd({ zones: { 'rotate.test': zone('rotate.test', '') } });
  const resolver = new dnsPromises.Resolver();
  resolver.setServers([nsd.server]);
  sim = await startPostmarkSimulator({ resolver });
});
test.afterAll(async () => {
  await sim?.close();
  await nsd?.stop();
});
test.afterEach(async () => host?.stop());

async function bothThemes(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `/tmp/behalf-dkim-${name}-${scheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('a due DKIM key rotated from the console, tracked to "old key deleted from DNS"', async ({ page }) => {
  test.setTimeout(120_000);
  host = await startHostProcess({ env: { BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken, BEHALF_DNS_SERVERS: nsd.server } });
  await page.goto(host.url);

  // An option-1 tenant provisioned and verified from the console.
  await page.getByRole('button', { name: 'Add a tenant' }).click();
  await page.getByLabel('Customer name').fill('Rotor Ltd');
  await page.getByLabel('Primary domain').fill('rotate.test');
  await page.getByLabel('Sending option').selectOption('1');
  await page.getByRole('button', { name: 'Add tenant', exact: true }).click();
  await page.getByRole('tab', { name: 'Postmark' }).click();
  await page.getByLabel('Return-Path host').fill('bounces');
  await page.getByRole('button', { name: 'Provision option 1' }).click();
  await expect(page.getByText('Pending key — publish this, then verify')).toBeVisible();
  const domain = () => sim.state.domains.find((d) => d.Name === 'rotate.test')!;
  const first = domain().pending!;
  records.set(label(first.host), first.value);
  await publish();
  await page.getByRole('button', { name: 'Verify DKIM and Return-Path' }).click();
  await expect(page.getByText('Active key')).toBeVisible();

  // DKIM keys: the key Behalf just saw turn active, 0 days old, 1024-bit (decoded from p=), not due.
  await page
    .locator('nav')
    .getByRole('link', { name: /DKIM keys/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'DKIM keys' })).toBeVisible();
  const row = page.getByTestId('dkim-row-Rotor Ltd');
  await expect(row).toContainText(first.host.split('._domainkey')[0]!);
  await expect(row).toContainText('1024-bit');
  await expect(row).toContainText('0 d');
  await expect(page.getByRole('button', { name: 'Rotate all due (0)' })).toBeDisabled();

  // A year passes (the first sighting moved back in the ledger): the key is due.
  const db = new Database(path.join(host.home, 'ledger.sqlite'));
  db.prepare('UPDATE dkim_keys SET first_seen_active_at = ?').run(new Date(Date.now() - 370 * 86_400_000).toISOString());
  db.close();
  await page.reload();
  await expect(row).toContainText('370 d');
  await expect(row.locator('.status').filter({ hasText: /^.?Due$/ })).toBeVisible();
  await page.getByRole('radio', { name: 'Due (1)' }).click();
  await bothThemes(page, 'due');

  await page.getByRole('button', { name: 'Rotate all due (1)' }).click();
  await expect(page.getByRole('heading', { name: 'Rotate 1 DKIM key?' })).toBeVisible();
  await page.getByRole('button', { name: 'Rotate 1 key', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Queued 1 rotation.' })).toBeVisible();
  await page.getByRole('radio', { name: /^All/ }).click();
  await expect(row).toContainText('New key pending — publish it');
  await expect(row).toContainText('Sheet: Rotor Ltd has no IT contact');
  const fresh = domain().pending!;
  await expect(row).toContainText(fresh.host.split('._domainkey')[0]!);
  await bothThemes(page, 'pending');

  // The customer publishes the new key (the old one stays): Postmark verifies it and signs with it.
  records.set(label(fresh.host), fresh.value);
  await publish();
  await row.getByRole('button', { name: 'Check progress of Rotor Ltd' }).click();
  await expect(row).toContainText('New key active');
  // A later verify still sees the new key: Postmark says the old one may go; DNS still publishes it.
  await row.getByRole('button', { name: 'Check progress of Rotor Ltd' }).click();
  await expect(row).toContainText('Old key safe to delete');
  await expect(row).toContainText('revoked, still published');
  await expect(row).toContainText(`Delete the TXT record at ${first.host}`);
  await bothThemes(page, 'safe');

  // The old TXT is removed from nsd; Behalf's DNS check confirms it gone.
  records.delete(label(first.host));
  await publish();
  await page.getByRole('button', { name: 'Check progress (1)' }).click();
  await expect(row).toContainText('Old key deleted from DNS');
  await expect(row).toContainText('revoked, gone from DNS');
  await expect(row).toContainText('Done: the old key is gone from DNS.');
  await bothThemes(page, 'deleted');

  // The policy lives in Settings, with the source of its default; a longer one moves the due date.
  await page
    .locator('nav')
    .getByRole('link', { name: /Settings/ })
    .click();
  const months = page.getByLabel('Rotate every (months)');
  await expect(months).toHaveValue('6');
  await expect(page.getByText(/M3AAWG's DKIM Key Rotation Best Common Practices/)).toBeVisible();
  await months.fill('24');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.locator('#dkim-settings-title').scrollIntoViewIfNeeded();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.locator('section[aria-labelledby="dkim-settings-title"]').screenshot({ path: `/tmp/behalf-dkim-settings-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page
    .locator('nav')
    .getByRole('link', { name: /DKIM keys/ })
    .click();
  await expect(page.getByText('Policy: rotate every 24 months')).toBeVisible();
  // The new key was first seen active today: due in 24 months now, not 6.
  await expect(row).toContainText(String(new Date().getUTCFullYear() + 2));

  // The audit trail shows each step.
  await row.getByRole('link', { name: 'Rotor Ltd' }).click();
  await page.getByRole('tab', { name: 'Activity' }).click();
  await expect(page.getByRole('list', { name: 'Activity' }).getByText(/old key safe to delete → old key deleted from DNS/)).toBeVisible();
});
