import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startHostProcess, type HostProcess } from './support/host';

let host: HostProcess | undefined;
test.afterEach(async () => host?.stop());

/** Tenants written by the CLI before the host starts (the host reads the ledger when it starts). */
function seededHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-palette-'));
  const add = (name: string, domain: string, option: string) =>
    execFileSync(process.execPath, ['out/main/cli.js', 'tenants', 'add', '--name', name, '--domain', domain, '--option', option, '--home', home]);
  add('Acme Outdoor', 'acme-outdoor.example', '1');
  add('Bluebird Bakery', 'bluebird.example', '2');
  add('Cobalt Clinics', 'cobalt-clinics.example', '1');
  return home;
}

test('Ctrl+K finds a tenant by name and Enter opens it; arrows, Escape and actions work', async ({ page }) => {
  // DNS answered at once by a closed loopback port (refused), so "Check DNS" finishes fast and offline.
  host = await startHostProcess({ home: seededHome(), env: { BEHALF_DNS_SERVERS: '127.0.0.1:9', BEHALF_DNS_AUTHORITATIVE_PORT: '9' } });
  await page.goto(host.url);
  await expect(page.getByTestId('tenant-row-acme-outdoor.example')).toBeVisible();

  await page.keyboard.press('Control+K');
  const dialog = page.getByRole('dialog', { name: 'Command palette' });
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole('combobox');
  await expect(box).toBeFocused();
  // With no query: areas and actions, the first one active.
  await expect(dialog.getByRole('option', { name: /DNS checks/ })).toBeVisible();
  await expect(box).toHaveAttribute('aria-activedescendant', 'palette-option-0');
  await page.keyboard.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-activedescendant', 'palette-option-1');
  await expect(dialog.getByRole('option', { selected: true })).toHaveCount(1);

  // Escape closes without doing anything.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Tenants', exact: true })).toBeVisible();

  // A tenant by name: Enter opens its page.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('bluebird');
  await expect(dialog.getByRole('option', { name: 'Bluebird Bakery bluebird.example' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Bluebird Bakery' })).toBeVisible();
  await expect(dialog).toHaveCount(0);

  // By domain, Enter typed at once (before the search answers) still opens the tenant, not an area.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('cobalt-clinics');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Cobalt Clinics' })).toBeVisible();

  // A tenant's own actions: "cobalt provision" opens Cobalt's Postmark tab; "… check dns" runs the check there.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('cobalt provision');
  await expect(dialog.getByRole('option', { name: /Cobalt Clinics: Provision/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Postmark', selected: true })).toBeVisible();
  await page.keyboard.press('Control+K');
  await page.keyboard.type('acme check dns');
  await expect(dialog.getByRole('option', { name: /Acme Outdoor: Check DNS/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'DNS', selected: true })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Check history' })).toBeVisible();

  // An area, fuzzily.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('dmrc');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'DMARC', exact: true })).toBeVisible();

  // An action from another screen: the Add tenant dialog opens on the tenants list.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('add tenant');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: /Add tenant/i })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Tenants', exact: true })).toBeVisible();
});
