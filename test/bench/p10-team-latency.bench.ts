import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, it } from 'vitest';
import { ledgerFile } from '../../src-main/app/paths';
import { PAGE_TOKEN_HEADER, PAGE_TOKEN_STORAGE_KEY } from '../../src-preload/api/host-session';
import { startHostProcess, type HostProcess } from '../e2e/support/host';
import { startPostgres, type PgCluster } from '../support/postgres/cluster';
import { launchChromium } from './support/browser';
import { RESULTS_DIR, writeResult } from './support/results';
import { percentile, round } from './support/stats';
import { mustSucceed, seedHome, TEAM_PASSWORD, timedCli } from './support/team-bench';
import { tenantHome } from './support/tenant-ledger';

/**
 * P10: change latency between two consoles of one team (issue #19 item 8). Consoles A and B share a team ledger of
 * 100,000 tenants on a PostgreSQL cluster this bench starts; each runs `behalf serve` on its own data directory,
 * with a signed-in Chromium page. 1,000 times, A's page renames one of the tenants B's tenants list shows (the
 * `tenants.update` RPC, as the rename dialog sends it); B's page reports, through a MutationObserver and the frame
 * after, when the new name is painted in that row. Both ends are timed on this process's clock: from the moment A's
 * request is sent (A's commit is inside it) to the moment B's page says it painted. Baseline: the same rename made
 * in B's own page, painted there (what one console alone takes).
 */
const TENANTS = Number(process.env.BENCH_P10_TENANTS ?? 100_000);
const CHANGES = Number(process.env.BENCH_P10_CHANGES ?? 1_000);
const LOCAL_CHANGES = 100;
const TARGETS = 10;
const GOAL_MS = 1_000;
const GIVE_UP_MS = 15_000;

interface Target {
  id: string;
  name: string;
  domain: string;
}

/** A signed-in page calling its host's RPC (the page keeps the session token in sessionStorage). */
function rpc<T>(page: Page, channel: string, body: unknown): Promise<T> {
  return page.evaluate(
    async ({ channel, body, header, key }) => {
      const res = await fetch(`/rpc/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [header]: sessionStorage.getItem(key)! },
        body: JSON.stringify(body),
      });
      const reply = (await res.json()) as { ok: boolean; value?: unknown };
      if (!reply.ok) throw new Error(`${channel}: ${JSON.stringify(reply)}`);
      return reply.value as never;
    },
    { channel, body, header: PAGE_TOKEN_HEADER, key: PAGE_TOKEN_STORAGE_KEY },
  );
}

/** Opens `host` signed in, on the tenants list with rows painted. */
async function openTenants(browser: Browser, host: HostProcess): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  await page.locator('[data-testid^="tenant-row-"]').first().waitFor({ timeout: 120_000 });
  return page;
}

/**
 * Renames `targets` round-robin `n` times through `from`'s RPC and times each until `to` has painted it: B's page
 * calls back (exposed function) from the frame after its row shows the new name.
 */
async function measure(from: Page, to: Page, targets: Target[], n: number, tag: string): Promise<{ fromSend: number[]; fromReply: number[]; missed: number }> {
  const seen = new Map<string, (t: number) => void>();
  await to.exposeFunction(`__painted_${tag}`, (key: string) => seen.get(key)?.(performance.now()));
  const fromSend: number[] = [];
  const fromReply: number[] = [];
  let missed = 0;
  for (let k = 0; k < n; k++) {
    const target = targets[k % targets.length]!;
    const name = `${target.name} ~${tag}${k}`;
    const painted = new Promise<number>((resolve) => {
      seen.set(name, resolve);
      setTimeout(() => resolve(NaN), GIVE_UP_MS);
    });
    // The observer is in place before the change is made.
    await to.evaluate(
      ({ domain, name, fn }) => {
        const row = () => document.querySelector(`[data-testid="tenant-row-${domain}"]`);
        const obs = new MutationObserver(() => {
          if (!row()?.textContent?.includes(name)) return;
          obs.disconnect();
          requestAnimationFrame(() => (window as unknown as Record<string, (k: string) => void>)[fn]!(name));
        });
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
      },
      { domain: target.domain, name, fn: `__painted_${tag}` },
    );
    const sent = performance.now();
    await rpc(from, 'tenants.update', { id: target.id, patch: { name } });
    const replied = performance.now();
    const at = await painted;
    seen.delete(name);
    if (Number.isNaN(at)) missed++;
    fromSend.push(Number.isNaN(at) ? Infinity : at - sent);
    fromReply.push(Number.isNaN(at) ? Infinity : at - replied);
    if ((k + 1) % 100 === 0) console.log(`[bench] P10 ${tag}: ${k + 1} of ${n}, p95 so far ${round(percentile(fromSend, 95))} ms`);
  }
  return { fromSend, fromReply, missed };
}

const summary = (xs: number[]) => ({
  p50: round(percentile(xs, 50)),
  p95: round(percentile(xs, 95)),
  p99: round(percentile(xs, 99)),
  max: round(Math.max(...xs)),
});

// 1,000 round trips of up to a second or two each on a loaded machine: more than the bench config's 15 minutes.
it('P10 a change made in console A is painted in console B', { timeout: 45 * 60_000 }, async () => {
  const t0 = performance.now();
  const step = (what: string) => console.log(`[bench] P10 ${Math.round((performance.now() - t0) / 1000)} s: ${what}`);
  const source = ledgerFile(tenantHome(TENANTS));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-bench-p10-'));
  let cluster: PgCluster | undefined;
  const hosts: HostProcess[] = [];
  let browser: Browser | undefined;
  try {
    cluster = await startPostgres();
    await cluster.createTeamDatabase('team', 'behalf', TEAM_PASSWORD);
    const url = cluster.url({ user: 'behalf', password: TEAM_PASSWORD, db: 'team' });
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    seedHome(a, source);
    fs.mkdirSync(b);
    mustSucceed('team init', await timedCli(a, ['team', 'init', url, '--name', 'Ann Lee', '--email', 'ann@vendor.example']));
    mustSucceed('team join', await timedCli(b, ['team', 'join', url, '--name', 'Ben Ito', '--email', 'ben@vendor.example']));
    step('team published and joined');
    for (const home of [a, b]) hosts.push(await startHostProcess({ home, env: { BEHALF_TEAM_PASSWORD: TEAM_PASSWORD } }));
    browser = await launchChromium();
    const pageA = await openTenants(browser, hosts[0]!);
    const pageB = await openTenants(browser, hosts[1]!);
    for (const page of [pageA, pageB]) await page.getByTestId('team-line').filter({ hasText: 'team: in sync' }).waitFor({ timeout: 120_000 });
    // The first rows of the list (B shows them: same default order on both consoles).
    const first = await rpc<{ rows: Target[] }>(pageA, 'tenants.list', { offset: 0, limit: TARGETS });
    const targets = first.rows.map(({ id, name, domain }) => ({ id, name, domain }));
    for (const t of targets) await pageB.locator(`[data-testid="tenant-row-${t.domain}"]`).waitFor({ timeout: 30_000 });
    step(`measuring ${CHANGES} changes on ${targets.length} tenants`);

    const local = await measure(pageB, pageB, targets, LOCAL_CHANGES, 'local');
    step(`local baseline p95 ${round(percentile(local.fromSend, 95))} ms`);
    const team = await measure(pageA, pageB, targets, CHANGES, 'team');
    const p95 = percentile(team.fromSend, 95);
    step(`A→B p95 ${round(p95)} ms (${team.missed} not painted within ${GIVE_UP_MS / 1000} s)`);
    await pageB.screenshot({ path: path.join(RESULTS_DIR, 'P10-b.png') });

    writeResult({
      id: 'P10',
      work: `${CHANGES.toLocaleString('en')} tenant renames made in console A's page (browser host, RPC), each timed until painted in console B's tenants list (separate \`behalf serve\`, ${TENANTS.toLocaleString('en')} tenants, PostgreSQL on loopback, LISTEN/NOTIFY)`,
      figure: `p95 ${round(p95, 0)} ms, p50 ${round(percentile(team.fromSend, 50), 0)} ms, max painted ${round(Math.max(...team.fromSend.filter(Number.isFinite)), 0)} ms${team.missed ? `; ${team.missed} not painted within ${GIVE_UP_MS / 1000} s` : ''}`,
      baseline: `the same rename made in B's own page: p95 ${round(percentile(local.fromSend, 95), 0)} ms`,
      goal: `p95 ≤ ${GOAL_MS} ms`,
      met: p95 <= GOAL_MS && team.missed === 0,
      details: {
        tenants: TENANTS,
        changes: CHANGES,
        fromRequestSentMs: summary(team.fromSend),
        fromReplyMs: summary(team.fromReply),
        localFromRequestSentMs: summary(local.fromSend),
        missed: team.missed,
      },
    });
    expect(team.missed).toBe(0);
  } finally {
    await browser?.close();
    for (const h of hosts) await h.stop();
    cluster?.destroy();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
