import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startPostgres, type PgCluster } from '../support/postgres/cluster';
import { cuttableProxy, TeamConsole } from '../support/team/consoles';
import { axeFindings } from './support/axe';
import { startHostProcess, type HostProcess } from './support/host';

/**
 * Team mode in the console (issue #19, items 2, 3 and 6): a browser-host console (Ben) on a real PostgreSQL
 * cluster sees a change Ann made in another console appear without a reload; the sidebar line follows the sync
 * state (in sync, offline since …); a conflict made while Ben was offline shows in Settings → Team and "Apply mine"
 * settles it for the whole team; the tenants table says who changed each tenant last.
 */
const PASSWORD = 'e2e-team-pw';
let cluster: PgCluster;
let proxy: Awaited<ReturnType<typeof cuttableProxy>>;
let ann: TeamConsole;
let ben: TeamConsole;
let host: HostProcess | undefined;
let acmeId = '';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  execFileSync(process.execPath, [path.resolve('scripts/ensure-built.mjs')], { stdio: 'ignore' });
  cluster = await startPostgres();
  await cluster.createTeamDatabase('team', 'behalf', PASSWORD);
  proxy = await cuttableProxy(cluster.port);
  ann = new TeamConsole('ann', { BEHALF_TEAM_PASSWORD: PASSWORD });
  ben = new TeamConsole('ben', { BEHALF_TEAM_PASSWORD: PASSWORD });
  acmeId = (await ann.json<{ id: string }>('tenants', 'add', '--name', 'Acme Outdoor', '--domain', 'acme-outdoor.example')).id;
  await ann.ok('tenants', 'add', '--name', 'Bluebird Bakery', '--domain', 'bluebird.example');
  await ann.ok('team', 'init', cluster.url({ user: 'behalf', password: PASSWORD, db: 'team' }), '--name', 'Ann Lee', '--email', 'ann@vendor.example');
  // Ben reaches the server through a proxy the test can cut (his console goes offline, and only his).
  await ben.ok(
    'team',
    'join',
    cluster.url({ user: 'behalf', password: PASSWORD, db: 'team', port: proxy.port }),
    '--name',
    'Ben Ito',
    '--email',
    'ben@vendor.example',
  );
});

test.afterAll(async () => {
  await host?.stop();
  await proxy?.close();
  ann?.destroy();
  ben?.destroy();
  cluster?.destroy();
});

async function shots(page: Page, name: string, target?: ReturnType<Page['locator']>) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await (target ?? page).screenshot({ path: `/tmp/behalf-team-${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test("another console's change appears without reload; offline, conflict and apply-mine from Settings → Team", async ({ page }) => {
  test.setTimeout(240_000);
  host = await startHostProcess({ home: ben.home, env: { BEHALF_TEAM_PASSWORD: PASSWORD } });
  await page.goto(host.url);
  const line = page.getByTestId('team-line');
  await expect(page.getByText('Acme Outdoor')).toBeVisible();
  await expect(line).toHaveText('team: in sync', { timeout: 20_000 });

  // Ann renames a tenant in her console and pushes: Ben's open page shows it, the page never reloaded.
  await page.evaluate(() => {
    (window as unknown as { samePage: boolean }).samePage = true;
  });
  await ann.ok('tenants', 'set', acmeId, '--name', 'Acme Outdoor Co');
  await ann.ok('team', 'sync');
  await expect(page.getByText('Acme Outdoor Co')).toBeVisible({ timeout: 20_000 });
  expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
  // The tenants table names who changed each tenant last (team mode's "Changed by" column).
  await expect(page.getByRole('columnheader', { name: 'Changed by' })).toBeVisible();
  await expect(page.getByTestId('tenant-row-acme-outdoor.example')).toContainText('Ann Lee');
  await shots(page, 'tenants');

  // Settings → Team: the server without its password, who Ben is, nothing waiting.
  await page.goto(`${host.origin}/#/settings`);
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Team', exact: true }) });
  await expect(card.getByTestId('team-status')).toContainText(`postgres://behalf@127.0.0.1:${proxy.port}/team`);
  await expect(card).not.toContainText(PASSWORD);
  await expect(card.getByLabel('Name')).toHaveValue('Ben Ito');
  await expect(card.getByText('No conflicts')).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await shots(page, 'card-in-sync', card);

  // Ben goes offline and edits the notes; Ann edits the same field meanwhile and reaches the server first.
  await proxy.cut();
  await expect(line).toContainText('team: offline since', { timeout: 30_000 });
  await ben.ok('tenants', 'set', acmeId, '--notes', 'Ben: call on Monday');
  // The edit and its audit row are two changes.
  await expect(line).toContainText('2 changes waiting', { timeout: 30_000 });
  await shots(page, 'offline', page.getByRole('navigation', { name: 'Areas' }));
  await ann.ok('tenants', 'set', acmeId, '--notes', 'Ann: wait for the DNS');
  await ann.ok('team', 'sync');

  // Back online: Ben's push meets Ann's edit. The conflict is shown, named, with both values.
  await proxy.restore();
  await expect(line).toContainText('1 conflict', { timeout: 30_000 });
  const conflict = card.getByRole('list', { name: 'Conflicts' }).getByRole('listitem');
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText('Ann Lee');
  await expect(conflict).toContainText('Ann: wait for the DNS');
  await expect(conflict).toContainText('Ben: call on Monday');
  await shots(page, 'card-conflict', card);
  // Both themes without a critical or serious accessibility finding, conflict and sidebar line included.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const blocking = (await axeFindings(page, `settings, team conflict (${scheme})`)).filter((f) => f.impact === 'critical' || f.impact === 'serious');
    expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Apply mine: the conflict closes, Ben's value goes to the team and reaches Ann.
  await conflict.getByRole('button', { name: 'Apply mine' }).click();
  await expect(card.getByText('No conflicts')).toBeVisible();
  await expect(line).toHaveText('team: in sync', { timeout: 30_000 });
  await ann.ok('team', 'sync');
  expect(ann.query<{ notes: string }>('SELECT notes FROM tenants WHERE id = ?', acmeId)).toEqual([{ notes: 'Ben: call on Monday' }]);

  // Ben changes how his name appears in the audit trail, from the card.
  await card.getByLabel('Name').fill('Ben Ito (support)');
  await card.getByRole('button', { name: 'Save name and e-mail' }).click();
  await expect(card.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect(
    JSON.parse(
      execFileSync(process.execPath, [path.resolve('out/main/cli.js'), 'team', 'status', '--json', '--home', ben.home], {
        encoding: 'utf8',
        env: { ...process.env, BEHALF_TEAM_PASSWORD: PASSWORD },
      }),
    ).operator,
  ).toEqual({ name: 'Ben Ito (support)', email: 'ben@vendor.example' });
});
