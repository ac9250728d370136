import type { Services } from '../../app/services';
import { exportLedger } from '../../backups/export-ledger';
import { importLedger } from '../../backups/import-ledger';
import { GLOBAL_OPTIONS, parse } from '../args';
import { EXIT, UsageError, type Io } from '../output';

/** `behalf export --out DIR [--format json|csv]`: every table the user owns, no secrets (docs/backups.md). */
export function exportCommand(s: Services, argv: string[], io: Io): number {
  const { values } = parse(argv, { ...GLOBAL_OPTIONS, out: { type: 'string' }, format: { type: 'string', default: 'json' } });
  if (!values.out) throw new UsageError('name the folder: behalf export --out DIR [--format json|csv]');
  if (values.format !== 'json' && values.format !== 'csv') throw new UsageError(`--format is json or csv, not "${values.format}".`);
  const manifest = exportLedger(s.db, values.out, values.format);
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  io.out(values.json ? JSON.stringify({ dir: values.out, ...manifest }) : `Exported ${manifest.tables.length} tables (${rows} rows) to ${values.out}.`);
  return EXIT.ok;
}

/** `behalf import-ledger DIR`: an export read into an empty ledger. */
export function importLedgerCommand(s: Services, argv: string[], io: Io): number {
  const { values, positionals } = parse(argv, GLOBAL_OPTIONS);
  if (!positionals[0]) throw new UsageError('name the export folder: behalf import-ledger DIR');
  const result = importLedger(s.db, positionals[0]);
  io.out(values.json ? JSON.stringify(result) : `Imported ${result.rows} rows in ${result.tables} tables.`);
  return EXIT.ok;
}
