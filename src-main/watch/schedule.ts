import { realClock, type Clock } from '../core/clock';

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
 * restart does not recheck every domain. Never two at once; a failed round counts as a round.
 */
export function startWatchSchedule(opts: WatchScheduleOptions): { stop(): Promise<void> } {
  const clock = opts.clock ?? realClock;
  const tickMs = opts.tickMs ?? 60_000;
  const hourOf = opts.hourOf ?? ((ms) => new Date(ms).getHours());
  let last = clock.now();
  let running: Promise<void> | undefined;
  let timer: unknown;
  let stopped = false;

  const runIfDue = () => {
    const hours = opts.intervalHours();
    if (stopped || running || hours <= 0) return;
    if (clock.now() - last < hours * 3600_000 || inQuietHours(hourOf(clock.now()), opts.quiet())) return;
    last = clock.now();
    running = opts.run().then(() => undefined, opts.onError).finally(() => (running = undefined));
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
