import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { startPostmarkSimulator, type PostmarkSimulator } from '../support/postmark-sim';
import { startHostProcess, type HostProcess } from './support/host';

/** Settings → Check connection: the same read-only checks as `behalf doctor`, against the simulator and a proxy. */
let sim: PostmarkSimulator;
let proxy: http.Server;
let host: HostProcess | undefined;

test.beforeAll(async () => {
  sim = await startPostmarkSimulator();
  proxy = http.createServer((_req, res) => {
    res.writeHead(404, { 'Content-Type': 'text/html' });
    res.end('<html><body><h1>404 Not Found</h1></body></html>');
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
});
test.afterAll(async () => {
  await sim?.close();
  await new Promise<void>((r) => proxy.close(() => r()));
});
test.afterEach(async () => host?.stop());

async function checkConnection(page: import('@playwright/test').Page) {
  await page
    .locator('nav')
    .getByRole('link', { name: /Settings/ })
    .click();
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(page.getByRole('table', { name: 'Connection check' })).toBeVisible();
}

test('against the simulator the Postmark lines are ok, with the ledger and disk', async ({ page }) => {
  host = await startHostProcess({ env: { BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken } });
  await page.goto(host.url);
  await checkConnection(page);
  await expect(page.getByTestId('doctor-postmark.endpoint')).toContainText(/ok[\s\S]*answers like Postmark/);
  await expect(page.getByTestId('doctor-postmark.account-token')).toContainText(/ok[\s\S]*Accepted/);
  await expect(page.getByTestId('doctor-ledger.integrity')).toContainText('ok');
  await page.screenshot({ path: '/tmp/behalf-doctor-ok.png', fullPage: true });
});

test('behind a proxy answering HTML 404s the endpoint line fails with the URL/proxy fix', async ({ page }) => {
  host = await startHostProcess({
    env: { BEHALF_POSTMARK_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, POSTMARK_ACCOUNT_TOKEN: 'e2e-not-a-real-token' },
  });
  await page.goto(host.url);
  await checkConnection(page);
  const line = page.getByTestId('doctor-postmark.endpoint');
  await expect(line).toContainText(/fail[\s\S]*not Postmark/);
  await expect(line).toContainText('check the API URL');
  await expect(page.getByText('e2e-not-a-real-token')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/behalf-doctor-proxy.png', fullPage: true });
});
