import fs from 'node:fs';
import path from 'node:path';
import { BehalfError } from '../../src-preload/api/errors';
import type { Db } from '../ledger/open';
import type { Cell, TableRows } from '../ledger/table-rows-repo';
import { writeTransaction } from '../ledger/write-transaction';
import { parseCsv } from './csv-cells';
import { EXPORT_FORMAT_NAME, type ExportManifest } from './export-ledger';
import { LATEST_SCHEMA } from './inspect';
import { LEDGER_OWNERS } from './ledger-owners';

/**
 * Reads an export (`behalf export`) into an EMPTY ledger: merging into a ledger with rows would mix two histories
 * (ids would collide, audit trails would interleave), so a ledger with any row is refused and left as it was.
 * All or nothing: one write transaction. It holds the write lock for the whole import, which the "short
 * transactions" rule (docs/ledger-concurrency.md) otherwise forbids; a new, empty ledger has nobody else waiting
 * on it, and a half-imported ledger would be worse than a wait.
 */
export function importLedger(db: Db, dir: string): { tables: number; rows: number } {
  const manifest = readManifest(dir);
  const tables = manifest.tables.map((t) => readTable(dir, manifest.encoding, t));
  const known = new Set(LEDGER_OWNERS.flatMap((o) => o.names));
  const foreign = tables.filter((t) => !known.has(t.name)).map((t) => t.name);
  if (foreign.length) throw invalid(dir, `it names table(s) this Behalf does not export: ${foreign.join(', ')}`);
  writeTransaction(db, () => {
    const used = LEDGER_OWNERS.flatMap((o) => o.names.map((name) => ({ name, rows: o.rowCount(db) }))).filter((t) => t.rows > 0);
    if (used.length) {
      throw new BehalfError(
        'import.not-empty',
        `This ledger is not empty (${used.map((t) => `${t.name}: ${t.rows}`).join(', ')}); nothing was imported.`,
        'Import into a new data directory: behalf --home NEW_DIR import-ledger DIR.',
      );
    }
    for (const owner of LEDGER_OWNERS) owner.importRows(db, tables);
  });
  return { tables: tables.length, rows: tables.reduce((n, t) => n + t.rows.length, 0) };
}

function readManifest(dir: string): ExportManifest {
  let m: ExportManifest;
  try {
    m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as ExportManifest;
  } catch (err) {
    throw invalid(dir, `manifest.json cannot be read (${(err as Error).message})`);
  }
  if (m?.format !== EXPORT_FORMAT_NAME || m.formatVersion !== 1 || !Array.isArray(m.tables))
    throw invalid(dir, 'manifest.json is not a Behalf ledger export (format 1)');
  if (m.encoding !== 'json' && m.encoding !== 'csv') throw invalid(dir, `unknown encoding ${String(m.encoding)}`);
  if (!(m.schemaVersion <= LATEST_SCHEMA)) {
    throw new BehalfError(
      'import.too-new',
      `${dir} was exported by a newer Behalf (schema ${m.schemaVersion}; this build knows up to ${LATEST_SCHEMA}).`,
      'Update Behalf first.',
    );
  }
  return m;
}

function readTable(dir: string, encoding: 'json' | 'csv', t: ExportManifest['tables'][number]): TableRows {
  const file = path.join(dir, path.basename(t.file));
  try {
    const text = fs.readFileSync(file, 'utf8');
    const rows: Cell[][] =
      encoding === 'csv' ? parseCsv(text).slice(1) : (JSON.parse(text) as Record<string, Cell>[]).map((o) => t.columns.map((c) => (c in o ? o[c]! : null)));
    if (rows.length !== t.rows) throw new Error(`${rows.length} rows, the manifest says ${t.rows}`);
    if (rows.some((r) => r.length !== t.columns.length)) throw new Error('a row has a different number of columns than the header');
    return { name: t.name, columns: t.columns, rows };
  } catch (err) {
    throw invalid(dir, `${t.file}: ${(err as Error).message}`);
  }
}

const invalid = (dir: string, why: string) =>
  new BehalfError('import.invalid', `${dir} cannot be imported: ${why}. Nothing was imported.`, 'Give the folder written by behalf export, unchanged.');
