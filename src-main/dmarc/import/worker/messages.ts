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

export type ToWorker = { type: 'abort' };

export type FromWorker =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; result: ImportResult }
  | { type: 'failed'; error: { name: string; message: string; code?: string; hint?: string; stack?: string } };
