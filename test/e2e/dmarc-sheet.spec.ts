import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { startNsd, type NsdServer } from '../support/nsd/nsd-harness';
import { startHostProcess, type HostProcess } from './support/host';

/** DMARC tab → "Use this record for Acme" → the Sheets tab lists that record, copyable; clearing removes it. */

const CLI = path.resolve('out/main/cli.js');
const VALUE = 'v=DMARC1; p=quarantine; adkim=s; rua=mailto:dmarc@reports.vendor.example';
const AUTH = 'acme.com._report._dmarc.reports.vendor.example';

let host: HostProcess | undefined;
let nsd: NsdServer | undefined;
test.afterEach(async () => {
  await host?.stop();
  await nsd?.stop();
});

/** An option-1 tenant awaiting DNS with its Postmark domain, as the outbox would have left it. */
function prepareLedger(): { home: string; tenantId: string } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-dmarc-sheet-'));
  const acme = JSON.parse(
    execFileSync(process.execPath, [CLI, 'tenants', 'add', '--home', home, '--name', 'Acme', '--domain', 'acme.com', '--option', '1', '--json'], {
      encoding: 'utf8',
    }),
  ) as { id: string };
  const db = new Database(path.join(home, 'ledger.sqlite'));
  const now = new Date().toISOString();
  db.prepare(`UPDATE tenants SET status = 'awaiting-dns'`).run();
  db.prepare(
    `INSERT INTO postmark_objects (tenant_id, kind, postmark_id, name, name_lc, details_json, created_at, updated_at) VALUES (?, 'domain', 501, 'acme.com', 'acme.com', ?, ?, ?)`,
  ).run(
    acme.id,
    JSON.stringify({
      ID: 501,
      Name: 'acme.com',
      DKIMHost: '',
      DKIMTextValue: '',
      DKIMPendingHost: '20240817055129pm._domainkey.acme.com',
      DKIMPendingTextValue: 'k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDNPP40',
      ReturnPathDomain: 'pm-bounces.acme.com',
      ReturnPathDomainCNAMEValue: 'pm.mtasv.net',
    }),
    now,
    now,
  );
  db.close();
  return { home, tenantId: acme.id };
}

test('choose a DMARC record in the tenant DMARC tab and find it, copyable, in the Sheets tab', async ({ page, context }) => {
  const { home, tenantId } = prepareLedger();
  nsd = await startNsd({
    zones: { 'acme.com': `$ORIGIN acme.com.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 120\n@ IN NS ada.ns.cloudflare.com.\n` },
  });
  host = await startHostProcess({ home, env: { BEHALF_DNS_SERVERS: nsd.server } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  await page.goto(`${host.origin}/#/tenants/${tenantId}/dmarc`);

  await expect(page.getByRole('heading', { name: 'Record builder for acme.com' })).toBeVisible();
  await expect(page.getByTestId('chosen-record')).toContainText('Nothing chosen yet');
  await page.getByLabel('Policy (p)').selectOption('quarantine');
  await page.getByLabel('DKIM alignment (adkim)').selectOption('s');
  await page.getByLabel('Aggregate reports to (rua)').fill('dmarc@reports.vendor.example');
  await expect(page.getByTestId('txt-value').first()).toHaveText(VALUE);
  await page.getByLabel('keep the rollout plan with it').check();
  await page.getByRole('button', { name: 'Use this record for Acme' }).click();

  const chosen = page.getByLabel('Chosen DMARC record');
  await expect(chosen.getByTestId('txt-value')).toHaveText(VALUE);
  await expect(chosen).toContainText(AUTH);
  await expect(page.getByTestId('chosen-sheet-note')).toContainText('in the DNS sheet');
  await expect(chosen).toContainText('rollout plan:');
  await expect(page.getByText('This is the chosen record')).toBeVisible();
  await chosen.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/behalf-dmarc-chosen.png' });

  // Reopening the tab starts from the stored choice.
  await page.reload();
  await expect(page.getByLabel('Policy (p)')).toHaveValue('quarantine');
  await expect(page.getByText('This is the chosen record')).toBeVisible();

  await page.getByRole('tab', { name: 'Sheets' }).click();
  const dmarc = page.getByLabel('Record 3: DMARC policy');
  await expect(dmarc).toContainText('_dmarc');
  await expect(dmarc).toContainText(VALUE);
  const auth = page.getByLabel('Record 4: DMARC report permission');
  await expect(auth).toContainText(AUTH);
  await expect(auth).not.toContainText(`${AUTH}.acme.com`);
  await page.getByRole('button', { name: 'Copy canonical value of record 3' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(VALUE);
  await page.getByRole('button', { name: 'Copy full name of record 3' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('_dmarc.acme.com');
  await dmarc.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/behalf-dmarc-sheet.png' });

  // Clearing the choice takes it off the sheet; both changes are in the tenant's activity.
  await page.getByRole('tab', { name: 'DMARC' }).click();
  await page.getByLabel('Chosen DMARC record').getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByTestId('chosen-record')).toContainText('Nothing chosen yet');
  await page.getByRole('tab', { name: 'Sheets' }).click();
  await expect(page.getByLabel('Record 2: Return-Path (bounces)')).toBeVisible();
  await expect(page.getByLabel('Record 3: DMARC policy')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Activity' }).click();
  await expect(page.getByRole('list', { name: 'Activity' }).getByText('DMARC record chosen for the sheet')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Activity' }).getByText('DMARC record removed from the sheet')).toBeVisible();
});
