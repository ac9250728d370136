import type { Database } from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { BehalfError } from '../../../../src-preload/api/errors';
import { importReports, type ImportOptions, type ImportResult } from '../import-reports';
import type { FromWorker, ImportWorkerData, ToWorker } from './messages';
import { importWorkerScript } from './worker-script';
import { rebuildError } from './wire-error';

/**
 * `importReports` on a worker thread with its own connection to the same ledger file (issue #17): a 100 MB report
 * used to stall this thread's event loop for 100+ ms (the final commits and the WAL checkpoint they trigger), which
 * froze the desktop console. Results, progress, cancellation and errors are the same as `importReports`.
 *
 * An in-memory ledger cannot be opened twice, so it is imported on this thread, as is everything when no built
 * worker entry is found (a bundle that left it out).
 */
export async function importReportsOffThread(db: Database, paths: readonly string[], options: ImportOptions = {}): Promise<ImportResult> {
  const script = importWorkerScript();
  if (db.memory || !script) return importReports(db, paths, options);
  const data: ImportWorkerData = { ledgerFile: db.name, paths: [...paths], caps: options.caps, importedAt: options.now?.().toISOString() };
  const worker = new Worker(script, { workerData: data });
  const abort = () => worker.postMessage({ type: 'abort' } satisfies ToWorker);
  if (options.signal?.aborted) abort();
  options.signal?.addEventListener('abort', abort);
  try {
    return await new Promise<ImportResult>((resolve, reject) => {
      let settled = false;
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'progress') options.onProgress?.(m.progress);
        else if (m.type === 'done') {
          settled = true;
          resolve(m.result);
        } else {
          settled = true;
          reject(rebuildError(m.error));
        }
      });
      worker.on('error', (err) => {
        settled = true;
        reject(err);
      });
      worker.on('exit', (code) => {
        if (!settled)
          reject(
            new BehalfError(
              'dmarc.import-worker-exited',
              `The import stopped unexpectedly (worker exit code ${code}).`,
              'Try again; if it repeats, import the files with the CLI to see more.',
            ),
          );
      });
    });
  } finally {
    options.signal?.removeEventListener('abort', abort);
    // The worker ends by itself after its last message; terminate only makes sure of it.
    await worker.terminate();
  }
}
