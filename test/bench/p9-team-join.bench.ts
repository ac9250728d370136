import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { expect, it } from 'vitest';
import { ledgerFile } from '../../src-main/app/paths';
import { startHostProcess, type HostProcess } from '../e2e/support/host';
import { startPostgres, type PgCluster } from '../support/postgres/cluster';
import { coldStart, copyHome, launchChromium } from './support/browser';
import { topSelf } from './support/profile';
import { RESULTS_DIR, writeResult } from './support/results';
import { round } from './support/stats';
import { mustSucceed, newestProfile, seedHome, sharedCounts, TEAM_PASSWORD, teamSourceLedger, timedCli } from './support/team-bench';

/**
 * P9: a console joining a big team ledger (issue #19 item 8). The team starts from a ledger of 100,000 tenants
 * (with tags) and 1,000,000 DMARC report rows, made by the app's migrations and SQL and cached in bench-results/p9/;
 * `behalf team init` publishes it to a PostgreSQL cluster this bench starts (timed). Then a fresh console: its
 * `behalf serve` runs on an empty data directory with Chromium on the tenants list, and `behalf team join` is run
 * on that same directory, as an operator would type it. Measured on this process's clock from the join's start:
 * the first tenant row painted in the open page (the host follows the join's commits), and the join finishing
 * (every shared row copied). What is copied is whatever src-main/ledger/shared-tables.ts lists; the row counts per
 * table are reported and must match the source's. BENCH_P9_PROFILE=1 runs the join under --cpu-prof.
 */
const TENANTS = Number(process.env.BENCH_P9_TENANTS ?? 100_000);
const DMARC_ROWS = Number(process.env.BENCH_P9_DMARC_ROWS ?? 1_000_000);
const PROFILE = process.env.BENCH_P9_PROFILE === '1';
const USABLE_MS = 10_000;
const SYNCED_MS = 60_000;

it('P9 a console joins a team ledger of 100,000 tenants and 1,000,000 DMARC rows', async () => {
  const t0 = performance.now();
  const step = (what: string) => console.log(`[bench] P9 ${Math.round((performance.now() - t0) / 1000)} s: ${what}`);
  const { file: source, buildMs } = teamSourceLedger(path.join(RESULTS_DIR, 'p9'), TENANTS, DMARC_ROWS);
  const sourceCounts = sharedCounts(source);
  step(`source ledger ready (${buildMs ? `built in ${round(buildMs / 1000, 1)} s` : 'cached'}): ${JSON.stringify(sourceCounts)}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-bench-p9-'));
  let cluster: PgCluster | undefined;
  let host: HostProcess | undefined;
  let browser: Browser | undefined;
  try {
    cluster = await startPostgres();
    await cluster.createTeamDatabase('team', 'behalf', TEAM_PASSWORD);
    const url = cluster.url({ user: 'behalf', password: TEAM_PASSWORD, db: 'team' });

    // Publishing: the console that has the ledger makes it the team's.
    const publisher = path.join(tmp, 'publisher');
    seedHome(publisher, source);
    const publish = mustSucceed(
      'behalf team init',
      await timedCli(publisher, ['team', 'init', url, '--name', 'Pat Publisher', '--email', 'pat@vendor.example', '--json']),
    );
    const published = (JSON.parse(publish.out) as { rows: number }).rows;
    step(`published ${published} rows in ${round(publish.ms / 1000, 1)} s`);

    // The joining console: its browser host is open on the (empty) tenants list before the join starts.
    const joiner = path.join(tmp, 'joiner');
    fs.mkdirSync(joiner);
    host = await startHostProcess({ home: joiner, env: { BEHALF_TEAM_PASSWORD: TEAM_PASSWORD } });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await page
      .getByTestId('tenant-count')
      .filter({ hasText: /^0 in the ledger/ })
      .waitFor({ timeout: 60_000 });

    let joinStart = 0;
    const painted = page
      .waitForFunction(() => document.querySelector('[data-testid^="tenant-row-"]') !== null, undefined, { polling: 'raf', timeout: 600_000 })
      .then(() => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))))
      .then(() => performance.now() - joinStart)
      .catch(() => NaN);
    // After the join the open console starts sharing by itself (its runner connects): the sidebar says so.
    const inSync = page
      .getByTestId('team-line')
      .filter({ hasText: 'team: in sync' })
      .waitFor({ timeout: 600_000 })
      .then(() => performance.now() - joinStart)
      .catch(() => NaN);
    const profileDir = path.join(tmp, 'profile');
    const join = mustSucceed(
      'behalf team join',
      await timedCli(joiner, ['team', 'join', url, '--name', 'Jo Joiner', '--email', 'jo@vendor.example'], {
        nodeArgs: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
        onStart: (t) => (joinStart = t),
      }),
    );
    step(`joined in ${round(join.ms / 1000, 1)} s`);
    const paintedMs = await painted;
    const inSyncMs = await inSync;
    step(`first row painted at ${round(paintedMs / 1000, 2)} s; sidebar "in sync" at ${round(inSyncMs / 1000, 1)} s`);
    const copied = sharedCounts(ledgerFile(joiner));
    const mismatched = Object.keys(sourceCounts).filter((t) => copied[t] !== sourceCounts[t]);
    const profileFile = PROFILE ? newestProfile(profileDir) : undefined;
    const hot = profileFile ? topSelf(JSON.parse(fs.readFileSync(profileFile, 'utf8')), 15) : undefined;
    if (profileFile) fs.copyFileSync(profileFile, path.join(RESULTS_DIR, 'P9-join.cpuprofile'));
    await page.screenshot({ path: path.join(RESULTS_DIR, 'P9-joined.png') });
    await page.close();
    await host.stop();
    host = undefined;

    // Baseline: the same ledger, already local, opened cold (what a console that had it all along waits).
    const local = copyHome(joiner);
    const cold = await coldStart(browser, local, true);
    await cold.page.close();
    await cold.host.stop();
    fs.rmSync(local, { recursive: true, force: true });

    const dmarcCopied = (copied.dmarc_rows ?? 0) + (copied.dmarc_reports ?? 0);
    writeResult({
      id: 'P9',
      work: `A fresh console joins a team ledger of ${TENANTS.toLocaleString('en')} tenants and ${DMARC_ROWS.toLocaleString('en')} DMARC rows (PostgreSQL on loopback; \`behalf team join\` while \`behalf serve\` shows the tenants list); rows copied: ${Object.entries(
        copied,
      )
        .filter(([, n]) => n > 0)
        .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
        .join(', ')}${dmarcCopied ? '' : ' (DMARC reports not shared yet)'}`,
      figure: `first tenant row painted ${round(paintedMs / 1000, 2)} s; fully synced (join done) ${round(join.ms / 1000, 1)} s; publish ${round(publish.ms / 1000, 1)} s`,
      baseline: `the same ledger opened locally: cold start ${round(cold.ms / 1000, 2)} s`,
      goal: `usable ≤ ${USABLE_MS / 1000} s; synced ≤ ${SYNCED_MS / 1000} s`,
      met: paintedMs <= USABLE_MS && join.ms <= SYNCED_MS && mismatched.length === 0,
      details: {
        buildMs: round(buildMs),
        sourceCounts,
        copiedCounts: copied,
        mismatched,
        publishedRows: published,
        publishMs: round(publish.ms),
        paintedMs: round(paintedMs),
        joinMs: round(join.ms),
        sidebarInSyncMs: round(inSyncMs),
        coldStartMs: round(cold.ms),
        progress: join.lines.filter((l) => l.line.startsWith('Copied')).map((l) => `${round(l.ms / 1000, 2)} s ${l.line}`),
        ...(hot ? { joinHotFunctions: hot } : {}),
      },
    });
    expect(mismatched, `copied ${JSON.stringify(copied)} of ${JSON.stringify(sourceCounts)}`).toEqual([]);
  } finally {
    await browser?.close();
    await host?.stop();
    cluster?.destroy();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
