import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { BehalfError } from '../../src-preload/api/errors';
import { nativeBindingPath } from '../ledger/native-binding';
import { checkWorkerScript } from './check-worker/worker-script';
import { inspectLedgerFile, type LedgerFileInfo } from './inspect';

/** What the check worker answers: the snapshot's facts, or the error that discarded it. */
export type SnapshotCheck = { ok: true; info: LedgerFileInfo } | { ok: false; error: { message: string; code?: string; hint?: string } };

/**
 * A fresh snapshot copy made standalone (its own rollback-journal file, movable anywhere) and verified
 * (integrity_check, a schema this build knows). Synchronous: the worker runs it, or the caller's thread when no
 * worker can start.
 */
export function makeStandalone(file: string): LedgerFileInfo {
  const binding = nativeBindingPath();
  const db = new Database(file, binding ? { nativeBinding: binding } : {});
  try {
    // The copy keeps the source's WAL flag; switch it to a single self-contained file.
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  try {
    return inspectLedgerFile(file);
  } catch (err) {
    const why = err instanceof BehalfError ? err.message : String(err);
    throw new BehalfError(
      'backup.unverified',
      `The new snapshot failed its check and was discarded: ${why}`,
      'Older snapshots were kept. Try again; if it repeats, run behalf restore on the latest good snapshot.',
    );
  }
}

/** Pages per backup step after the first: all of them, in one read transaction of the worker's own connection. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the committed ledger at `source` into `file` through a connection of the calling thread's own (the worker's):
 * SQLite's online backup API, the rest in one step after the first, so the writers of the console (another
 * connection now) cannot restart it step after step. One step holds only a WAL read snapshot: no writer waits.
 */
export async function copyLedgerFile(source: string, file: string): Promise<void> {
  const binding = nativeBindingPath();
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5000, ...(binding ? { nativeBinding: binding } : {}) });
  try {
    await db.backup(file, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
}

/**
 * `makeStandalone` on a worker thread, after copying the ledger there too when `source` (its file) is given:
 * integrity_check reads every page of the copy, which at 100,000 tenants held the main thread 2.8 s at every start
 * of the console (bench P5), and the copy's steps held it 18 s at every start with a year of DMARC rows (bench P8).
 */
export function checkSnapshotOffThread(file: string, source?: string): Promise<LedgerFileInfo> {
  const script = checkWorkerScript();
  if (!script) return (source ? copyLedgerFile(source, file) : Promise.resolve()).then(() => makeStandalone(file));
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { file, source } });
    let answered = false;
    worker.once('message', (m: SnapshotCheck) => {
      answered = true;
      if (m.ok) resolve(m.info);
      else reject(m.error.code ? new BehalfError(m.error.code, m.error.message, m.error.hint) : new Error(m.error.message));
    });
    worker.once('error', (err) => {
      answered = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the snapshot check stopped (exit ${code}) before answering`));
    });
  });
}
