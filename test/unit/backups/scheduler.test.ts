import { describe, expect, it } from 'vitest';
import { START_SNAPSHOT_AFTER_MS, startBackupSchedule, type Clock } from '../../../src-main/backups/scheduler';

/** A clock whose time moves only when the test says; timers fire as time passes them. */
function fakeClock() {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => (timers.push({ at: now + ms, fn, id: next }), next++),
    clearTimeout: (id) => (timers = timers.filter((t) => t.id !== id)),
  };
  return {
    clock,
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
        await new Promise((r) => setImmediate(r)); // let a snapshot's promise settle
      }
      now = until;
    },
  };
}

const HOUR = 3600_000;

describe('snapshot schedule of the long-lived doors', () => {
  it('takes one soon after start (not while the first screen is drawn), then one per interval, following a changed setting', async () => {
    const t = fakeClock();
    const taken: number[] = [];
    let interval = 24;
    const s = startBackupSchedule({ intervalHours: () => interval, take: async () => void taken.push(t.clock.now()), onError: () => {}, clock: t.clock });
    expect(START_SNAPSHOT_AFTER_MS).toBeGreaterThan(2_000);
    expect(taken).toEqual([]);
    await t.advance(START_SNAPSHOT_AFTER_MS - 1);
    expect(taken).toEqual([]);
    await t.advance(1);
    const first = START_SNAPSHOT_AFTER_MS;
    expect(taken).toEqual([first]);
    await t.advance(23 * HOUR);
    expect(taken).toHaveLength(1);
    await t.advance(1 * HOUR);
    expect(taken).toEqual([first, first + 24 * HOUR]);
    interval = 2;
    await t.advance(2 * HOUR);
    expect(taken).toEqual([first, first + 24 * HOUR, first + 26 * HOUR]);
    await s.stop();
    await t.advance(100 * HOUR);
    expect(taken).toHaveLength(3);
  });

  it('a failed snapshot is reported and tried again an interval later, not every tick', async () => {
    const t = fakeClock();
    const errors: unknown[] = [];
    let attempts = 0;
    const s = startBackupSchedule({
      intervalHours: () => 1,
      take: async () => {
        attempts++;
        throw new Error('disk full');
      },
      onError: (e) => errors.push(e),
      clock: t.clock,
      startSnapshotAfterMs: 0,
    });
    await t.advance(59 * 60_000);
    expect(attempts).toBe(1);
    expect(errors).toHaveLength(1);
    await t.advance(60_000);
    expect(attempts).toBe(2);
    await s.stop();
  });

  it('never runs two at once', async () => {
    const t = fakeClock();
    let running = 0;
    let most = 0;
    let release!: () => void;
    const s = startBackupSchedule({
      intervalHours: () => 1,
      take: () => {
        running++;
        most = Math.max(most, running);
        return new Promise<void>((r) => (release = () => (running--, r())));
      },
      onError: () => {},
      clock: t.clock,
      startSnapshotAfterMs: 0,
    });
    await t.advance(5 * HOUR);
    expect(most).toBe(1);
    release();
    await t.advance(HOUR);
    expect(most).toBe(1);
    release();
    await s.stop();
  });
});
