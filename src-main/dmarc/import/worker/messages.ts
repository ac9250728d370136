import type { WireError } from './wire-error';
import type { ImportCaps } from '../caps';
import type { ImportProgress, ImportResult } from '../import-reports';

/** What the importing thread hands its worker (structured-clone safe: no functions, no signal). */
export interface ImportWorkerData {
  ledgerFile: string;
  paths: string[];
  caps?: Partial<ImportCaps>;
  /** The clock's reading for `imported_at`, when the caller passed one (tests); the worker's own clock otherwise. */
  importedAt?: string;
}

/** What the import thread hands the row writer's thread (the same worker entry, another role). */
export interface RowWriterData {
  role: 'row-writer';
  ledgerFile: string;
  /** The importing thread observes its write transactions (benchmarks): report each of the writer's too. */
  observeWrites: boolean;
}

export type ToWorker = { type: 'abort' };

export type FromWorker = { type: 'progress'; progress: ImportProgress } | { type: 'done'; result: ImportResult } | { type: 'failed'; error: WireError };
