import type { Database } from 'better-sqlite3';
import { resolveCaps, type ImportCaps } from './caps';
import type { ReportContext } from './consume-xml';
import { importError, toImportError } from './errors';
import { listImportFiles, type FileTask } from './files';
import type { ReportOutcomes } from './outcomes';
import { importEmlFile } from './read-eml';
import { importMboxFile } from './read-mbox';
import { importPayloadFile } from './read-payload';
import { removeAbandonedReports } from './staging-store';
import { RowWriterThread } from './worker/row-writer-client';

export interface ImportFileError {
  file: string;
  code: string;
  message: string;
}

/** A note on an imported report: what was tolerated in it (codes in repairs.ts). Same shape as an error. */
export type ImportRepair = ImportFileError;

/** The `--json` shape of `behalf dmarc import`. */
export interface ImportResult {
  /** Files examined (after expanding folders; a folder itself is not counted). */
  files: number;
  /** Reports written to the ledger. */
  imported: number;
  /** Reports skipped because (org, report id) was already in the ledger. */
  duplicates: number;
  /** Rows (`<record>` elements) written. */
  records: number;
  /** Messages those rows account for (sum of `count`). */
  messages: number;
  errors: ImportFileError[];
  /** Failure reports (ruf, RFC 6591) written; one already in the ledger counts as a duplicate. */
  failures: number;
  /** Reports imported with something tolerated: one entry per report and kind of trouble. */
  repaired: ImportRepair[];
}

export interface ImportProgress {
  /** The file being worked on ('' once all are done). */
  file: string;
  /** Files finished so far, and how many there are. */
  done: number;
  total: number;
  imported: number;
  duplicates: number;
  records: number;
  errors: number;
  /** Rows read so far from the current file's report (updates every ~10,000 rows on big reports). */
  fileRows: number;
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  caps?: Partial<ImportCaps>;
  /** Clock for `imported_at` (tests). */
  now?: () => Date;
}

/**
 * Imports DMARC aggregate reports from files and folders (.xml, .xml.gz, .zip, .eml, mbox, Maildir), one file after
 * another. Each report is written whole or not at all; a bad file is listed in `errors` and the rest go on.
 * Cancelling (signal) stops before the next report is committed and lists `dmarc.cancelled`.
 */
export async function importReports(db: Database, paths: readonly string[], options: ImportOptions = {}): Promise<ImportResult> {
  const caps = resolveCaps(options.caps);
  const result: ImportResult = { files: 0, imported: 0, duplicates: 0, records: 0, messages: 0, failures: 0, errors: [], repaired: [] };
  const tasks = await listImportFiles(paths);
  const rowWriter = RowWriterThread.start(db.name, db.memory);
  try {
    await importTasks(db, tasks, options, result, caps, rowWriter);
  } finally {
    await rowWriter?.close();
  }
  return result;
}

async function importTasks(
  db: Database,
  tasks: readonly FileTask[],
  options: ImportOptions,
  result: ImportResult,
  caps: ImportCaps,
  rowWriter: RowWriterThread | undefined,
): Promise<void> {
  // A report left half-written by a killed import would otherwise count as a duplicate of itself.
  removeAbandonedReports(db);
  const progress = (file: string, fileRows = 0) =>
    options.onProgress?.({
      file,
      done: result.files,
      total: tasks.length,
      imported: result.imported,
      duplicates: result.duplicates,
      records: result.records,
      errors: result.errors.length,
      fileRows,
    });

  for (const task of tasks) {
    if (options.signal?.aborted) {
      result.errors.push({ file: task.path, code: 'dmarc.cancelled', message: 'The import was cancelled before this file.' });
      break;
    }
    if (task.kind === 'empty-folder') {
      result.errors.push({ file: task.path, code: 'dmarc.no-report-files', message: 'The folder holds no .xml, .xml.gz, .zip or .eml file.' });
      continue;
    }
    progress(task.path);
    let lastRows = 0;
    const ctx: ReportContext = {
      db,
      caps,
      rowWriter,
      sourceFile: task.path,
      importedAt: (options.now?.() ?? new Date()).toISOString(),
      signal: options.signal,
      onRows: (rows) => {
        if (rows - lastRows >= 10_000) {
          lastRows = rows;
          progress(task.path, rows);
        }
      },
    };
    const out: ReportOutcomes = {
      result: (r, entry) => {
        if (r.outcome === 'duplicate') result.duplicates++;
        else {
          result.imported++;
          result.records += r.rows;
          result.messages += r.messages;
          for (const n of r.repairs) result.repaired.push({ file: task.path, code: n.code, message: entry ? `${entry}: ${n.message}` : n.message });
        }
      },
      failure: (stored) => (stored ? result.failures++ : result.duplicates++),
      error: (e, entry) => result.errors.push({ file: task.path, code: e.code, message: entry ? `${entry}: ${e.message}` : e.message }),
    };
    result.files++;
    try {
      await importTask(task, ctx, out);
    } catch (err) {
      const e = toImportError(err);
      out.error(e);
      if (e.code === 'dmarc.cancelled') break;
    }
  }
  progress('');
}

async function importTask(task: FileTask, ctx: ReportContext, out: ReportOutcomes): Promise<void> {
  switch (task.kind) {
    case 'missing':
      throw importError('dmarc.file-not-found', 'No file or folder at this path.');
    case 'unsupported':
      throw importError('dmarc.unsupported-file', 'Not a report file (expected .xml, .xml.gz, .zip, .eml or an mbox file).');
    case 'eml':
      return importEmlFile(task.path, ctx, out);
    case 'mbox':
      return importMboxFile(task.path, ctx, out);
    case 'payload':
      return importPayloadFile(task.path, ctx, out);
    case 'empty-folder':
      return; // reported by the caller without counting it as a file
  }
}

/** Adds one import's tallies to a running total (IMAP fetches and Postmark pulls import in pieces). */
export function addImportResult<T extends ImportResult>(into: T, r: T): void {
  into.files += r.files;
  into.imported += r.imported;
  into.duplicates += r.duplicates;
  into.records += r.records;
  into.messages += r.messages;
  into.failures += r.failures;
  into.errors.push(...r.errors);
  into.repaired.push(...r.repaired);
}
