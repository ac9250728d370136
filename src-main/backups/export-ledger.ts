import fs from 'node:fs';
import path from 'node:path';
import { BehalfError } from '../../src-preload/api/errors';
import { makePrivateDir, schemaVersion, type Db } from '../ledger/open';
import type { TableRows } from '../ledger/table-rows-repo';
import { readSnapshot } from '../ledger/write-transaction';
import { csvLine } from './csv-cells';
import { LEDGER_OWNERS } from './ledger-owners';

export type ExportFormat = 'json' | 'csv';
export const EXPORT_FORMAT_NAME = 'behalf-ledger-export';

export interface ExportManifest {
  format: typeof EXPORT_FORMAT_NAME;
  formatVersion: 1;
  schemaVersion: number;
  encoding: ExportFormat;
  tables: { name: string; file: string; columns: string[]; rows: number }[];
}

/**
 * Writes every user-owned table to `dir` (docs/backups.md describes the shapes): manifest.json plus one file per
 * table. Deterministic — same ledger, same bytes (no timestamps, rows in key order) — so an export can be
 * compared with another, and a round trip through import-ledger can be checked byte for byte. Files are 0600 in
 * a 0700 folder: they hold customers' contacts and reports.
 */
export function exportLedger(db: Db, dir: string, format: ExportFormat): ExportManifest {
  makePrivateDir(dir);
  if (fs.readdirSync(dir).length)
    throw new BehalfError('export.not-empty', `${dir} is not empty.`, 'Export into a new or empty folder, so no file of an older export is mixed in.');
  // One read snapshot for all tables: a writer in another process cannot make tenants and their tags disagree.
  return readSnapshot(db, () => {
    const manifest: ExportManifest = { format: EXPORT_FORMAT_NAME, formatVersion: 1, schemaVersion: schemaVersion(db), encoding: format, tables: [] };
    for (const owner of LEDGER_OWNERS) {
      for (const t of owner.exportRows(db)) {
        const file = `${t.name}.${format}`;
        writeTable(path.join(dir, file), t, format);
        manifest.tables.push({ name: t.name, file, columns: t.columns, rows: t.rows.length });
      }
    }
    writePrivate(path.join(dir, 'manifest.json'), (fd) => fs.writeSync(fd, JSON.stringify(manifest, null, 2) + '\n'));
    return manifest;
  });
}

function writeTable(file: string, t: TableRows, format: ExportFormat): void {
  writePrivate(file, (fd) => {
    if (format === 'csv') {
      fs.writeSync(fd, t.columns.map((c) => `"${c}"`).join(',') + '\n');
      for (const r of t.rows) fs.writeSync(fd, csvLine(r) + '\n');
      return;
    }
    // One object per line, keys in column order: readable, diffable, and streamable for big DMARC tables.
    fs.writeSync(fd, '[');
    t.rows.forEach((r, i) => fs.writeSync(fd, `${i ? ',' : ''}\n${JSON.stringify(Object.fromEntries(t.columns.map((c, j) => [c, r[j]])))}`));
    fs.writeSync(fd, t.rows.length ? '\n]\n' : ']\n');
  });
}

function writePrivate(file: string, write: (fd: number) => void): void {
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    write(fd);
  } finally {
    fs.closeSync(fd);
  }
}
