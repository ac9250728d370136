import { describe, expect, it } from 'vitest';
import { inQuietHours, startWatchSchedule } from '../../../src-main/watch';
import type { Clock } from '../../../src-main/core/clock';

/** A clock that only moves when told, so hours pass without waiting. */
function fakeClock(start = 0) {
  let now = start;
  let pending: { at: number; fn: () => void } | undefined;
  const clock: Clock = { now: () => now, setTimeout: (fn, ms) => (pending = { at: now + ms, fn }), clearTimeout: () => (pending = undefined) };
  const advance = async (ms: number) => {
    const end = now + ms;
    while (pending && pending.at <= end) {
      const p = pending;
      pending = undefined;
      now = p.at;
      p.fn();
      await Promise.resolve();
    }
    now = end;
  };
  return { clock, advance };
}

const HOUR = 3600_000;

describe('the watch schedule', () => {
  it('quiet hours wrap midnight; equal hours mean none', () => {
    expect([21, 22, 23, 0, 6, 7, 12].map((h) => inQuietHours(h, { from: 22, to: 7 }))).toEqual([false, true, true, true, true, false, false]);
    expect(inQuietHours(3, { from: 1, to: 5 })).toBe(true);
    expect(inQuietHours(5, { from: 1, to: 5 })).toBe(false);
    expect(inQuietHours(3, { from: 4, to: 4 })).toBe(false);
  });

  it('0 = off; otherwise a round each interval after start, none in the quiet hours (a due round waits for the morning)', async () => {
    const { clock, advance } = fakeClock(0);
    let interval = 0;
    const rounds: number[] = [];
    const hourOf = (ms: number) => Math.floor(ms / HOUR) % 24; // the fake clock starts at midnight
    const schedule = startWatchSchedule({
      intervalHours: () => interval,
      quiet: () => ({ from: 22, to: 7 }),
      clock,
      tickMs: 60_000,
      hourOf,
      run: async () => void rounds.push(hourOf(clock.now())),
      onError: () => undefined,
    });
    await advance(12 * HOUR);
    expect(rounds).toEqual([]);
    interval = 4; // switched on at noon: the first round comes an interval after start
    await advance(12 * HOUR); // up to midnight
    expect(rounds).toEqual([12, 16, 20]);
    await advance(8 * HOUR); // 00:00 → 08:00: due at 00:00, but quiet until 07:00
    expect(rounds).toEqual([12, 16, 20, 7]);
    await schedule.stop();
    await advance(24 * HOUR);
    expect(rounds).toHaveLength(4);
  });
});
