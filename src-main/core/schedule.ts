import { realClock, type Clock } from './clock';

export interface RepeatOptions {
  /** Read at every tick, so a changed setting applies without a restart. 0 or less = off. */
  intervalHours: () => number;
  run: () => Promise<unknown>;
  /** A failed run counts as a run (no retry storm every tick): it is reported here, the next comes an interval later. */
  onError: (err: unknown) => void;
  /** 'at-start': due at once (a snapshot when the app opens); 'after-interval': one interval after start. */
  first: 'at-start' | 'after-interval';
  /** Milliseconds before the first look (default 0: at once). */
  firstLookAfterMs?: number;
  /** Asked when a run is due: false = not now, look again next tick (quiet hours). */
  allowedAt?: (ms: number) => boolean;
  clock?: Clock;
  /** How often to look whether a run is due: coarse on purpose, a run a minute late is fine. */
  tickMs?: number;
}

/**
 * The one tick loop of long-lived doors (issue #16: backups and the watch each had a copy). Runs `run` whenever
 * the interval has passed since the last start, never two at once; `stop()` waits for a run under way.
 */
export function startRepeating(opts: RepeatOptions): { stop(): Promise<void> } {
  const clock = opts.clock ?? realClock;
  const tickMs = opts.tickMs ?? 60_000;
  let last = opts.first === 'at-start' ? -Infinity : clock.now();
  let running: Promise<void> | undefined;
  let timer: unknown;
  let stopped = false;

  const runIfDue = () => {
    const hours = opts.intervalHours();
    if (stopped || running || hours <= 0) return;
    if (clock.now() - last < hours * 3600_000) return;
    if (opts.allowedAt && !opts.allowedAt(clock.now())) return;
    last = clock.now();
    running = opts
      .run()
      .then(() => undefined, opts.onError)
      .finally(() => (running = undefined));
  };
  const tick = () => {
    runIfDue();
    if (!stopped) timer = clock.setTimeout(tick, tickMs);
  };
  if (opts.firstLookAfterMs) timer = clock.setTimeout(tick, opts.firstLookAfterMs);
  else tick();
  return {
    async stop() {
      stopped = true;
      clock.clearTimeout(timer);
      await running;
    },
  };
}
