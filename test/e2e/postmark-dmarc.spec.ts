import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { reportXml } from '../support/dmarc/report-builder';
import { startPostmarkDmarcSim, type PostmarkDmarcSim } from '../support/postmark-dmarc-sim/server';
import { startHostProcess, type HostProcess } from './support/host';

/** DMARC page → connect Postmark DMARC (loopback simulator) → "Pull reports from Postmark DMARC" → the reports are in. */

let host: HostProcess | undefined;
let sim: PostmarkDmarcSim | undefined;
test.afterEach(async () => {
  await host?.stop();
  await sim?.close();
});

test('connect Postmark DMARC and pull its reports from the DMARC page', async ({ page }) => {
  sim = await startPostmarkDmarcSim({ pageSize: 1 });
  for (const [id, org, day, count] of [
    [1, 'google.com', '2026-01-01', 40],
    [2, 'yahoo.com', '2026-01-02', 2],
  ] as const) {
    sim.state.reports.push({
      id,
      organizationName: org,
      externalId: `${org}-${id}`,
      domain: 'acme.example',
      xml: reportXml({ org, reportId: `${org}-${id}`, domain: 'acme.example', begin: day, rows: [{ ip: '198.51.100.10', count, dkim: 'pass', spf: 'pass' }] }),
    });
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-pm-dmarc-'));
  host = await startHostProcess({ home, env: { BEHALF_POSTMARK_DMARC_URL: sim.url } });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  await page.getByRole('link', { name: /DMARC/ }).click();

  const panel = page.getByTestId('postmark-dmarc');
  await panel.getByLabel('Digest e-mail').fill('dmarc@vendor.example');
  await panel.getByLabel('Monitored name (e.g. acme.com)').fill('acme.example');
  await panel.getByRole('button', { name: 'Connect Postmark DMARC' }).click();
  await expect(panel).toContainText('_dmarc.acme.example');
  await expect(panel).toContainText(`rua=mailto:re+${sim.state.publicToken}@dmarc.postmarkapp.com`);
  await expect(panel).not.toContainText(sim.state.token!);

  await panel.getByRole('button', { name: 'Pull reports from Postmark DMARC' }).click();
  await expect(panel.getByTestId('pm-dmarc-imported')).toHaveText('2');
  await expect(page.getByTestId('kpi-messages')).toHaveText('42');
  await page.screenshot({ path: '/tmp/behalf-postmark-dmarc.png' });

  // Pulling again downloads nothing new.
  await panel.getByRole('button', { name: 'Pull reports from Postmark DMARC' }).click();
  await expect(panel.getByRole('status')).toContainText('2 already here');
  await expect(panel.getByTestId('pm-dmarc-imported')).toHaveText('0');
});
