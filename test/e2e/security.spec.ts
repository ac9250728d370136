import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { startHostProcess, type HostProcess } from './support/host';

/**
 * Issue #23, run in real Chromium as the attacks were run: a page on another 127.0.0.1 port receives the
 * console's cookie (cookies are not isolated by port) and can toss its own; neither may reach the contract or
 * sign the console out. And the Settings screen saves one setting without touching the others.
 */
let host: HostProcess | undefined;
let other: http.Server | undefined;
test.afterEach(async () => {
  await host?.stop();
  // The browser keeps its connection to the other server alive: drop it, or close() waits for it.
  other?.closeAllConnections();
  await new Promise((r) => (other ? other.close(r) : r(undefined)));
  host = other = undefined;
});

const cli = (home: string, ...args: string[]) =>
  execFileSync(process.execPath, [path.resolve('out/main/cli.js'), ...args, '--home', home], { encoding: 'utf8' });

/** "Another app on this machine": serves one page that tosses a cookie, and records every Cookie header sent to it. */
async function otherLoopbackServer(): Promise<{ url: string; cookies: string[] }> {
  const cookies: string[] = [];
  other = http.createServer((req, res) => {
    cookies.push(req.headers.cookie ?? '');
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!doctype html><title>other</title><script>
      document.cookie = 'behalf_session=tossed-junk; path=/rpc';
      document.cookie = 'behalf_session=tossed-junk2; path=/';
    </script><p>another app</p>`);
  });
  await new Promise<void>((r) => other!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(other!.address() as AddressInfo).port}/`, cookies };
}

test('a page on another loopback port gets the cookie but cannot use it, and its tossed cookies sign nobody out', async ({ page, context }) => {
  host = await startHostProcess();
  await page.goto(host.url);
  await expect(page.getByRole('button', { name: 'Add tenant' })).toBeVisible();
  expect(page.url()).not.toContain('behalf-session'); // the token left the address bar (and so the history)

  // The signed-in browser opens another local app: it is sent the console's cookie.
  const attacker = await otherLoopbackServer();
  const tab = await context.newPage();
  await tab.goto(attacker.url);
  await tab.reload(); // the second request carries what the first page set, too
  const stolen = attacker.cookies.join('; ').match(/behalf_session=([A-Za-z0-9_-]{40,})/)?.[0];
  expect(stolen, `cookies seen by the other port: ${attacker.cookies.join(' | ')}`).toBeTruthy();

  // Replayed from outside the browser with a forged Origin, the cookie alone reaches neither RPC nor events.
  const replay = await fetch(`${host.origin}/rpc/settings.get`, {
    method: 'POST',
    headers: { cookie: stolen!, origin: host.origin, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(replay.status).toBe(401);
  const ws = new WebSocket(`ws://127.0.0.1:${new URL(host.origin).port}/events`, ['behalf.events'], { headers: { origin: host.origin, cookie: stolen! } });
  await expect(new Promise((res, rej) => (ws.on('open', res), ws.on('error', rej)))).rejects.toThrow(/403/);

  // The console, with the tossed cookies now in the jar (sent first for /rpc), still works.
  const jar = (await context.cookies()).filter((c) => c.name === 'behalf_session' && c.domain === '127.0.0.1');
  expect(jar.map((c) => c.path).sort()).toEqual(['/', '/rpc']); // the HttpOnly original survived the overwrite try
  expect(jar.find((c) => c.path === '/rpc')?.value).toBe('tossed-junk');
  await page.bringToFront();
  await page.getByRole('button', { name: 'Add tenant' }).click();
  await page.getByLabel('Customer name').fill('Still Signed In');
  await page.getByLabel('Primary domain').fill('still-signed-in.test');
  await page.getByRole('button', { name: 'Add tenant', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Still Signed In' })).toBeVisible(); // created: the detail opened

  // A second visit of the sign-in link is refused: it worked once.
  const again = await tab.goto(host.url);
  expect(again?.status()).toBe(401);
  await expect(tab.getByText(/used already or is not valid/)).toBeVisible();
});

test('sign out ends the session: the tab shows how to get back in and RPC is refused', async ({ page }) => {
  host = await startHostProcess();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Signed out' })).toBeVisible();
  await page.reload();
  await expect(page.getByText(/Open the link that/)).toBeVisible(); // the cookie is gone too
});

test('Settings saves one changed field and leaves every other setting as it was', async ({ page }) => {
  host = await startHostProcess();
  cli(
    host.home,
    'settings',
    'set',
    'vendorName=Northwind Mailer',
    'vendorDomain=mail.northwind.test',
    'dnsServers=["127.0.0.1:5353"]',
    'sheetsServerId=4242',
    'sheetsFromAddress=dns@mail.northwind.test',
    'dmarcReportMailbox=dmarc@northwind.test',
  );
  const before = JSON.parse(cli(host.home, 'settings', 'show', '--json')) as Record<string, unknown>;
  await page.goto(host.url);
  await page.goto(`${host.origin}/#/settings`);
  await page.getByLabel('Return-Path label').fill('nw-bounces');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved: settings')).toBeVisible();
  const after = JSON.parse(cli(host.home, 'settings', 'show', '--json')) as Record<string, unknown>;
  expect(after).toEqual({ ...before, returnPathLabel: 'nw-bounces' });
  // The API URL is shown, not editable in place; changing it in the browser console points to the terminal.
  await page.getByRole('button', { name: 'Change…' }).click();
  await page.locator('#s-postmarkEndpoint').fill('http://127.0.0.1:45555');
  await page.getByRole('button', { name: 'Change…' }).click();
  await expect(page.getByText(/behalf settings endpoint http:\/\/127\.0\.0\.1:45555/)).toBeVisible();
  expect(JSON.parse(cli(host.home, 'settings', 'show', '--json'))).toEqual(after);
});
