import { parentPort, workerData } from 'node:worker_threads';
import { makeStandalone, type SnapshotCheck } from '../snapshot-check';

/**
 * Worker entry (built as its own file, `snapshot-check-worker.js`): turns a fresh snapshot copy into a standalone
 * file and checks it (integrity_check reads every page: seconds for a large ledger), on its own connection, so
 * the desktop main process and `behalf serve` stay responsive while a snapshot is taken.
 */
const file = (workerData as { file: string }).file;
let reply: SnapshotCheck;
try {
  reply = { ok: true, info: makeStandalone(file) };
} catch (err) {
  const e = err as Error & { code?: unknown; hint?: unknown };
  reply = {
    ok: false,
    error: {
      message: e.message ?? String(err),
      code: typeof e.code === 'string' ? e.code : undefined,
      hint: typeof e.hint === 'string' ? e.hint : undefined,
    },
  };
}
parentPort!.postMessage(reply);
