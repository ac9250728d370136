import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { ImapFlow } from 'imapflow';
import { startDovecot, type Dovecot } from '../support/dovecot/dovecot';
import { startPostmarkSimulator, type PostmarkSimulator } from '../support/postmark-sim';
import { startHostProcess, type HostProcess } from './support/host';

/**
 * Test sends from the console against the Postmark simulator over HTTP. The tenant is an option-2 tenant
 * provisioned through the real outbox (`behalf provision --run`), so its server and sender signature exist in
 * the simulator and are linked in postmark_objects exactly as provisioning leaves them.
 */
let sim: PostmarkSimulator;
let host: HostProcess | undefined;

test.beforeAll(async () => {
  sim = await startPostmarkSimulator();
});
test.afterAll(async () => sim?.close());
test.afterEach(async () => host?.stop());

/** The real CLI, asynchronously: the simulator lives in this process and must keep answering. */
async function cli(home: string, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.resolve('out/main/cli.js'), ...args, '--home', home], {
    env: { ...process.env, BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken },
    encoding: 'utf8',
  });
  return stdout;
}

async function bothThemes(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `/tmp/behalf-sends-${name}-${scheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const row = (page: Page, address: string) => page.getByTestId(`seed-status-${address}`);

test('option 2: refused while unconfirmed, then send to two seeds, see what Postmark knows (accepted by, bounced) without a click, and mark a seed spam', async ({
  page,
}) => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-sends-'));
  const tenant = JSON.parse(
    await cli(home, [
      'tenants',
      'add',
      '--name',
      'Beta Labs',
      '--domain',
      'beta.test',
      '--option',
      '2',
      '--from',
      'hello@beta.test',
      '--from-name',
      'Beta',
      '--json',
    ]),
  ) as { id: string };
  await cli(home, ['provision', '--tenant', tenant.id, '--run']);
  const sender = sim.state.senders.find((s) => s.EmailAddress === 'hello@beta.test')!;
  expect(sender.Confirmed).toBe(false);

  // A 1 s indexing window keeps the lost-answer part short; the simulator keeps its realistic search lag.
  host = await startHostProcess({ home, env: { BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken, BEHALF_POSTMARK_INDEX_WINDOW_S: '1' } });
  await page.goto(host.url);

  // Seed inboxes: one typed in, one from a CSV file.
  await page.getByRole('link', { name: /Test sends/ }).click();
  await expect(page.getByText('No seed inboxes yet')).toBeVisible();
  await page.getByLabel('Seed address').fill('beta.seed@gmail.test');
  await page.getByLabel('Provider label').fill('Gmail');
  await page.getByRole('button', { name: 'Add seed' }).click();
  await page
    .getByLabel('Seed CSV file')
    .setInputFiles({ name: 'seeds.csv', mimeType: 'text/csv', buffer: Buffer.from('address,provider,active\nbeta.seed@outlook.test,Outlook,yes\n') });
  await expect(page.getByText('Imported: 1 added, 0 updated.')).toBeVisible();
  const seeds = page.getByRole('table', { name: 'Seed inboxes' });
  await expect(seeds.getByRole('row')).toHaveCount(3);
  await bothThemes(page, 'seeds');

  // The tenant's Test sends tab: refused up front with the reason and the fix.
  await page.goto(`${host.origin}/#/tenants/${tenant.id}/sends`);
  await expect(page.getByRole('tab', { name: 'Test sends' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText(/hello@beta\.test is not confirmed yet/)).toBeVisible();
  await expect(page.getByText(/resend the confirmation from the Postmark tab/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send to 2 seeds' })).toBeDisabled();
  await bothThemes(page, 'refused');

  // The customer clicks Postmark's link; Behalf asks Postmark again and the From appears.
  sim.confirmSender(sender.ID);
  await page.getByRole('button', { name: 'Check again with Postmark' }).click();
  await expect(page.getByTestId('send-from')).toHaveText('Beta <hello@beta.test>');
  await expect(page.getByLabel('Preview')).toContainText('Behalf test: Beta Labs to Gmail');

  sim.setRecipientEvents('beta.seed@outlook.test', ['Bounced']);
  await page.getByRole('button', { name: 'Send to 2 seeds' }).click();
  await expect(row(page, 'beta.seed@gmail.test')).toContainText('sent');
  await expect(row(page, 'beta.seed@outlook.test')).toContainText('sent');
  // For a few minutes after a send the grid reads events by itself; nobody has looked in the inboxes yet.
  await expect(page.getByTestId('events-polling')).toContainText('reading events by itself until');
  await expect(row(page, 'beta.seed@gmail.test')).toContainText('not checked');
  expect(sim.state.messages.map((m) => [m.To[0]!.Email, m.Tag, m.Metadata.tenant_id])).toEqual([
    ['beta.seed@gmail.test', 'behalf-test', tenant.id],
    ['beta.seed@outlook.test', 'behalf-test', tenant.id],
  ]);

  // Postmark's search lags behind a send: first "not indexed yet", then Queued, then the events.
  await page.getByRole('button', { name: 'Refresh events' }).click();
  await expect(page.getByText(/2 not indexed by Postmark yet/)).toBeVisible();
  sim.elapse(sim.state.searchLagMs);
  await page.getByRole('button', { name: 'Refresh events' }).click();
  await expect(row(page, 'beta.seed@gmail.test')).toContainText('queued at Postmark');
  // No click: the grid polls Postmark on its own. Delivered says only what Postmark knows.
  sim.elapse(60_000);
  await expect(row(page, 'beta.seed@gmail.test')).toContainText('accepted by mx.gmail.test', { timeout: 25_000 });
  await expect(row(page, 'beta.seed@gmail.test')).not.toContainText('delivered');
  await expect(row(page, 'beta.seed@outlook.test')).toContainText('bounced');
  await expect(row(page, 'beta.seed@outlook.test')).toContainText('unable to deliver');
  await expect(page.getByTestId('events-polling')).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Test send history' }).getByRole('row')).toHaveCount(2);

  // Staff looked in the Gmail seed: it landed in spam. The grid and the history keep it.
  await page.getByLabel('Where beta.seed@gmail.test landed').selectOption('spam');
  await expect(row(page, 'beta.seed@gmail.test')).toContainText('in spam');
  await expect(page.getByRole('table', { name: 'Test send history' })).toContainText('1 in spam');
  await page.getByRole('button', { name: 'Refresh events' }).click();
  await expect(row(page, 'beta.seed@gmail.test')).toContainText('in spam');
  await bothThemes(page, 'grid');

  // The connection drops mid-send: Postmark may have it, so the send waits "confirming with Postmark" and goes
  // out again only after two searches past the indexing window both miss it.
  sim.faults.next({ drop: true, match: /^POST \/email/ });
  await page.getByLabel('Subject template').fill('Retry for {{tenant.name}}');
  await page.getByRole('button', { name: 'Send to 2 seeds' }).click();
  await expect(page.getByText(/1 test send\(s\) queued/)).toBeVisible();
  await expect(page.getByText(/Confirming with Postmark: the answer to attempt 1 was lost/)).toBeVisible();
  await expect(row(page, 'beta.seed@gmail.test')).toContainText('confirming with Postmark');
  await bothThemes(page, 'queued');
  await page.getByRole('table', { name: 'Test send history' }).screenshot({ path: '/tmp/behalf-sends-history-light.png' });
  // "Retry now" searches at once; the background runner also checks when the next search is due.
  await expect(async () => {
    const retryNow = page.getByRole('button', { name: 'Retry now' });
    if (await retryNow.isVisible()) await retryNow.click({ timeout: 1_000 }).catch(() => undefined);
    await expect(row(page, 'beta.seed@gmail.test')).toContainText('sent', { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  // The bounce made the Outlook seed inactive in Postmark: that seed is refused per recipient (406).
  await expect(row(page, 'beta.seed@outlook.test')).toContainText('inactive');
  await expect(page.getByText(/test send\(s\) queued/)).toHaveCount(0);
  expect(sim.state.messages.filter((m) => m.Subject === 'Retry for Beta Labs')).toHaveLength(1);
});

/** The receiving side: the accepted message, with the receiver's Authentication-Results, APPENDed to a folder. */
async function deliver(dove: Dovecot, folder: string, to: string, authResults: string): Promise<void> {
  const m = sim.state.messages.filter((x) => x.To.some((r) => r.Email === to)).at(-1)!;
  const token = m.Headers.find((h) => h.Name === 'X-Behalf-Test')!.Value;
  const client = new ImapFlow({
    host: dove.host,
    port: dove.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: dove.user, pass: dove.password },
    logger: false,
  });
  await client.connect();
  await client.append(
    folder,
    [
      `Authentication-Results: ${authResults}`,
      `From: ${m.From}`,
      `To: ${to}`,
      `Subject: ${m.Subject}`,
      `X-Behalf-Test: ${token}`,
      'Date: Thu, 03 Dec 2026 10:00:00 +0000',
      '',
      m.TextBody,
      '',
    ].join('\r\n'),
  );
  await client.logout();
}

test("seed mailboxes: placement and SPF/DKIM/DMARC as received, read from the seeds' IMAP mailboxes (dovecot), in the grid and the CLI", async ({ page }) => {
  test.setTimeout(120_000);
  const dove = await startDovecot({ junkFolder: 'Quarantine' });
  try {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-seedbox-'));
    const tenant = JSON.parse(
      await cli(home, [
        'tenants',
        'add',
        '--name',
        'Gamma Mail',
        '--domain',
        'gamma.test',
        '--option',
        '2',
        '--from',
        'hi@gamma.test',
        '--from-name',
        'Gamma',
        '--json',
      ]),
    ) as { id: string };
    await cli(home, ['provision', '--tenant', tenant.id, '--run']);
    sim.confirmSender(sim.state.senders.find((x) => x.EmailAddress === 'hi@gamma.test')!.ID);
    await cli(home, ['seeds', 'add', 'gamma.seed@gmail.test', '--provider', 'Gmail']);
    await cli(home, ['seeds', 'add', 'gamma.seed@outlook.test', '--provider', 'Outlook']);
    const box = ['--host', dove.host, '--port', String(dove.port), '--no-tls', '--user', dove.user];
    expect(await cli(home, ['seeds', 'mailbox', 'gamma.seed@gmail.test', ...box, '--authserv-id', 'mx.gmail.test'])).toContain(
      'trusting Authentication-Results from mx.gmail.test',
    );
    await cli(home, ['seeds', 'mailbox', 'gamma.seed@outlook.test', ...box, '--authserv-id', 'none']);

    host = await startHostProcess({
      home,
      env: { BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken, BEHALF_SEED_IMAP_PASSWORD: dove.password },
    });
    await page.goto(`${host.url}`);
    // The mailbox set from the CLI, seen in the console: the password is "kept", never shown.
    await page.getByRole('link', { name: /Test sends/ }).click();
    await page.getByRole('button', { name: 'Mailbox of gamma.seed@gmail.test' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('IMAP host')).toHaveValue(dove.host);
    await expect(dialog.getByLabel('Trusted authserv-id')).toHaveValue('mx.gmail.test');
    await expect(dialog.getByLabel('Password')).toHaveValue('');
    await expect(dialog).toContainText('Password: kept');
    expect(await page.content()).not.toContain(dove.password);
    await dialog.screenshot({ path: '/tmp/behalf-sends-mailbox-dialog-light.png' });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.goto(`${host.origin}/#/tenants/${tenant.id}/sends`);
    await page.getByRole('button', { name: 'Check again with Postmark' }).click(); // the customer confirmed meanwhile
    await page.getByRole('button', { name: 'Send to 2 seeds' }).click();
    await expect(row(page, 'gamma.seed@gmail.test')).toContainText('looking in the mailbox');
    await expect(page.getByTestId('seed-auth-gamma.seed@gmail.test')).toContainText('not read yet');

    // Gmail files it in the inbox, signed by the customer's domain; Outlook puts it in junk, DMARC failing.
    await deliver(
      dove,
      'INBOX',
      'gamma.seed@gmail.test',
      'mx.gmail.test; dkim=pass header.i=@gamma.test header.s=pm; spf=pass (domain of pm_bounces@pm.mtasv.net designates 50.31.156.6) smtp.mailfrom=pm_bounces@pm.mtasv.net; dmarc=pass (p=NONE) header.from=gamma.test',
    );
    await deliver(
      dove,
      'Quarantine',
      'gamma.seed@outlook.test',
      'spf=pass (sender IP is 50.31.156.6) smtp.mailfrom=pm.mtasv.net; dkim=pass (signature was verified) header.d=pm.mtasv.net;dmarc=fail action=quarantine header.from=gamma.test',
    );
    await page.getByRole('button', { name: 'Refresh events' }).click();
    const gmail = row(page, 'gamma.seed@gmail.test');
    const outlook = row(page, 'gamma.seed@outlook.test');
    const gmailAuth = page.getByTestId('seed-auth-gamma.seed@gmail.test');
    const outlookAuth = page.getByTestId('seed-auth-gamma.seed@outlook.test');
    await expect(gmail).toContainText('in the inbox');
    await expect(gmail).toContainText('read from the mailbox · INBOX');
    await expect(gmailAuth).toContainText('SPF pass pm.mtasv.net');
    await expect(gmailAuth).toContainText('DKIM pass gamma.test');
    await expect(gmailAuth).toContainText('DMARC pass gamma.test');
    await expect(gmailAuth).toContainText('DKIM aligned with From');
    await expect(outlook).toContainText('in spam');
    await expect(outlook).toContainText('read from the mailbox · Quarantine');
    await expect(outlookAuth).toContainText('DKIM pass pm.mtasv.net');
    await expect(outlookAuth).toContainText('DMARC fail gamma.test');
    await expect(outlookAuth).toContainText('DKIM not aligned with From');
    await bothThemes(page, 'seed-mailbox');
    // A person's mark still wins, and says so.
    await page.getByLabel('Where gamma.seed@outlook.test landed').selectOption('inbox');
    await expect(outlook).toContainText('in the inbox');
    await expect(outlook).toContainText('recorded · Quarantine');

    // The CLI says the same words.
    const out = await cli(home, ['send', '--refresh', '--tenant', tenant.id]);
    expect(out).toMatch(/gamma\.seed@gmail\.test .*in the inbox \(read from the mailbox: INBOX\)/);
    expect(out).toMatch(/gamma\.seed@outlook\.test .*in the inbox \(recorded: Quarantine\)/);
    expect(out).toContain('  gamma.seed@gmail.test: SPF pass pm.mtasv.net; DKIM pass gamma.test; DMARC pass gamma.test; DKIM aligned with From');
    expect(out).toContain('  gamma.seed@outlook.test: SPF pass pm.mtasv.net; DKIM pass pm.mtasv.net; DMARC fail gamma.test; DKIM not aligned with From');
  } finally {
    await dove.stop();
  }
});
