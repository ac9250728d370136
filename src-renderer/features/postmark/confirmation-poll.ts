/**
 * Option 2's quiet wait for the customer's click on Postmark's confirmation e-mail: ask Postmark every 15 s for
 * 10 minutes, stop at the first "confirmed", and say plainly when the window ended without one (so a stale
 * "waiting…" never pretends Behalf is still watching). No React here: the timers are injectable, so a test drives
 * the whole window against the simulator without waiting 10 minutes.
 */
export const CONFIRMATION_POLL_EVERY_MS = 15_000;
export const CONFIRMATION_POLL_FOR_MS = 10 * 60_000;

export interface PollTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  now(): number;
}

const realTimers: PollTimers = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
  now: () => Date.now(),
};

export type PollEnd = { reason: 'confirmed' } | { reason: 'window-ended'; at: number };

export interface ConfirmationPollOptions {
  /** Asks Postmark once; true when the signature is confirmed. A failed ask is tried again at the next tick. */
  check(): Promise<boolean>;
  onEnd(end: PollEnd): void;
  everyMs?: number;
  forMs?: number;
  timers?: PollTimers;
}

/** Starts the wait; returns stop (for unmount or a new round after "Resend confirmation"). */
export function startConfirmationPoll(o: ConfirmationPollOptions): { until: number; stop(): void } {
  const t = o.timers ?? realTimers;
  const every = o.everyMs ?? CONFIRMATION_POLL_EVERY_MS;
  const until = t.now() + (o.forMs ?? CONFIRMATION_POLL_FOR_MS);
  let stopped = false;
  let asking = false;
  const finish = (end: PollEnd) => {
    if (stopped) return;
    stop();
    o.onEnd(end);
  };
  const handle = t.setInterval(() => {
    if (stopped || asking) return; // a slow answer is not asked for twice at once
    if (t.now() >= until) return finish({ reason: 'window-ended', at: t.now() });
    asking = true;
    o.check().then(
      (confirmed) => {
        asking = false;
        if (confirmed) finish({ reason: 'confirmed' });
      },
      () => {
        asking = false;
      },
    );
  }, every);
  function stop() {
    stopped = true;
    t.clearInterval(handle);
  }
  return { until, stop };
}
