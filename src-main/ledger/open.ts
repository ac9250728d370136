import Database from 'better-sqlite3';
import { cacheStatements } from './statement-cache';
import fs from 'node:fs';
import path from 'node:path';
import { BehalfError } from '../../src-preload/api/errors';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migration';
import { nativeBindingPath } from './native-binding';
import { rethrowBusy } from './busy';
import { writeTransaction } from './write-transaction';

export type Db = Database.Database;

/**
 * How long a writer waits for another process's write transaction before it gives up with `ledger.busy`.
 * Every write transaction is kept short (bulk work commits in slices of ≤ ~50 ms, see
 * docs/ledger-concurrency.md), so even a queue of several writers clears in well under a second; 5 s is
 * that with a wide margin, and still short enough that a console whose lock is held by a stuck program says
 * so (and retries) instead of looking frozen. The wait blocks the waiting process's event loop, which is
 * why it is not longer.
 */
export const LEDGER_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) the ledger file with WAL and foreign keys, then applies pending migrations,
 * each in its own transaction. A database written by a newer Behalf is refused, not "downgraded".
 */
export function openLedger(file: string, migrations: readonly Migration[] = allMigrations): Db {
  if (file !== ':memory:') makePrivateDir(path.dirname(file));
  const binding = nativeBindingPath();
  const db = new Database(file, binding ? { nativeBinding: binding } : {});
  // Owner-only: the ledger holds customers' contacts and reports. SQLite gives -wal/-shm the main file's mode.
  if (file !== ':memory:') restrictToOwner(file);
  try {
    // First, so that even switching to WAL waits for a process that is busy with the file.
    db.pragma(`busy_timeout = ${LEDGER_BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    cacheStatements(db);
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    rethrowBusy(err, file);
  }
}

function restrictToOwner(file: string): void {
  try {
    fs.chmodSync(file, 0o600);
  } catch (err) {
    // Someone else's file (opened read/write through group rights): leave its mode to its owner.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
  }
}

/** Makes an existing folder that is Behalf's alone (Electron's userData) owner-only. */
export function restrictDirToOwner(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

/** Creates the data folder owner-only (0700). A folder that already exists is left as its owner set it. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db, migrations: readonly Migration[]): void {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const current = schemaVersion(db);
  if (current > latest) {
    throw new BehalfError(
      'ledger.too-new',
      `This ledger was written by a newer Behalf (schema ${current}; this build knows up to ${latest}).`,
      'Update Behalf to the latest version, or point it at another data directory with --home.',
    );
  }
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    writeTransaction(db, () => {
      // Another process may have applied it while we waited for the lock.
      if (schemaVersion(db) >= m.version) return;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    });
  }
}
