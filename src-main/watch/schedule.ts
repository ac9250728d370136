import type { Clock } from '../core/clock';
import { startRepeating } from '../core/schedule';

export interface WatchScheduleOptions {
  /** Read at every tick, so Settings apply without a restart. 0 = off. */
  intervalHours: () => number;
  /** Quiet hours in local time: from (inclusive) to (exclusive); equal = none. */
  quiet: () => { from: number; to: number };
  run: () => Promise<unknown>;
  onError: (err: unknown) => void;
  clock?: Clock;
  tickMs?: number;
  /** The local hour of a time (injected for tests). */
  hourOf?: (ms: number) => number;
}

export function inQuietHours(hour: number, q: { from: number; to: number }): boolean {
  if (q.from === q.to) return false;
  return q.from < q.to ? hour >= q.from && hour < q.to : hour >= q.from || hour < q.to;
}

/**
 * Long-lived doors run a watch round whenever the interval has passed since the last one, outside the quiet hours
 * (a round due at night waits for the morning). The first round comes one interval after start, not at once: a
 * restart does not recheck every domain. Never two at once; a failed round counts as a round (core/schedule.ts).
 */
export function startWatchSchedule(opts: WatchScheduleOptions): { stop(): Promise<void> } {
  const hourOf = opts.hourOf ?? ((ms: number) => new Date(ms).getHours());
  return startRepeating({
    intervalHours: opts.intervalHours,
    run: opts.run,
    onError: opts.onError,
    first: 'after-interval',
    allowedAt: (ms) => !inQuietHours(hourOf(ms), opts.quiet()),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.tickMs !== undefined ? { tickMs: opts.tickMs } : {}),
  });
}
