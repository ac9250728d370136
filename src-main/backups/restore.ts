import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { nativeBindingPath } from '../ledger/native-binding';
import { openLedger, type Db } from '../ledger/open';
import { onlineCopy } from './online-copy';
import { removeAbandoned, RESTORE_TMP } from './abandoned';
import { inspectLedgerFile, type LedgerFileInfo } from './inspect';
import { fsyncDir, takeSnapshot } from './snapshot';
import { snapshotTakenAt } from './snapshot-files';

export interface RestoreResult {
  restoredFrom: string;
  snapshotDate: string;
  tenants: number;
  reports: number;
  schemaVersion: number;
  /** Schema of the file before it was migrated forward (equal to schemaVersion when it was current). */
  fromSchemaVersion: number;
  /** Where the ledger as it was before the restore was kept (a snapshot, or the damaged file set aside). */
  keptCurrentAs: string;
}

const binding = () => {
  const b = nativeBindingPath();
  return b ? { nativeBinding: b } : {};
};

/**
 * Checks `file` and makes a migrated working copy of it beside the ledger (the snapshot itself is never
 * changed). Refusals (not a ledger, newer, damaged) happen here, before anything about the ledger changes.
 */
export async function prepareRestore(file: string, ledgerFile: string): Promise<{ work: string; info: LedgerFileInfo; from: number; date: string }> {
  const source = path.resolve(file);
  const original = inspectLedgerFile(source);
  removeAbandoned(path.dirname(ledgerFile), RESTORE_TMP);
  const work = path.join(path.dirname(ledgerFile), `.restore-${process.pid}.sqlite`);
  for (const f of [work, `${work}-wal`, `${work}-shm`, `${work}-journal`]) fs.rmSync(f, { force: true });
  fs.closeSync(fs.openSync(work, 'wx', 0o600));
  const src = new Database(source, { readonly: true, fileMustExist: true, ...binding() });
  try {
    await onlineCopy(src, work);
  } finally {
    src.close();
  }
  // An older snapshot is migrated forward on the copy, as the next start would migrate an old ledger.
  const migrated = openLedger(work);
  migrated.pragma('journal_mode = DELETE');
  migrated.close();
  const info = inspectLedgerFile(work);
  return { work, info, from: original.schemaVersion, date: snapshotTakenAt(source) ?? fs.statSync(source).mtime.toISOString() };
}

/**
 * Restores into the live ledger through SQLite's backup API: the copy is written by one write transaction on the
 * ledger itself, so a kill -9 at any moment leaves the old ledger (uncommitted WAL frames are ignored) or the new
 * one (committed), never a mix. The file, its -wal and its inode stay the same, so every open connection — this
 * console's, another process's — simply sees a new ledger (its data_version changes) instead of writing on into a
 * replaced file. Before anything changes, the current ledger is kept as a snapshot.
 */
export async function restoreIntoLedger(file: string, live: { db: Db; ledgerFile: string; backupsDir: string }): Promise<RestoreResult> {
  const prep = await prepareRestore(file, live.ledgerFile);
  try {
    const kept = await takeSnapshot(live.db, { dir: live.backupsDir, keep: 0, label: 'before-restore' });
    const work = new Database(prep.work, { readonly: true, fileMustExist: true, ...binding() });
    try {
      // One write transaction on the ledger, however many steps: SQLite holds the destination's lock to the end.
      await onlineCopy(work, live.ledgerFile);
    } finally {
      work.close();
    }
    return result(file, prep, kept.file);
  } finally {
    fs.rmSync(prep.work, { force: true });
  }
}

/**
 * The ledger itself cannot be opened (damaged): there is no live database to restore into. The damaged file and
 * its -wal/-shm are kept (hard links, so nothing is copied or lost), its -wal is removed so that it can never be
 * applied to the new file, and the verified copy is renamed over it — one atomic rename.
 */
export async function replaceDamagedLedger(file: string, ledgerFile: string, now = new Date()): Promise<RestoreResult> {
  const prep = await prepareRestore(file, ledgerFile);
  const aside = `${ledgerFile}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(ledgerFile + suffix)) linkOrCopy(ledgerFile + suffix, aside + suffix);
  }
  fsyncDir(path.dirname(ledgerFile));
  fs.rmSync(`${ledgerFile}-wal`, { force: true });
  fs.rmSync(`${ledgerFile}-shm`, { force: true });
  fs.renameSync(prep.work, ledgerFile);
  fsyncDir(path.dirname(ledgerFile));
  return result(file, prep, aside);
}

function linkOrCopy(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
    fs.chmodSync(to, 0o600);
  }
}

function result(file: string, prep: Awaited<ReturnType<typeof prepareRestore>>, kept: string): RestoreResult {
  return {
    restoredFrom: path.resolve(file),
    snapshotDate: prep.date,
    tenants: prep.info.tenants,
    reports: prep.info.reports,
    schemaVersion: prep.info.schemaVersion,
    fromSchemaVersion: prep.from,
    keptCurrentAs: kept,
  };
}

export function describeRestore(r: RestoreResult): string {
  const migrated = r.fromSchemaVersion < r.schemaVersion ? ` (migrated from schema ${r.fromSchemaVersion} to ${r.schemaVersion})` : '';
  return `Restored ${r.tenants} tenant(s) and ${r.reports} DMARC report(s) from the snapshot of ${r.snapshotDate}${migrated}. The ledger as it was is kept at ${r.keptCurrentAs}.`;
}
