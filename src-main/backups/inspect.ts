import Database from 'better-sqlite3';
import fs from 'node:fs';
import { BehalfError } from '../../src-preload/api/errors';
import { migrations } from '../ledger/migrations';
import { nativeBindingPath } from '../ledger/native-binding';
import type { Db } from '../ledger/open';
import { countTenants } from '../ledger/tenants-repo';
import { hasTable } from '../ledger/table-rows-repo';
import { countReports } from '../dmarc/report-tables';

/** What a ledger file holds, as far as a person choosing a snapshot needs to know. */
export interface LedgerFileInfo {
  schemaVersion: number;
  tenants: number;
  reports: number;
  size: number;
}

export const LATEST_SCHEMA = migrations.reduce((max, m) => Math.max(max, m.version), 0);
const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Opens `file` read-only and refuses, with the reason, anything that is not a whole Behalf ledger this build can
 * read: not SQLite, SQLite but not Behalf's, newer than this build, or failing SQLite's own integrity check.
 * Nothing is written to the file.
 */
export function inspectLedgerFile(file: string): LedgerFileInfo {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile())
    throw new BehalfError('backup.not-found', `No file at ${file}.`, 'Give the path of a snapshot (behalf backup --json lists where they are).');
  if (readMagic(file) !== SQLITE_MAGIC) throw notLedger(file, 'it is not an SQLite database');
  let db: Db | undefined;
  try {
    const binding = nativeBindingPath();
    db = new Database(file, { readonly: true, fileMustExist: true, ...(binding ? { nativeBinding: binding } : {}) });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw corrupt(file, String(integrity));
    const version = db.pragma('user_version', { simple: true }) as number;
    const hasTenants = hasTable(db, 'tenants');
    if (version < 1 || !hasTenants) throw notLedger(file, 'it is an SQLite database, but not a Behalf ledger (no tenants table, no schema version)');
    if (version > LATEST_SCHEMA) {
      throw new BehalfError(
        'restore.too-new',
        `${file} was written by a newer Behalf (schema ${version}; this build knows up to ${LATEST_SCHEMA}).`,
        'Update Behalf first, then restore it.',
      );
    }
    return { schemaVersion: version, tenants: countTenants(db), reports: countReports(db), size: stat.size };
  } catch (err) {
    if (err instanceof BehalfError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') throw corrupt(file, (err as Error).message);
    throw err;
  } finally {
    db?.close();
  }
}

function readMagic(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    fs.closeSync(fd);
  }
}

const notLedger = (file: string, why: string) =>
  new BehalfError(
    'restore.not-a-ledger',
    `${file} is not a Behalf ledger: ${why}.`,
    'Choose a snapshot taken by Behalf (Settings → Backups, or behalf backup).',
  );
const corrupt = (file: string, detail: string) =>
  new BehalfError('restore.corrupt', `${file} fails SQLite's integrity check (${detail.split('\n')[0]}).`, 'Choose another snapshot; this one is damaged.');
