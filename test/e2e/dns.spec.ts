import Database from 'better-sqlite3';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startNsd, type NsdServer } from '../support/nsd';
import { DRIFT_V1, DRIFT_V2, KEY_1024, MAIN_ZONES, dkimValue } from '../support/nsd/zoneFixtures';
import { startHostProcess, type HostProcess } from './support/host';
import { shootBothThemes } from './support/shots';

let host: HostProcess | undefined;
let nsd: NsdServer | undefined;
test.afterEach(async () => {
  await host?.stop();
  await nsd?.stop();
});

/** Same-origin RPC from the signed-in page (the host requires its cookie, Origin and this tab's page token). */
async function rpc<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const r = await page.evaluate(
    async ([c, i]) =>
      (
        await fetch(`/rpc/${c}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-behalf-session': sessionStorage.getItem('behalf.pageToken') ?? '' },
          body: JSON.stringify(i),
        })
      ).json(),
    [channel, input] as const,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

const shoot = (page: Page, name: string) => shootBothThemes(page, `behalf-dns-${name}`, { fullPage: false });

test('DNS tab shows observed vs expected with causes and the option-2 verdict; bulk recheck shows progress, causes and drift', async ({ page }) => {
  nsd = await startNsd({ zones: { ...MAIN_ZONES, 'drift.test': DRIFT_V1 } });
  host = await startHostProcess({ env: { BEHALF_DNS_SERVERS: nsd.server, BEHALF_DNS_AUTHORITATIVE_PORT: String(nsd.port) } });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Tenants', exact: true })).toBeVisible();

  const rejecting = await rpc<{ id: string }>(page, 'tenants.create', {
    name: 'Rejecting Co',
    domain: 'reject.test',
    option: 2,
    fromAddress: 'news@reject.test',
  });
  await rpc(page, 'tenants.create', { name: 'Clean Co', domain: 'good.test', option: 3 });
  const broken = await rpc<{ id: string }>(page, 'tenants.create', { name: 'Broken Co', domain: 'broken.test', option: 1 });
  const drifty = await rpc<{ id: string }>(page, 'tenants.create', { name: 'Drift Co', domain: 'drift.test', option: 2 });
  // What provisioning leaves behind: Broken Co's Postmark domain expects a key other than the one published.
  const db = new Database(path.join(host.home, 'ledger.sqlite'));
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO postmark_objects (tenant_id, kind, postmark_id, name, name_lc, details_json, created_at, updated_at) VALUES (?, 'domain', 77, 'broken.test', 'broken.test', ?, ?, ?)`,
  ).run(
    broken.id,
    JSON.stringify({ DKIMPendingHost: 'mismatch._domainkey.broken.test', DKIMPendingTextValue: dkimValue(KEY_1024), ReturnPathDomain: 'nodot.broken.test' }),
    now,
    now,
  );
  db.close();

  // Option 2 on a p=reject domain: the verdict box says it will fail, with the policy.
  await page.goto(`${host.origin}/#/tenants/${rejecting.id}/dns`);
  await expect(page.getByText('Not checked yet')).toBeVisible();
  await page.getByRole('button', { name: 'Check now' }).first().click();
  const verdict = page.getByTestId('option2-verdict');
  await expect(verdict).toContainText('Option 2: ✕unsafe: DMARC fails → rejected');
  await expect(verdict).toContainText('p=reject on reject.test');
  await expect(page.getByTestId('dns-row-dmarc')).toContainText('v=DMARC1; p=reject; rua=mailto:d@reject.test');
  await verdict.scrollIntoViewIfNeeded();
  await shoot(page, 'option2');

  // Option 1 with a wrong key and a CNAME without its trailing dot: observed vs expected, cause, fix.
  await page.goto(`${host.origin}/#/tenants/${broken.id}/dns`);
  await page.getByRole('button', { name: 'Check now' }).first().click();
  const dkim = page.getByTestId('dns-row-dkim');
  await expect(dkim).toContainText('dkim-mismatch');
  await expect(dkim).toContainText('wrong value');
  // An informational record that is absent is neutral, never "✓ ok" beside "No MX records".
  await expect(page.getByTestId('dns-row-mx').locator('.status')).toHaveText('inone found');
  await expect(dkim.locator('.dns-vrow').filter({ hasText: 'expected' })).toContainText(dkimValue(KEY_1024).slice(0, 40));
  await expect(dkim.getByRole('button', { name: 'Copy expected dkim' })).toBeVisible();
  await expect(page.getByTestId('dns-row-return-path')).toContainText('cname-wrong-target');
  await expect(page.getByTestId('dns-row-return-path')).toContainText('pm.mtasv.net.broken.test');
  await expect(page.getByRole('table', { name: 'Check history' }).getByRole('row')).toHaveCount(2);
  await shoot(page, 'tab');
  await page.getByRole('table', { name: 'Check history' }).scrollIntoViewIfNeeded();
  await shoot(page, 'tab-lower');

  // Bulk recheck of every tenant: progress to the end, results grouped by cause.
  await page.getByRole('link', { name: /DNS checks/ }).click();
  await expect(page.getByText('No recheck run yet')).toBeVisible();
  await page.getByRole('button', { name: 'Recheck all tenants' }).click();
  const bar = page.getByTestId('bulk-progress').getByRole('progressbar');
  await expect(bar).toHaveAttribute('aria-valuenow', '4');
  await expect(bar).toHaveAttribute('aria-valuemax', '4');
  await expect(page.getByTestId('bulk-progress')).toContainText('Finished — 4 / 4 (100%)');
  await expect(page.getByTestId('bulk-group-option2-will-fail')).toContainText('Rejecting Co');
  await expect(page.getByTestId('bulk-group-option2-will-fail')).toContainText('1 tenant');
  await expect(page.getByTestId('bulk-group-dkim-mismatch')).toContainText('Broken Co');
  await expect(page.getByTestId('bulk-group-ok')).toContainText('Clean Co');
  await expect(page.getByTestId('bulk-drift')).toHaveCount(0);

  // The customer tightens DMARC and pushes SPF over 10 lookups: the next recheck flags drift.
  await nsd.reload({ ...MAIN_ZONES, 'drift.test': DRIFT_V2 });
  await page.getByRole('button', { name: 'option 2' }).click();
  await page.getByRole('button', { name: 'Recheck matching tenants' }).click();
  await expect(page.getByTestId('bulk-progress')).toContainText('Finished — 2 / 2 (100%)');
  const drift = page.getByTestId('bulk-drift');
  await expect(drift).toContainText('Drift Co');
  await expect(drift).toContainText('dmarc-tightened');
  await expect(drift).toContainText('DMARC went from none to reject');
  await expect(page.getByTestId('bulk-group-option2-will-fail')).toContainText('2 tenants');
  await shoot(page, 'bulk');

  // The tenant's own tab shows the same drift on its latest check.
  await page.goto(`${host.origin}/#/tenants/${drifty.id}/dns`);
  await expect(page.getByRole('list', { name: 'Drift since the previous check' })).toContainText('dmarc-tightened');
  await expect(page.getByRole('table', { name: 'Check history' })).toContainText('2 changes: spf-over-limit, dmarc-tightened');
});
