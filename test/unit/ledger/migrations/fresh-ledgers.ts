import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Migration } from '../../../../src-main/ledger/migration';
import { openLedger, type Db } from '../../../../src-main/ledger/open';

/**
 * Real ledger files with just the given migrations applied, each in its own temp folder, closed and removed
 * after every test of the calling file.
 */
export function freshLedgers(prefix: string): (list: readonly Migration[]) => Db {
  const opened: Array<{ db: Db; dir: string }> = [];
  afterEach(() => {
    for (const { db, dir } of opened.splice(0)) {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  return (list) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    const db = openLedger(path.join(dir, 'ledger.sqlite'), list);
    opened.push({ db, dir });
    return db;
  };
}

/**
 * Paths of ledger files not made yet, each in its own temp folder, removed after every test of the calling file:
 * for a test that opens the same file twice (before and after a migration).
 */
export function freshLedgerFiles(prefix: string): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(dir);
    return path.join(dir, 'ledger.sqlite');
  };
}
