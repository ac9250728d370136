import { chromium, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ledgerFile } from '../../../src-main/app/paths';
import { startHostProcess, type HostProcess } from '../../e2e/support/host';
import { CHROMIUM_ARGS } from '../../support/chromium-args';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A fresh data directory holding a copy of `home`'s ledger, so the host's writes never touch the cached one. */
export function copyHome(home: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-bench-host-'));
  fs.copyFileSync(ledgerFile(home), ledgerFile(dir));
  return dir;
}

/**
 * Cold start: spawn `behalf serve`, open the sign-in URL in a fresh page, and stop the clock when the tenants
 * screen is interactive — the first tenant row painted, or (empty ledger) the count shown.
 */
export async function coldStart(browser: Browser, home: string, expectRows: boolean): Promise<{ ms: number; host: HostProcess; page: Page }> {
  const t = performance.now();
  const host = await startHostProcess({ home });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  if (expectRows) await page.locator('[data-testid^="tenant-row-"]').first().waitFor({ timeout: 30_000 });
  else
    await page
      .getByTestId('tenant-count')
      .filter({ hasText: /in the ledger/ })
      .waitFor({ timeout: 30_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))); // painted
  return { ms: performance.now() - t, host, page };
}

/**
 * Presses one key in the search box and returns the time from its keydown event to the frame after the matching
 * rows are in the DOM (the count shows `total` and, when there are rows, `firstDomain`'s row is there).
 */
export async function keystroke(page: Page, key: string, total: number, firstDomain: string | null): Promise<number> {
  const probe = page.evaluate(
    ([expectTotal, domain]) =>
      new Promise<number>((resolve, reject) => {
        const input = document.querySelector<HTMLInputElement>('input[aria-label="Search tenants"]')!;
        let t0: number | null = null;
        let sawLoading = false;
        input.addEventListener('keydown', (e) => (t0 = e.timeStamp), { once: true, capture: true });
        const check = () => {
          if (t0 === null) return;
          const count = document.querySelector('[data-testid=tenant-count]')?.textContent ?? '';
          if (count.includes('loading')) sawLoading = true;
          if (!sawLoading || Number(count.replace(/[^\d]/g, '')) !== expectTotal) return;
          if (domain && !document.querySelector(`[data-testid="tenant-row-${domain}"]`)) return;
          obs.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve(performance.now() - t0!));
        };
        const obs = new MutationObserver(check);
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
        const timer = setTimeout(() => (obs.disconnect(), reject(new Error(`no rows for total ${expectTotal} / ${domain}`))), 10_000);
      }),
    [total, firstDomain] as const,
  );
  await page.waitForTimeout(20); // the probe is listening before the key goes down
  await page.keyboard.press(key);
  return probe;
}
