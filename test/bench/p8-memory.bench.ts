import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ledgerFile } from '../../src-main/app/paths';
import { backupFolder } from '../../src-main/backups/backup-service';
import { openLedger } from '../../src-main/ledger/open';
import { DMARC_SOURCES_SHOWN } from '../../src-preload/api/dmarc';
import { PAGE_TOKEN_HEADER, PAGE_TOKEN_STORAGE_KEY } from '../../src-preload/api/host-session';
import { startHostProcess } from '../e2e/support/host';
import { launchChromium } from './support/browser';
import { DEFAULT_YEAR, domainName, yearLedger } from './support/dmarc-year-ledger';
import { inspectorUrl, openInspector } from './support/inspector';
import { RESULTS_DIR, writeResult } from './support/results';
import { round } from './support/stats';
import { insertBenchTenants } from './support/tenant-ledger';

/**
 * P8: memory of the browser host (`behalf serve`, one process: what a desktop main process holds too) serving
 * 100,000 tenants and the P7 year of DMARC rows. RSS is read from /proc after a tour of every screen (every sidebar
 * area, the DMARC page on the eight domains the requests below ask about, the tenant list searched the way they search
 * it, every tab of one tenant), then after 1,000 tenant-list and "who sends" requests made by the signed-in page,
 * repeating that work, and after 1,000 more. Each reading is taken as found, which must stay ≤ 400 MB, and again after
 * a full garbage collection, which must not grow by more than 5 % over the second 1,000. As found, the same live
 * heap read anywhere from 305 to 326 MB on V8's sawtooth (2026-12-05): a single reading as found failed the 5 % in two
 * of six runs while RSS stayed flat over six more batches. The first 1,000 warm the process up and their growth is
 * reported beside it: the readings wait for the start-up snapshot, V8 shrinks its young generation while the host
 * sits idle that long, and the first requests grow it back. A leak keeps growing over the second 1,000; warming up
 * does not.
 */
const TENANTS = 100_000;
const REPEATS = 1_000;
/** The requests repeated: the tenant list searched as typed, key by key, and "who sends" for these domains. */
const SEARCHES = ['a', 'ac', 'acm', 'acme', 'globex labs', 'hana', ''];
const REQUEST_DOMAINS = [1, 2, 3, 5, 8, 13, 21];

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`not done within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function rssMB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) / 1024;
}

/** A data directory with a copy of the P7 ledger plus 100,000 tenants (the cached P7 ledger stays untouched). */
function p8Home(): string {
  const { db, file } = yearLedger(path.join(RESULTS_DIR, 'p7'), { ...DEFAULT_YEAR, rows: Number(process.env.BENCH_P7_ROWS ?? DEFAULT_YEAR.rows) });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-bench-p8-'));
  fs.copyFileSync(file, ledgerFile(home));
  const copy = openLedger(ledgerFile(home));
  insertBenchTenants(copy, TENANTS);
  copy.close();
  return home;
}

it('P8 memory of the browser host after a tour and 1,000 repeated requests', async () => {
  const t0 = performance.now();
  const step = (what: string) => console.log(`[bench] P8 ${Math.round((performance.now() - t0) / 1000)} s: ${what}`);
  const home = p8Home();
  step('ledger ready');
  const host = await startHostProcess({ home, nodeArgs: ['--inspect=127.0.0.1:0'] });
  step('host started');
  // A long-lived door takes a snapshot of the ledger at start (backups/scheduler.ts), copied and then checked in a
  // worker thread: with a year of DMARC rows that runs for a minute or more. Its memory is the snapshot's, not the
  // serving's, and it used to land in the middle of the repeated requests, so the readings wait for it.
  const snapshots = backupFolder(home, '');
  const snapshotDone = waitFor(() => fs.existsSync(snapshots) && fs.readdirSync(snapshots).some((f) => /^behalf-.*\.sqlite$/.test(f)), 600_000);
  snapshotDone.catch(() => {}); // awaited after the tour; a timeout fails the row there
  const browser = await launchChromium();
  try {
    const pid = host.proc.pid!;
    /**
     * RSS as found (V8 collects when it decides, so this is anywhere on its sawtooth: 305–326 MB at the same live
     * size on this host), then after a full collection, which is what a leak grows. V8's own memory reducer makes a
     * like drop when the host idles long enough (once 306 → 271 MB after 16 s; other times not within 20 s).
     * The host listens for the inspector on loopback from its start (`--inspect=127.0.0.1:0`, nothing attached until
     * a reading). Listening costs no memory that shows: three interleaved pairs with and without it read alike
     * (docs/benchmarks-history.md, "P6 on the app's bundle, P8 after a full collection").
     */
    const reading = async () => {
      const asFoundMB = rssMB(pid);
      const inspector = await openInspector(inspectorUrl(host.stderr()));
      try {
        await inspector.fullGc();
        await new Promise((r) => setTimeout(r, 500)); // freed pages go back to the OS as the sweeper finishes
        return { asFoundMB, afterGcMB: rssMB(pid), heapUsedMB: await inspector.heapUsedMB() };
      } finally {
        inspector.close();
      }
    };
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await page.locator('[data-testid^="tenant-row-"]').first().waitFor({ timeout: 60_000 });
    // A screen that does not settle within a minute is a finding of this row (listed, and the row fails), not a
    // reason to stop the tour: the memory figures after the rest still say something.
    const unsettled: string[] = [];
    const settled = async () => {
      await page.locator('h1').first().waitFor();
      try {
        await page.waitForFunction(() => !/\b(Loading|Building the sheet)…/.test(document.body.innerText) && !document.querySelector('.skeleton'), undefined, {
          timeout: 60_000,
        });
      } catch {
        unsettled.push(new URL(page.url()).hash);
        await page.screenshot({ path: path.join(RESULTS_DIR, `P8-unsettled-${unsettled.length}.png`) });
      }
    };

    // The tour: every area in the sidebar, as listed there (a new area joins the tour by itself).
    const areas = await page
      .getByRole('navigation', { name: 'Areas' })
      .locator('a.nav-item')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(areas.length).toBeGreaterThan(5);
    for (const href of areas) {
      await page.goto(`${host.origin}/${href}`);
      await settled();
      step(`area ${href} (${Math.round(rssMB(pid))} MB)`);
    }
    // What the repeated requests below do, done once through the screens first (the list searched, DMARC shown for
    // each of their domains): the requests then repeat work the console has done, and what doing it the first time
    // costs (code compiled, a domain's rows read) is part of the tour, not growth over repeats.
    await page.goto(`${host.origin}/#/dmarc`);
    for (const domain of [7, ...REQUEST_DOMAINS].map(domainName)) {
      await page.getByLabel('Domain').selectOption(domain);
      await page.getByTestId('readiness-summary').waitFor({ timeout: 60_000 });
      await settled();
    }
    step(`DMARC for ${REQUEST_DOMAINS.length + 1} domains (${Math.round(rssMB(pid))} MB)`);
    await page.goto(`${host.origin}/#/tenants`);
    for (const search of SEARCHES) {
      await page.getByLabel('Search tenants').fill(search);
      await settled();
    }
    step(`${SEARCHES.length} searches (${Math.round(rssMB(pid))} MB)`);
    await page.locator('[data-testid^="tenant-row-"]').first().click();
    await page.getByRole('tab').first().waitFor({ timeout: 60_000 });
    const tabs = await page.getByRole('tab').allTextContents();
    expect(tabs.length).toBeGreaterThan(5);
    for (const tab of tabs) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await settled();
      step(`tab ${tab} (${Math.round(rssMB(pid))} MB)`);
    }
    await snapshotDone;
    const tour = await reading();
    step('tour done, start-up snapshot taken');

    // 1,000 requests at a time, alternating the tenant list (a search typed key by key) and "who sends" for domains.
    const requests = () =>
      page.evaluate(
        async ({ repeats, header, key, domains, searches, shown }) => {
          const token = sessionStorage.getItem(key)!;
          const call = async (channel: string, body: unknown) => {
            const res = await fetch(`/rpc/${channel}`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', [header]: token },
              body: JSON.stringify(body),
            });
            const reply = (await res.json()) as { ok: boolean };
            if (!reply.ok) throw new Error(`${channel}: ${JSON.stringify(reply)}`);
          };
          let n = 0;
          for (let i = 0; i < repeats; i++) {
            if (i % 2 === 0) await call('tenants.list', { search: searches[i % searches.length], offset: (i * 37) % 5_000 });
            else await call('dmarc.sources', { domain: domains[i % domains.length], resolvePtr: false, limit: shown });
            n++;
          }
          return n;
        },
        // The DMARC page's request: its table asks for the largest DMARC_SOURCES_SHOWN sources.
        {
          repeats: REPEATS,
          header: PAGE_TOKEN_HEADER,
          key: PAGE_TOKEN_STORAGE_KEY,
          domains: REQUEST_DOMAINS.map(domainName),
          searches: SEARCHES,
          shown: DMARC_SOURCES_SHOWN,
        },
      );
    expect(await requests()).toBe(REPEATS);
    const repeats = await reading();
    const warmUpGrowth = repeats.afterGcMB / tour.afterGcMB - 1;
    // The same 1,000 again, judged: what repeating costs once warm (a leak keeps growing; warming up does not).
    expect(await requests()).toBe(REPEATS);
    const second = await reading();
    const growth = second.afterGcMB / repeats.afterGcMB - 1;
    const readings = [tour, repeats, second];
    const mb = (r: { asFoundMB: number; afterGcMB: number }) => `${round(r.afterGcMB, 0)} MB (${round(r.asFoundMB, 0)} as found)`;
    const pct = (g: number) => `${g >= 0 ? '+' : ''}${round(g * 100, 1)}%`;
    writeResult({
      id: 'P8',
      work: `Browser host RSS with ${TENANTS.toLocaleString('en')} tenants and the P7 ledger: after a tour (${areas.length} areas, DMARC on ${REQUEST_DOMAINS.length + 1} domains, ${SEARCHES.length} list searches, ${tabs.length} tenant tabs), then after ${REPEATS.toLocaleString('en')} tenant-list / who-sends requests (the DMARC page's: largest ${DMARC_SOURCES_SHOWN}), and ${REPEATS.toLocaleString('en')} more`,
      figure: `after a full GC: ${mb(tour)} after the tour; ${mb(repeats)} after 1,000 requests warming up (${pct(warmUpGrowth)}); ${mb(second)} after 1,000 more (${pct(growth)})${unsettled.length ? `; not settled within 60 s: ${unsettled.join(', ')}` : ''}`,
      baseline: '—',
      goal: 'RSS ≤ 400 MB as found; growth over the second 1,000 ≤ 5% after a full GC',
      met: Math.max(...readings.map((r) => r.asFoundMB)) <= 400 && growth <= 0.05 && unsettled.length === 0,
      details: {
        unsettled,
        afterTour: tour,
        afterRepeats: repeats,
        warmUpGrowthPct: round(warmUpGrowth * 100, 2),
        afterSecondRepeats: second,
        growthPct: round(growth * 100, 2),
        areas,
        tabs,
      },
    });
  } finally {
    await browser.close();
    await host.stop();
    fs.rmSync(home, { recursive: true, force: true });
  }
});
