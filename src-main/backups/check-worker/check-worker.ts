import { parentPort, workerData } from 'node:worker_threads';
import { copyLedgerFile, makeStandalone, type SnapshotCheck } from '../snapshot-check';

/**
 * Worker entry (built as its own file, `snapshot-check-worker.js`): copies the ledger when given its file, then turns
 * the copy into a standalone file and checks it (integrity_check reads every page: seconds for a large ledger), all
 * on its own connections, so the desktop main process and `behalf serve` stay responsive while a snapshot is taken.
 */
const { file, source } = workerData as { file: string; source?: string };

async function check(): Promise<SnapshotCheck> {
  try {
    if (source) await copyLedgerFile(source, file);
    return { ok: true, info: makeStandalone(file) };
  } catch (err) {
    const e = err as Error & { code?: unknown; hint?: unknown };
    return {
      ok: false,
      error: {
        message: e.message ?? String(err),
        code: typeof e.code === 'string' ? e.code : undefined,
        hint: typeof e.hint === 'string' ? e.hint : undefined,
      },
    };
  }
}

parentPort!.postMessage(await check());
