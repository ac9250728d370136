import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ledgerFile } from '../../../src-main/app/paths';
import { SHARED_TABLES } from '../../../src-main/ledger/shared-tables';
import { openLedger } from '../../../src-main/ledger/open';
import { CLI } from '../../support/team/consoles';
import { DEFAULT_YEAR, yearLedger } from './dmarc-year-ledger';
import { insertBenchTenants } from './tenant-ledger';

export const TEAM_PASSWORD = 'bench-team-pw';

/** Copies a cached source ledger into a fresh console's data directory (the cache itself is never written). */
export function seedHome(home: string, source: string): void {
  fs.mkdirSync(home, { recursive: true });
  fs.copyFileSync(source, ledgerFile(home));
}

/** Rows of every shared table (only the shared rows of a partly personal one), as the team would copy them. */
export function sharedCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(
      SHARED_TABLES.map((t) => {
        const where = t.where ? ` WHERE ${t.where.replaceAll('$ROW.', '')}` : '';
        return [t.name, (db.prepare(`SELECT count(*) AS n FROM "${t.name}"${where}`).get() as { n: number }).n];
      }),
    );
  } finally {
    db.close();
  }
}

export interface TimedRun {
  code: number | null;
  ms: number;
  out: string;
  err: string;
  /** stderr lines with the ms (since the start) they arrived at: the join's progress. */
  lines: { ms: number; line: string }[];
}

/**
 * `behalf …` as its own process on `home`, timed from spawn to exit on this process's clock. `nodeArgs` e.g.
 * ['--cpu-prof', '--cpu-prof-dir=…'] to profile it.
 */
export function timedCli(
  home: string,
  args: string[],
  opts: { nodeArgs?: string[]; env?: Record<string, string>; onStart?: (t0: number) => void } = {},
): Promise<TimedRun> {
  const t0 = performance.now();
  opts.onStart?.(t0);
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), CLI, ...args, '--home', home], {
    env: { ...process.env, POSTMARK_ACCOUNT_TOKEN: '', BEHALF_TEAM_PASSWORD: TEAM_PASSWORD, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let partial = '';
  const lines: TimedRun['lines'] = [];
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => {
    err += d;
    partial += d;
    const parts = partial.split('\n');
    partial = parts.pop()!;
    for (const line of parts) lines.push({ ms: performance.now() - t0, line });
  });
  return new Promise((resolve) => proc.once('exit', (code) => resolve({ code, ms: performance.now() - t0, out, err, lines })));
}

export function mustSucceed(what: string, r: TimedRun): TimedRun {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}\n${r.out}\n${r.err}`);
  return r;
}

/** The newest .cpuprofile in `dir` (written by node --cpu-prof at exit). */
export function newestProfile(dir: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f));
  return files.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}

/**
 * The P9 team's starting ledger: `tenants` tenants (with their tags) and `dmarcRows` DMARC report rows over 30 days
 * of 1,000 domains, made by the app's migrations and SQL (support/dmarc-year-ledger.ts, tenant-ledger.ts), cached
 * under `dir` and rebuilt only when missing.
 */
export function teamSourceLedger(dir: string, tenants: number, dmarcRows: number): { file: string; buildMs: number } {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `source-${tenants}-${dmarcRows}-g1.sqlite`);
  if (fs.existsSync(file)) return { file, buildMs: 0 };
  const t = performance.now();
  const year = yearLedger(dir, { ...DEFAULT_YEAR, rows: dmarcRows, days: 30, firstDay: '2026-01-01' });
  year.db.pragma('wal_checkpoint(TRUNCATE)');
  year.db.close();
  const partial = `${file}.building`;
  fs.copyFileSync(year.file, partial);
  fs.rmSync(year.file); // only the combined ledger is kept
  const db = openLedger(partial);
  insertBenchTenants(db, tenants);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  for (const f of [`${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  fs.renameSync(partial, file);
  return { file, buildMs: performance.now() - t };
}
