import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { startNsd, type NsdServer } from '../support/nsd/nsd-harness';
import { startHostProcess, type HostProcess } from './support/host';

const CLI = path.resolve('out/main/cli.js');
const DKIM_HOST = '20240817055129pm._domainkey.acme.com';
const DKIM_VALUE =
  'k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDNPP40a335ptE8gpHCc3hmJ0mZcqVtDMUn5hQbb7ELWb5FLqRUDVgGY/d1KuR/C3otVODwKYJOqce7+2Z0XrudKO2VoO9l4iaAm1OKZfklUOOUXv5pcdvBVHuE01dEMMFE/oVBpi6xpt84L0GRSiSey62VdyXdSlUdO2T15A/ORwIDAQAB';

let host: HostProcess | undefined;
let nsd: NsdServer | undefined;
test.afterEach(async () => {
  await host?.stop();
  await nsd?.stop();
});

/** A data directory made the way staff would (CLI), plus the Postmark domain row the outbox would have written. */
function prepareLedger(): { home: string; tenantId: string } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-sheets-'));
  const add = (name: string, domain: string) =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [CLI, 'tenants', 'add', '--home', home, '--name', name, '--domain', domain, '--contact-name', 'Jordan Lee', '--option', '1', '--json'],
        { encoding: 'utf8' },
      ),
    ) as { id: string };
  const acme = add('Acme Corporation', 'acme.com');
  add('Beta Labs', 'beta.io');
  const db = new Database(path.join(home, 'ledger.sqlite'));
  const now = new Date().toISOString();
  // Straight to awaiting-dns: the status lifecycle is tested elsewhere; here only the sheet matters.
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
      DKIMPendingHost: DKIM_HOST,
      DKIMPendingTextValue: DKIM_VALUE,
      ReturnPathDomain: 'pm-bounces.acme.com',
      ReturnPathDomainCNAMEValue: 'pm.mtasv.net',
    }),
    now,
    now,
  );
  db.prepare(`INSERT OR REPLACE INTO settings (key, value_json, updated_at) VALUES ('vendorName', ?, ?)`).run(JSON.stringify('Northwind Mailer'), now);
  db.prepare(`INSERT OR REPLACE INTO settings (key, value_json, updated_at) VALUES ('vendorDomain', ?, ?)`).run(
    JSON.stringify('northwind-mailer.example'),
    now,
  );
  db.close();
  return { home, tenantId: acme.id };
}

test('Sheets tab: detected provider, copy buttons, PDF and zone downloads; bulk zip with progress', async ({ page, context }) => {
  const { home, tenantId } = prepareLedger();
  nsd = await startNsd({
    zones: {
      'acme.com': `$ORIGIN acme.com.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 120\n@ IN NS ada.ns.cloudflare.com.\n@ IN NS bob.ns.cloudflare.com.\n`,
    },
  });
  host = await startHostProcess({ home, env: { BEHALF_DNS_SERVERS: nsd.server } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await page.goto(host.url);
  await page.goto(`${host.origin}/#/tenants/${tenantId}/sheets`);

  // Auto-detected provider, records with the Cloudflare host field, statuses, steps.
  await expect(page.getByLabel('DNS provider')).toContainText('Auto: Cloudflare');
  const dkim = page.getByLabel('Record 1: DKIM key (email signature)');
  await expect(dkim).toContainText('20240817055129pm._domainkey');
  await expect(dkim).toContainText(DKIM_VALUE);
  await expect(page.getByLabel('Record 2: Return-Path (bounces)')).toContainText('pm.mtasv.net');
  await expect(page.getByRole('heading', { name: 'Steps' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Email to Jordan Lee…' })).toBeEnabled();

  // Copy buttons put the exact literal on the clipboard.
  await page.getByRole('button', { name: 'Copy value of record 1' }).click();
  await expect(page.getByRole('button', { name: 'Copy value of record 1' })).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(DKIM_VALUE);
  await page.getByRole('button', { name: 'Copy host of record 2' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('pm-bounces');
  await expect(page.getByRole('button', { name: /^Copy / })).not.toHaveCount(0);

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `/tmp/behalf-sheets-tab-${scheme}.png`, fullPage: false });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // PDF (A4) download: pdftotext finds every host and value.
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PDF (A4)' }).click()]);
  expect(pdf.suggestedFilename()).toBe('acme-corporation-acme.com.pdf');
  const pdfFile = path.join(home, 'dl.pdf');
  await pdf.saveAs(pdfFile);
  const text = execFileSync('pdftotext', ['-raw', pdfFile, '-'], { encoding: 'utf8' });
  for (const literal of [DKIM_HOST, '20240817055129pm._domainkey', DKIM_VALUE, 'pm-bounces.acme.com', 'pm.mtasv.net', 'Cloudflare', 'Northwind Mailer'])
    expect(text).toContain(literal);

  // Zone file after choosing a provider by hand.
  await page.getByLabel('DNS provider').selectOption('route53');
  await expect(dkim).toContainText('"k=rsa;');
  const [zone] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Zone file' }).click()]);
  expect(zone.suggestedFilename()).toBe('acme-corporation-acme.com.zone');
  const zoneText = fs.readFileSync((await zone.path())!, 'utf8');
  expect(zoneText).toMatch(new RegExp(`^${DKIM_HOST.replace(/\./g, '\\.')}\\.\\s+3600\\s+IN\\s+TXT\\s+"k=rsa;`, 'm'));
  expect(zoneText).toMatch(/^pm-bounces\.acme\.com\.\s+3600\s+IN\s+CNAME\s+pm\.mtasv\.net\.$/m);

  // Sidebar → Sheets: bulk zip of tenants awaiting DNS; Beta Labs has no Postmark domain and is listed as skipped.
  await page.getByRole('link', { name: /^Sheets/ }).click();
  await page.getByLabel('Format').selectOption('zone');
  const [zip] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export zip' }).click()]);
  expect(zip.suggestedFilename()).toMatch(/^dns-sheets-zone-\d{4}-\d{2}-\d{2}\.zip$/);
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /\d+/);
  await expect(page.getByRole('status').filter({ hasText: '1 sheet(s)' })).toBeVisible();
  await expect(page.getByText('Beta Labs (beta.io)')).toBeVisible();
  const listing = execFileSync('unzip', ['-l', (await zip.path())!], { encoding: 'utf8' });
  expect(listing).toContain('acme-corporation-acme.com.zone');
  await page.screenshot({ path: '/tmp/behalf-sheets-bulk.png' });
});
