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
}

/**
 * Long-lived doors (the desktop app, `behalf serve`) take a snapshot at start and then whenever the interval has
 * passed since the last attempt. A failed attempt counts as an attempt (no retry storm every tick); it is
 * reported and the next one comes an interval later. Never two at once. The loop is core/schedule.ts.
 */
export function startBackupSchedule(opts: ScheduleOptions): { stop(): Promise<void> } {
  return startRepeating({
    intervalHours: opts.intervalHours,
    run: opts.take,
    onError: opts.onError,
    first: 'at-start',
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.tickMs !== undefined ? { tickMs: opts.tickMs } : {}),
  });
}
