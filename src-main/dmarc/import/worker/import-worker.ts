import { parentPort, workerData } from 'node:worker_threads';
import { openLedger } from '../../../ledger/open';
import { importReports } from '../import-reports';
import type { FromWorker, ImportWorkerData, RowWriterData, ToWorker } from './messages';
import { serveRowWriter } from './row-writer-thread';
import { toWire } from './wire-error';

/**
 * Worker entry (built as its own file, `dmarc-import-worker.js`): runs one `importReports` on its own connection
 * to the ledger, so parsing, the staged copy and the WAL checkpoints of a big report never block the event loop
 * of the process that asked for it (the desktop main process, the browser host). Everything the import does is
 * unchanged: same staging, same short write transactions, same outcomes.
 *
 * Started with `{ role: 'row-writer' }`, the same entry is the import's row writer instead (row-writer-thread.ts):
 * one built file for both threads.
 */
const port = parentPort!;
const data = workerData as ImportWorkerData | RowWriterData;
if ('role' in data) serveRowWriter(port, data.ledgerFile, data.observeWrites);
else await runImport(data);

async function runImport(data: ImportWorkerData): Promise<void> {
  const controller = new AbortController();
  port.on('message', (m: ToWorker) => {
    if (m.type === 'abort') controller.abort();
  });
  const post = (m: FromWorker) => port.postMessage(m);

  try {
    const db = openLedger(data.ledgerFile);
    let result;
    try {
      result = await importReports(db, data.paths, {
        caps: data.caps,
        signal: controller.signal,
        now: data.importedAt ? () => new Date(data.importedAt!) : undefined,
        onProgress: (progress) => post({ type: 'progress', progress }),
      });
      // Copy the report's pages from the WAL into the ledger here, not on the next commit of the main thread's
      // connection (which would then pay for the whole import's checkpoint). PASSIVE never waits for readers.
      db.pragma('wal_checkpoint(PASSIVE)');
    } finally {
      db.close();
    }
    // Only now: the caller's import is over when every commit and checkpoint is.
    post({ type: 'done', result });
  } catch (err) {
    post({ type: 'failed', error: toWire(err) });
  }
}
