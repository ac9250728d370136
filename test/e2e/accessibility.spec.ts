import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { axeFindings, blocking, countByImpact, describeFindings, type Finding } from './support/axe';
import { startDemoLedger, type DemoLedger } from './support/demo-ledger';
import { startHostProcess, type HostProcess } from './support/host';

/**
 * axe-core over every area and every tenant tab of the demo ledger, in both themes, with the dialogs open (add
 * tenant, import CSV with its preview, switch plan, send a sheet to a teammate, DMARC import with its result,
 * the command palette). It fails on any critical or serious finding (and on heading-order), printing each one:
 * rule, screen, element and what axe says to change. The first test is the control: a known-bad element planted
 * in the running console must be reported, so the suite cannot pass by not looking.
 */
// Screens wait on the simulator and nsd, and axe itself takes seconds on the DMARC charts: patient waits.
const expect = baseExpect.configure({ timeout: 20_000 });
let demo: DemoLedger;
let host: HostProcess | undefined;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(300_000);
  demo = await startDemoLedger();
});
test.afterAll(async () => demo?.stop());
test.afterEach(async () => host?.stop());

const AREAS = [
  { id: 'tenants', heading: 'Tenants' },
  { id: 'options', heading: 'Options' },
  { id: 'provisioning', heading: 'Provisioning' },
  { id: 'dns', heading: 'DNS checks' },
  { id: 'sheets', heading: 'Sheets' },
  { id: 'sends', heading: 'Test sends' },
  { id: 'dmarc', heading: 'DMARC' },
  { id: 'health', heading: 'Health' },
  { id: 'dkim', heading: 'DKIM keys' },
  { id: 'settings', heading: 'Settings' },
  { id: 'alerts', heading: 'Alerts' },
] as const;
const SHOTS = new Set([
  'area tenants',
  'area settings',
  'area dmarc, acme-outdoor.example',
  'Cobalt Clinics → Options',
  'Cobalt Clinics → DNS',
  'Bluebird Bakery → Test sends',
  'dialog Switch plan',
  'dialog Import CSV with its preview',
]);
const TABS = ['overview', 'options', 'postmark', 'dns', 'sheets', 'sends', 'dmarc', 'health', 'activity'] as const;
const TAB_LABEL: Record<(typeof TABS)[number], string> = {
  overview: 'Overview',
  options: 'Options',
  postmark: 'Postmark',
  dns: 'DNS',
  sheets: 'Sheets',
  sends: 'Test sends',
  dmarc: 'DMARC',
  health: 'Health',
  activity: 'Activity',
};

async function signIn(page: Page): Promise<HostProcess> {
  const h = await startHostProcess({ home: demo.home, env: demo.env });
  await page.goto(h.url);
  await expect(page.getByRole('heading', { name: 'Tenants', exact: true })).toBeVisible();
  await expect(page.getByTestId('tenant-row-cobalt-clinics.example')).toBeVisible();
  return h;
}

/** Waits until a screen has settled (no "Loading…" or skeleton left), so axe judges what a person reads. */
async function settled(page: Page) {
  await expect(page.locator('.page').first()).toBeVisible();
  await expect(page.getByText(/^(Loading|Building the sheet)…$/)).toHaveCount(0);
  await expect(page.locator('.skeleton')).toHaveCount(0);
}

test('control: a low-contrast line and a list item outside a list, planted in the console, are reported', async ({ page }) => {
  host = await signIn(page);
  const clean = (await axeFindings(page, 'tenants')).filter(blocking);
  await page.evaluate(() => {
    const main = document.querySelector('main')!;
    const faint = document.createElement('p');
    faint.id = 'planted-faint';
    faint.textContent = 'Faint text nobody can read';
    faint.style.cssText = 'color:#c8c8c8;background:#ffffff;font-size:13px';
    const stray = document.createElement('li');
    stray.id = 'planted-stray';
    stray.textContent = 'A list item outside any list';
    main.prepend(faint, stray);
  });
  const planted = (await axeFindings(page, 'tenants + planted')).filter(blocking);
  const rules = planted.filter((f) => f.target.includes('#planted-')).map((f) => `${f.rule} ${f.target}`);
  expect(rules, describeFindings(planted)).toEqual(expect.arrayContaining(['color-contrast #planted-faint', 'listitem #planted-stray']));
  expect(planted.length).toBeGreaterThanOrEqual(clean.length + 2);
  expect(describeFindings(planted)).toMatch(/\[serious\] color-contrast on tenants \+ planted: .*\n {4}target: #planted-faint\n {4}Fix any of the following:/);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`${scheme} theme: no critical or serious finding on any area, tenant tab or open dialog`, async ({ page }) => {
    test.setTimeout(600_000);
    await page.emulateMedia({ colorScheme: scheme });
    host = await signIn(page);
    const all: Finding[] = [];
    const judge = async (screen: string) => {
      await settled(page);
      const started = Date.now();
      const found = await axeFindings(page, `${screen} (${scheme})`);
      console.log(`[a11y] ${screen} (${scheme}): ${countByImpact(found)} (${Date.now() - started} ms)`);
      all.push(...found);
      // A picture of the screens where the colours matter most, to look at after a change of tokens.
      if (SHOTS.has(screen)) await page.screenshot({ path: `/tmp/behalf-a11y-${screen.replace(/\W+/g, '-').toLowerCase()}-${scheme}.png` });
    };

    // A new area or tenant tab must be added to the lists above: the suite covers what the console shows.
    await expect(page.getByRole('navigation', { name: 'Areas' }).locator('a.nav-item')).toHaveText(AREAS.map((a) => new RegExp(`^${a.heading}`)));
    for (const area of AREAS) {
      await page.goto(`${host.origin}/#/${area.id}`);
      await expect(page.getByRole('heading', { name: area.heading, exact: true, level: 1 })).toBeVisible();
      await judge(`area ${area.id}`);
    }
    // The DNS checks page after a bulk recheck: progress, results grouped by cause.
    await page.goto(`${host.origin}/#/dns`);
    await page.getByRole('button', { name: 'Recheck all tenants' }).click();
    await expect(page.getByTestId('bulk-progress')).toContainText('Finished — 4 / 4 (100%)');
    await judge('area dns after a recheck');
    // The DMARC page on one domain: sources, charts, readiness.
    await page.goto(`${host.origin}/#/dmarc`);
    await page.getByLabel('Domain').selectOption('acme-outdoor.example');
    await expect(page.getByTestId('readiness-summary')).toBeVisible();
    await judge('area dmarc, acme-outdoor.example');

    // Every tab of a provisioned tenant, plus the tabs that look different before provisioning and on option 2.
    const cobalt = demo.ids['cobalt-clinics.example']!;
    await page.goto(`${host.origin}/#/tenants/${encodeURIComponent(cobalt)}/overview`);
    await expect(page.getByRole('tab')).toHaveText(TABS.map((t) => TAB_LABEL[t]));
    for (const tab of TABS) {
      await page.goto(`${host.origin}/#/tenants/${encodeURIComponent(cobalt)}/${tab}`);
      await expect(page.getByRole('tab', { name: TAB_LABEL[tab], selected: true })).toBeVisible();
      await judge(`Cobalt Clinics → ${TAB_LABEL[tab]}`);
    }
    const acme = demo.ids['acme-outdoor.example']!;
    for (const tab of ['postmark', 'sheets'] as const) {
      await page.goto(`${host.origin}/#/tenants/${encodeURIComponent(acme)}/${tab}`);
      await expect(page.getByRole('tab', { name: TAB_LABEL[tab], selected: true })).toBeVisible();
      await judge(`Acme Outdoor → ${TAB_LABEL[tab]}`);
    }
    const bluebird = demo.ids['bluebird.example']!;
    for (const tab of ['options', 'dns', 'sends'] as const) {
      await page.goto(`${host.origin}/#/tenants/${encodeURIComponent(bluebird)}/${tab}`);
      await expect(page.getByRole('tab', { name: TAB_LABEL[tab], selected: true })).toBeVisible();
      await judge(`Bluebird Bakery → ${TAB_LABEL[tab]}`);
    }

    // Dialogs, open.
    await page.goto(`${host.origin}/#/tenants`);
    await page.getByRole('button', { name: /^Add tenant/ }).click();
    await expect(page.getByRole('dialog', { name: /Add tenant/ })).toBeVisible();
    await judge('dialog Add tenant');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Import CSV' }).click();
    const csv = page.getByRole('dialog', { name: 'Import tenants from CSV' });
    await expect(csv).toBeVisible();
    await judge('dialog Import CSV');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-a11y-')), 'tenants.csv');
    fs.writeFileSync(file, 'name,domain,option\nEcho Events,echo-events.example,1\nFoxtrot Foods,foxtrot.example,\nBad Row,not a domain,7\n');
    await csv.getByLabel('CSV file').setInputFiles(file);
    await expect(csv.getByText(/line 4/i).first()).toBeVisible();
    await judge('dialog Import CSV with its preview');
    await page.keyboard.press('Escape');

    await page.goto(`${host.origin}/#/tenants/${encodeURIComponent(cobalt)}/options`);
    await page.getByRole('button', { name: 'Choose option 2' }).click();
    await expect(page.getByRole('dialog', { name: /Switch Cobalt Clinics from option 1 to option 2/ })).toBeVisible();
    await judge('dialog Switch plan');
    await page.keyboard.press('Escape');

    await page.goto(`${host.origin}/#/tenants/${encodeURIComponent(cobalt)}/sheets`);
    await page.getByRole('button', { name: 'Email to Cem Aydin…' }).click();
    const send = page.getByRole('dialog', { name: 'Email the DNS sheet to Cem Aydin' });
    // The preflight asks Postmark first; the form shows once the sending setup is confirmed.
    await expect(send.getByLabel(/Send to/)).toBeVisible({ timeout: 30_000 });
    await judge('dialog Send sheet to a teammate');
    await page.keyboard.press('Escape');

    await page.goto(`${host.origin}/#/dmarc`);
    const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-a11y-reports-'));
    const files = fs
      .readdirSync(path.join(demo.home, 'dmarc-reports'))
      .slice(0, 2)
      .map((n) => path.join(demo.home, 'dmarc-reports', n));
    fs.writeFileSync(path.join(reportDir, 'broken.xml'), '<feedback><report_metadata></feedback>');
    await page.getByLabel('Report files').setInputFiles([...files, path.join(reportDir, 'broken.xml')]);
    const result = page.getByRole('status', { name: 'Import result' });
    await expect(result.getByTestId('import-duplicates')).toHaveText('2');
    await judge('DMARC import result');

    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    await page.keyboard.type('cobalt');
    await expect(palette.getByRole('option', { name: /Cobalt Clinics/ }).first()).toBeVisible();
    await judge('dialog Command palette');

    const failing = all.filter(blocking);
    console.log(`[a11y] ${scheme}: ${countByImpact(all)} in total; ${failing.length} blocking`);
    const advisory = all.filter((f) => !blocking(f));
    if (advisory.length) console.log(`[a11y] not blocking (${scheme}):\n${describeFindings(advisory)}`);
    expect(failing, `axe findings to fix (${scheme} theme):\n${describeFindings(failing)}`).toEqual([]);
  });
}
