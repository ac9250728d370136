import type { Clock } from '../core/clock';
import { startRepeating } from '../core/schedule';

export type { Clock };

export interface ScheduleOptions {
  /** Read at every tick, so a changed setting applies without a restart. */
  intervalHours: () => number;
  take: () => Promise<unknown>;
  onError: (err: unknown) => void;
  clock?: Clock;
  /** How often to look whether a snapshot is due: coarse on purpose, a snapshot a minute late is fine. */
  tickMs?: number;
  /** When the start's snapshot is taken (default START_SNAPSHOT_AFTER_MS). */
  startSnapshotAfterMs?: number;
}

/**
 * The snapshot "at start" waits this long. Copying and checking the ledger (seconds for a big one) competed with
 * the first screen for the machine's cores and its disk: with 100,000 tenants the console's first rows were painted
 * ~0.2–0.4 s later (bench P5). What a user changes in these seconds is in that snapshot too; the state before it
 * is in the snapshot kept from the last interval or start.
 */
export const START_SNAPSHOT_AFTER_MS = 10_000;

/**
 * Long-lived doors (the desktop app, `behalf serve`) take a snapshot soon after start and then whenever the interval has
 * passed since the last attempt. A failed attempt counts as an attempt (no retry storm every tick); it is
 * reported and the next one comes an interval later. Never two at once. The loop is core/schedule.ts.
 */
export function startBackupSchedule(opts: ScheduleOptions): { stop(): Promise<void> } {
  return startRepeating({
    intervalHours: opts.intervalHours,
    run: opts.take,
    onError: opts.onError,
    first: 'at-start',
    firstLookAfterMs: opts.startSnapshotAfterMs ?? START_SNAPSHOT_AFTER_MS,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.tickMs !== undefined ? { tickMs: opts.tickMs } : {}),
  });
}
