import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-renderer/app/client';
import { retryWhileBusy } from '../../../src-renderer/app/busy-retry';

const busy = () => new ApiError('ledger.busy', 'The ledger is busy (held by behalf dmarc import (pid 7)); nothing was saved.', 'Try again in a moment.');
const noSleep = async () => {};

/** Issue #21: a form's save refused as ledger.busy is tried again (saying so), never dropped. */
describe('retryWhileBusy', () => {
  it('tries again after each busy answer and returns the save once the ledger is free', async () => {
    let calls = 0;
    const waits: number[] = [];
    const saved = await retryWhileBusy(
      async () => {
        calls++;
        if (calls < 3) throw busy();
        return 'saved';
      },
      (err, ms) => {
        expect(err.code).toBe('ledger.busy');
        waits.push(ms);
      },
      [10, 20, 40],
      noSleep,
    );
    expect(saved).toBe('saved');
    expect(calls).toBe(3);
    expect(waits).toEqual([10, 20]);
  });

  it('gives the last busy error back when the ledger stays busy', async () => {
    let calls = 0;
    const attempt = retryWhileBusy(
      async () => {
        calls++;
        throw busy();
      },
      () => {},
      [1, 1],
      noSleep,
    );
    await expect(attempt).rejects.toMatchObject({ code: 'ledger.busy' });
    expect(calls).toBe(3);
  });

  it('does not repeat a save that failed for any other reason', async () => {
    let calls = 0;
    const attempt = retryWhileBusy(
      async () => {
        calls++;
        throw new ApiError('tenant.domain-taken', 'taken');
      },
      () => {},
      [1],
      noSleep,
    );
    await expect(attempt).rejects.toMatchObject({ code: 'tenant.domain-taken' });
    expect(calls).toBe(1);
  });
});
