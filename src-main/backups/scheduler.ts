import { realClock, type Clock } from '../core/clock';

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
 * reported and the next one comes an interval later. Never two at once.
 */
export function startBackupSchedule(opts: ScheduleOptions): { stop(): Promise<void> } {
  const clock = opts.clock ?? realClock;
  const tickMs = opts.tickMs ?? 60_000;
  let lastAttempt = -Infinity;
  let running: Promise<void> | undefined;
  let timer: unknown;
  let stopped = false;

  const runIfDue = () => {
    if (stopped || running) return;
    if (clock.now() - lastAttempt < opts.intervalHours() * 3600_000) return;
    lastAttempt = clock.now();
    running = opts
      .take()
      .then(() => undefined, opts.onError)
      .finally(() => (running = undefined));
  };
  const tick = () => {
    runIfDue();
    if (!stopped) timer = clock.setTimeout(tick, tickMs);
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clock.clearTimeout(timer);
      await running;
    },
  };
}
