import Database from 'better-sqlite3';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Helpers for the kill -9 suite: the real built CLI as a child process, and raw looks at its ledger file. */

export const CLI = path.resolve('out/main/cli.js');

/**
 * Builds out/ when it is missing or older than the sources (the same script e2e and benches use). Two suites of
 * this folder run in parallel forks: a lock directory keeps them from building into out/ at the same time.
 */
export function ensureBuilt(): void {
  const lock = path.join(os.tmpdir(), `behalf-build-lock-${Buffer.from(process.cwd()).toString('hex').slice(-24)}`);
  const until = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      const held = fs.statSync(lock, { throwIfNoEntry: false });
      if (!held) continue; // released between our mkdir and stat: try again
      // A lock older than ten minutes is left over from a killed run.
      if (Date.now() > until || Date.now() - held.mtimeMs > 10 * 60_000) break;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    execFileSync(process.execPath, [path.resolve('scripts/ensure-built.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export interface Child {
  proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited(): boolean;
  /** SIGKILL: no exit handlers, no finally blocks, no WAL checkpoint — a power cut from the ledger's view. */
  kill9(): Promise<void>;
  done(): Promise<number | null>;
}

export function startCli(args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, POSTMARK_ACCOUNT_TOKEN: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (err += d));
  const finished = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    proc,
    stdout: () => out,
    stderr: () => err,
    exited: () => proc.exitCode !== null || proc.signalCode !== null,
    async kill9() {
      proc.kill('SIGKILL');
      await finished;
    },
    done: () => finished,
  };
}

export async function waitUntil(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Opens the ledger as the next launch would (recovering the WAL) and runs SQLite's own consistency check. */
export function integrityCheck(file: string): string {
  const db = new Database(file);
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

export function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
