import { promises as dnsPromises } from 'node:dns';
import { expect, test, type Page } from '@playwright/test';
import { startNsd, type NsdServer } from '../support/nsd';
import { zone } from '../support/nsd/zoneFixtures';
import { startPostmarkSimulator, type PostmarkSimulator } from '../support/postmark-sim';
import { startHostProcess, type HostProcess } from './support/host';

/**
 * The header's chip once live: the lifecycle status, made worse by the DNS check a verify runs by itself. This
 * spec's host asks the machine's resolver, which does not know *.test, so the check may fail or not answer.
 */
const LIVE = /^(✓live|✕live · DNS failing|⚠live · DNS lookup failed)$/;

/**
 * Change of mind carried out in Postmark from the Options tab: a live option 2 tenant switches to option 1
 * (the domain is created at once, the signature waits until the domain verifies in nsd), then to option 3
 * (the domain goes at once, the server stays). Against the simulator over HTTP, DNS really resolved.
 */
let nsd: NsdServer;
let sim: PostmarkSimulator;
let host: HostProcess | undefined;

test.beforeAll(async () => {
  nsd = await startNsd({ zones: { 'switch.test': zone('switch.test', '') } });
  const resolver = new dnsPromises.Resolver();
  resolver.setServers([nsd.server]);
  sim = await startPostmarkSimulator({ resolver });
});
test.afterAll(async () => {
  await sim?.close();
  await nsd?.stop();
});
test.afterEach(async () => host?.stop());

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/behalf-switch-${name}.png`, fullPage: true });

test('live on option 2 → switch to 1 (signature removed once the domain verifies) → switch to 3 (domain removed, server kept)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  host = await startHostProcess({ env: { BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken } });
  await page.goto(host.url);
  await page.getByRole('link', { name: /Settings/ }).click();
  await page.getByLabel('Vendor name').fill('Sendly');
  await page.getByLabel('Vendor sending domain').fill('sendly.com');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  await page.getByRole('link', { name: /Tenants/ }).click();
  await page.getByRole('button', { name: 'Add a tenant' }).click();
  await page.getByLabel('Customer name').fill('Switch Co');
  await page.getByLabel('Primary domain').fill('switch.test');
  await page.getByLabel('From address').fill('hello@switch.test');
  await page.getByLabel('Sending option').selectOption('2');
  await page.getByRole('button', { name: 'Add tenant', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Switch Co' })).toBeVisible();

  // Option 2, live.
  await page.getByRole('tab', { name: 'Postmark' }).click();
  await page.getByRole('button', { name: 'Provision option 2' }).click();
  await expect(page.getByText('waiting for the confirmation click')).toBeVisible();
  const sender = sim.state.senders.find((s) => s.EmailAddress === 'hello@switch.test')!;
  sim.confirmSender(sender.ID);
  await page.getByRole('button', { name: 'Refresh confirmation' }).click();
  await expect(page.locator('.page-head .status')).toHaveText(LIVE);
  const serverIds = sim.state.servers.map((s) => s.ID);

  // 2 → 1: the plan, the button that says what it does, then what was queued and what waits.
  await page.getByRole('tab', { name: 'Options' }).click();
  await page.getByTestId('option-card-1').getByRole('button', { name: 'Choose option 1' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('switch-plan')).toContainText(/Sender signature hello@switch\.test — after the new domain verifies/);
  await expect(dialog.getByTestId('switch-plan')).toContainText(/Created in Postmark[\s\S]*Postmark domain switch\.test/);
  const confirm = dialog.getByRole('button', { name: 'Switch and queue 1 Postmark change (1 later)' });
  await expect(confirm).toBeEnabled();
  await shot(page, '2to1-plan');
  await confirm.click();
  const outcome = dialog.getByTestId('switch-outcome');
  await expect(outcome.getByRole('list', { name: 'Queued Postmark jobs' })).toContainText(/done\s*#\d+ Create the domain switch\.test/);
  await expect(outcome.getByRole('list', { name: 'Removals waiting' })).toContainText('Sender signature hello@switch.test — after the new domain verifies');
  await expect(outcome.getByRole('link', { name: /Postmark tab/ })).toHaveAttribute('href', /#\/tenants\/.+\/postmark$/);
  await shot(page, '2to1-outcome');
  expect(sim.state.domains.map((d) => d.Name)).toEqual(['switch.test']);
  expect(sim.state.senders.map((s) => s.EmailAddress)).toEqual(['hello@switch.test']);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.page-head .opt')).toHaveText('1');
  await expect(page.locator('.page-head .status')).toHaveText(/awaiting DNS$/);
  const pending = page.getByRole('region', { name: 'Removals waiting' });
  await expect(pending).toContainText('Sender signature hello@switch.test — after the new domain verifies');
  await pending.scrollIntoViewIfNeeded();
  await shot(page, '2to1-tab');

  // The customer publishes DKIM + Return-Path; Verify turns the tenant live and releases the signature's removal.
  await page.getByRole('tab', { name: 'Postmark' }).click();
  const key = sim.state.domains[0]!.pending!;
  const label = key.host.replace(/\.switch\.test$/, '');
  await nsd.reload({ 'switch.test': zone('switch.test', `${label} IN TXT "${key.value}"\npm-bounces IN CNAME pm.mtasv.net.`) });
  await page.getByRole('button', { name: 'Verify DKIM and Return-Path' }).click();
  await expect(page.locator('.page-head .status')).toHaveText(LIVE);
  await expect.poll(() => sim.state.senders.length).toBe(0);
  await page.getByRole('tab', { name: 'Options' }).click();
  await expect(page.getByTestId('option-card-1').getByRole('button', { name: 'On option 1' })).toBeDisabled();
  await expect(page.getByRole('region', { name: 'Removals waiting' })).toHaveCount(0);

  // 1 → 3: the domain goes now (the From switches to the vendor address with the option), the server stays.
  await page.getByTestId('option-card-3').getByRole('button', { name: 'Choose option 3' }).click();
  await expect(dialog.getByTestId('switch-plan')).toContainText(/Postmark domain switch\.test — now: recording option 3 moves the From to the vendor address/);
  await dialog.getByLabel('Option 3 display name').fill('Switch Co Team');
  await shot(page, '1to3-plan');
  await dialog.getByRole('button', { name: 'Switch and queue 1 Postmark change' }).click();
  await expect(outcome.getByRole('list', { name: 'Queued Postmark jobs' })).toContainText(/done\s*#\d+ Delete the domain switch\.test/);
  await expect(outcome).toContainText('Nothing waits.');
  await shot(page, '1to3-outcome');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('.page-head .opt')).toHaveText('3');
  await expect(page.locator('.page-head .status')).toHaveText(LIVE);
  expect(sim.state.domains).toEqual([]);
  expect(sim.state.servers.map((s) => s.ID)).toEqual(serverIds);
  await expect(page.getByTestId('option-card-3').getByLabel('Gmail preview')).toContainText('Switch Co Team via Sendly');
  await page.locator('.page-head').scrollIntoViewIfNeeded();
  await shot(page, '1to3-tab');

  // Every switch is in the audit trail with what it queued and what it deferred.
  await page.getByRole('tab', { name: 'Activity' }).click();
  const trail = page.getByRole('list', { name: 'Activity' });
  await expect(trail.getByRole('listitem').filter({ hasText: 'Option switched' })).toHaveCount(2);
  await expect(trail).toContainText(
    /option 2 → 1; queued: #\d+ Create the domain switch\.test; deferred: Sender signature hello@switch\.test after the new domain verifies/,
  );
  await expect(trail).toContainText(/option 1 → 3; queued: #\d+ Delete the domain switch\.test/);
  await expect(trail).toContainText(/Sender signature hello@switch\.test: the condition is met/);
});
