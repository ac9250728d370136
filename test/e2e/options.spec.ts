import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
import { startHostProcess, type HostProcess } from './support/host';

let host: HostProcess | undefined;
test.afterEach(async () => host?.stop());

async function setVendor(page: Page) {
  await page.getByRole('link', { name: /Settings/ }).click();
  await page.getByLabel('Vendor name').fill('Sendly');
  await page.getByLabel('Vendor sending domain').fill('sendly.com');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
}

async function addTenant(page: Page, name: string, domain: string, from: string) {
  await page.getByRole('link', { name: /Tenants/ }).click();
  await page.getByRole('button', { name: 'Add a tenant' }).click();
  await page.getByLabel('Customer name').fill(name);
  await page.getByLabel('Primary domain').fill(domain);
  await page.getByLabel('From address').fill(from);
  await page.getByRole('button', { name: 'Add tenant', exact: true }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

/** Opens the switch plan for `to`, checks it names what it must, confirms, and waits for the header badge. */
async function switchTo(page: Page, to: 1 | 2 | 3, expectInPlan: RegExp[], confirmName: string) {
  await page
    .getByTestId(`option-card-${to}`)
    .getByRole('button', { name: `Choose option ${to}` })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('switch-plan')).toBeVisible();
  for (const re of expectInPlan) await expect(dialog).toContainText(re);
  await dialog.getByRole('button', { name: confirmName }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.page-head .opt')).toHaveText(String(to));
  await expect(page.getByTestId(`option-card-${to}`).getByRole('button', { name: `On option ${to}` })).toBeDisabled();
}

test('compare options, choose 2, switch 2 → 1 → 3 with a plan each time, and see it all in Activity', async ({ page }) => {
  host = await startHostProcess();
  await page.goto(host.url);
  await setVendor(page);
  await addTenant(page, 'Acme Inc', 'acme.com', 'support@acme.com');

  await page.getByRole('tab', { name: 'Options' }).click();
  for (const n of [1, 2, 3]) await expect(page.getByTestId(`option-card-${n}`)).toBeVisible();
  const rec = page.getByRole('region', { name: 'Recommendation' });
  await expect(rec).toContainText('Recommended for Acme Inc: option 1');
  await expect(rec.getByText('DNS not checked yet')).toBeVisible();
  await expect(page.getByTestId('option-card-2').getByLabel('Gmail preview')).toContainText('Acme Inc <support@acme.com> via pm.mtasv.net');
  await expect(page.getByTestId('option-card-2').getByLabel('Outlook preview')).toContainText('pm_bounces@pm.mtasv.net on behalf of Acme Inc');
  await expect(page.getByTestId('option-card-2')).toContainText('DMARC not checked');
  await expect(page.getByTestId('option-card-3').getByLabel('Gmail preview')).toContainText('Acme Inc via Sendly <acme@sendly.com>');

  await switchTo(page, 2, [/Created in Postmark[\s\S]*Sender signature support@acme\.com/, /not DMARC-aligned/], 'Choose option 2 for Acme Inc');
  await switchTo(
    page,
    1,
    [/Switch Acme Inc from option 2 to option 1/, /Sender signature support@acme\.com/, /CNAME pm-bounces\.acme\.com → pm\.mtasv\.net/],
    'Switch Acme Inc to option 1',
  );
  await switchTo(
    page,
    3,
    [/This overrides the recommendation \(option 1\)/, /Postmark domain acme\.com/, /may delete[\s\S]*pm-bounces\.acme\.com/, /vendor address/],
    'Switch Acme Inc to option 3',
  );

  // option 3: display name presets with live checks
  const lab = page.getByRole('region', { name: 'Option 3 display name' });
  await expect(lab.getByTestId('built-from')).toHaveText('Acme Inc via Sendly <acme@sendly.com>');
  await lab.getByRole('radio', { name: 'Vendor for Customer' }).click();
  await expect(lab.getByTestId('built-from')).toHaveText('Sendly for Acme Inc <acme@sendly.com>');
  await lab.getByRole('radio', { name: 'Custom', exact: true }).click();
  await lab.getByLabel('Custom display name').fill('Acme Inc <billing@acme.com>');
  await expect(lab.getByRole('list', { name: 'Display name issues' })).toContainText('blocks');
  await lab.getByLabel('Custom display name').fill('Acme Billing');
  await expect(lab.getByTestId('built-from')).toHaveText('Acme Billing <acme@sendly.com>');
  await expect(lab).toContainText('support@acme.com');

  await page.getByRole('tab', { name: 'Activity' }).click();
  // Activity speaks in words: never "updated option ∅ → 2".
  const trail = page.getByRole('list', { name: 'Activity' });
  const changes = trail.getByRole('listitem').filter({ hasText: 'Sending option changed' });
  await expect(changes).toHaveCount(3);
  await expect(changes.nth(0)).toContainText('from option 1 to option 3');
  await expect(changes.nth(1)).toContainText('from option 2 to option 1');
  await expect(changes.nth(2)).toContainText('set to option 2');
  await expect(trail).not.toContainText('∅');
  await expect(trail.getByRole('listitem').filter({ hasText: 'Option chosen' })).toHaveCount(3);
  await expect(trail.getByText(/option 3 chosen, overriding the recommendation of option 1/)).toBeVisible();
});

test('a p=reject DNS check makes option 2 unsafe; screenshots in both themes', async ({ page }) => {
  host = await startHostProcess();
  await page.goto(host.url);
  await setVendor(page);
  await addTenant(page, 'Globex', 'globex.com', 'hello@globex.com');
  const id = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
  // The DNS check engine writes this row; seeding it keeps the test off the network.
  const db = new Database(path.join(host.home, 'ledger.sqlite'));
  db.prepare(`INSERT INTO dns_checks (tenant_id, domain, checked_at, status, report_json) VALUES (?, 'globex.com', '2026-01-02T10:00:00.000Z', 'ok', ?)`).run(
    id,
    JSON.stringify({ dmarc: { applied: 'reject', p: 'reject' }, option2: { verdict: 'will-fail', reason: 'p=reject on globex.com' } }),
  );
  db.close();

  await page.getByRole('tab', { name: 'Options' }).click();
  const card2 = page.getByTestId('option-card-2');
  await expect(card2).toContainText('DMARC fails → rejected');
  await expect(card2).toContainText('unsafe');
  await expect(page.getByRole('region', { name: 'Recommendation' })).toContainText('DNS check of globex.com');

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `/tmp/behalf-options-${scheme}.png`, fullPage: false });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('region', { name: 'Option 3 display name' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/behalf-options-lab.png' });
  await page.getByTestId('option-card-2').getByRole('button', { name: 'Choose option 2' }).click();
  await expect(page.getByRole('dialog')).toContainText('not DMARC-aligned');
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('The advisor judges option 2 unsafe for Globex');
  await expect(page.getByRole('dialog')).toContainText('This overrides the recommendation (option 1)');
  await page.screenshot({ path: '/tmp/behalf-options-plan.png' });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('link', { name: /Options/ }).click();
  await expect(page.getByRole('heading', { name: 'Options', exact: true })).toBeVisible();
  await page.screenshot({ path: '/tmp/behalf-options-area.png' });
});
