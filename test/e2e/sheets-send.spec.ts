import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { createPostmarkGateway } from '../../src-main/postmark';
import { startPostmarkSimulator, type PostmarkSimulator } from '../support/postmark-sim';
import { startHostProcess, type HostProcess } from './support/host';

const CLI = path.resolve('out/main/cli.js');
const DKIM_VALUE =
  'k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDNPP40a335ptE8gpHCc3hmJ0mZcqVtDMUn5hQbb7ELWb5FLqRUDVgGY/d1KuR/C3otVODwKYJOqce7+2Z0XrudKO2VoO9l4iaAm1OKZfklUOOUXv5pcdvBVHuE01dEMMFE/oVBpi6xpt84L0GRSiSey62VdyXdSlUdO2T15A/ORwIDAQAB';

let host: HostProcess | undefined;
let sim: PostmarkSimulator | undefined;
test.afterEach(async () => {
  await host?.stop();
  await sim?.close();
});

/** One option-1 tenant awaiting DNS with the Postmark domain row the outbox would have written. */
function prepareLedger(): { home: string; tenantId: string } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-sheet-send-'));
  const acme = JSON.parse(
    execFileSync(
      process.execPath,
      [CLI, 'tenants', 'add', '--home', home, '--name', 'Acme Corporation', '--domain', 'acme.test', '--contact-name', 'Jordan Lee', '--option', '1', '--json'],
      { encoding: 'utf8' },
    ),
  ) as { id: string };
  const db = new Database(path.join(home, 'ledger.sqlite'));
  const now = new Date().toISOString();
  db.prepare(`UPDATE tenants SET status = 'awaiting-dns'`).run();
  db.prepare(
    `INSERT INTO postmark_objects (tenant_id, kind, postmark_id, name, name_lc, details_json, created_at, updated_at) VALUES (?, 'domain', 501, 'acme.test', 'acme.test', ?, ?, ?)`,
  ).run(
    acme.id,
    JSON.stringify({
      ID: 501,
      Name: 'acme.test',
      DKIMHost: '',
      DKIMTextValue: '',
      DKIMPendingHost: '20240817055129pm._domainkey.acme.test',
      DKIMPendingTextValue: DKIM_VALUE,
      ReturnPathDomain: 'pm-bounces.acme.test',
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

test('Email to the IT contact: the preflight says what is missing before the dialog, Settings pick the server, then the email arrives with the PDF', async ({
  page,
}) => {
  sim = await startPostmarkSimulator();
  const gw = createPostmarkGateway({ accountToken: sim.accountToken, endpoint: sim.url });
  const server = await gw.createServer({ Name: 'Northwind transactional' });
  sim.confirmSender((await gw.createSender({ FromEmail: 'dns-help@northwind.test', Name: 'Northwind' })).ID);

  const { home, tenantId } = prepareLedger();
  host = await startHostProcess({ home, env: { BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken, BEHALF_DNS_SERVERS: '127.0.0.1:9' } });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  await page.goto(`${host.origin}/#/tenants/${tenantId}/sheets`);
  await page.getByLabel('DNS provider').selectOption('godaddy');

  // Not set up yet: the preflight lists what is missing, with the fix, before anything is typed; nothing is sent.
  await page.getByRole('button', { name: 'Email to Jordan Lee…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Email the DNS sheet to Jordan Lee' });
  const steps = dialog.getByRole('list', { name: 'Before the sheet can be emailed' });
  await expect(steps).toContainText('A server of the vendor sends the sheets: No server is chosen.');
  await expect(steps).toContainText('Postmark accepts the From address: No From address is set.');
  await expect(dialog.getByLabel("Send to (the customer's IT contact, or whoever edits their DNS)")).toHaveCount(0);
  expect(sim.state.messages).toHaveLength(0);
  await dialog.getByRole('link', { name: 'Open Settings' }).click();

  // Settings → Sheets by email: the server comes from a picker of the account's servers.
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Check sending' }).click();
  // The picker replaces the ID box only once Postmark has listed the servers; wait for it, not for the box.
  await expect(page.getByRole('combobox', { name: 'Server for sheets' })).toBeVisible();
  await page.getByLabel('Server for sheets').selectOption({ label: `Northwind transactional — ID ${server.ID}` });
  await page.getByLabel('From address for sheets').fill('dns-help@northwind.test');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: settings' })).toBeVisible();
  await page.getByRole('button', { name: 'Check sending' }).click();
  const check = page.getByRole('list', { name: 'Sheet sending check' });
  await expect(check).toContainText(`A server of the vendor sends the sheets: Northwind transactional (ID ${server.ID})`);
  await expect(check).toContainText('Postmark accepts the From address: dns-help@northwind.test is a confirmed sender signature.');
  await page.getByRole('heading', { name: 'Sheets by email' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/behalf-settings-sheets.png' });

  await page.goto(`${host.origin}/#/tenants/${tenantId}/sheets`);
  await page.getByLabel('DNS provider').selectOption('godaddy');
  await page.getByRole('button', { name: 'Email to Jordan Lee…' }).click();
  const to = dialog.getByLabel("Send to (the customer's IT contact, or whoever edits their DNS)");
  await expect(to).toBeFocused();
  await to.fill('it@acme.test');
  await dialog.getByLabel('Note (optional, shown above the sheet)').fill('Hi Sam, these two records are all we need.');
  await page.screenshot({ path: '/tmp/behalf-sheets-send-dialog.png' });
  await dialog.getByRole('button', { name: 'Send' }).click();
  await expect(dialog.getByRole('status')).toContainText('went to it@acme.test from dns-help@northwind.test, with acme-corporation-acme.test.pdf attached');
  await page.screenshot({ path: '/tmp/behalf-sheets-send-done.png' });

  expect(sim.state.messages).toHaveLength(1);
  const mail = sim.state.messages[0]!;
  expect(mail.serverId).toBe(server.ID);
  expect(mail.To.map((r) => r.Email)).toEqual(['it@acme.test']);
  expect(mail.Attachments).toEqual(['acme-corporation-acme.test.pdf']);
  expect(mail.HtmlBody).toContain(DKIM_VALUE);
  expect(mail.HtmlBody).toContain('GoDaddy');
  expect(mail.HtmlBody).toContain('Hi Sam, these two records are all we need.');
  await expect(dialog.getByRole('status')).toContainText(mail.MessageID);

  // Recorded in the tenant's Activity, in words; focus went back to the button that opened the dialog.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: 'Email to Jordan Lee…' })).toBeFocused();
  await page.getByRole('tab', { name: 'Activity' }).click();
  await expect(page.getByRole('list', { name: 'Activity' })).toContainText('DNS sheet emailed');
  await expect(page.getByRole('list', { name: 'Activity' })).toContainText('DNS sheet sent to it@acme.test from dns-help@northwind.test');
});
