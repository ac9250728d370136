import { ApiError } from './client';

/** Waits between tries of a save the ledger refused as busy: long enough for a stuck moment to pass. */
const BUSY_RETRY_DELAYS_MS = [1000, 2000, 4000] as const;

function isLedgerBusy(err: unknown): err is ApiError {
  return err instanceof ApiError && err.code === 'ledger.busy';
}

/**
 * Runs a save; when main answers `ledger.busy` (another program held the ledger's write lock past main's own
 * wait, and nothing was written) it tries again after each of `delays`, telling the caller before each wait so
 * the form can say so. Only for saves that are pure ledger writes: repeating them is then always safe. Any
 * other error, or the last busy one, is thrown — the form keeps what the operator typed either way.
 */
export async function retryWhileBusy<T>(
  save: () => Promise<T>,
  onWait: (err: ApiError, delayMs: number) => void,
  delays: readonly number[] = BUSY_RETRY_DELAYS_MS,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await save();
    } catch (err) {
      const delay = delays[attempt];
      if (!isLedgerBusy(err) || delay === undefined) throw err;
      onWait(err, delay);
      await sleep(delay);
    }
  }
}
