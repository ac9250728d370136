import { afterEach, describe, expect, it } from 'vitest';
import {
  CONFIRMATION_POLL_EVERY_MS,
  CONFIRMATION_POLL_FOR_MS,
  startConfirmationPoll,
  type PollEnd,
  type PollTimers,
} from '../../../../src-renderer/features/postmark/confirmation-poll';
import { senderConfirmationVerdict } from '../../../../src-preload/api/verdicts';
import { serviceHarness, statusTrail, type ServiceHarness } from './harness';

/** A clock the test moves by hand: intervals fire when their time comes, nothing waits for real. */
function manualClock(start = Date.parse('2026-12-03T10:00:00Z')) {
  let now = start;
  const intervals = new Map<number, { fn: () => void; ms: number; next: number }>();
  let seq = 0;
  const timers: PollTimers = {
    setInterval(fn, ms) {
      intervals.set(++seq, { fn, ms, next: now + ms });
      return seq;
    },
    clearInterval: (h) => void intervals.delete(h as number),
    now: () => now,
  };
  return {
    timers,
    active: () => intervals.size,
    /** Moves time forward, firing every interval that falls due on the way (in order). */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...intervals.values()].filter((i) => i.next <= end).sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        now = due.next;
        due.next += due.ms;
        due.fn();
      }
      now = end;
    },
  };
}

let h: ServiceHarness;
afterEach(async () => h?.close());

/** Option 2 provisioned in the simulator; the poll asks through the real service (official client over HTTP). */
async function option2() {
  h = await serviceHarness({ env: { BEHALF_DNS_SERVERS: '127.0.0.1:9' } });
  const id = h.addTenant({ name: 'Beta', domain: 'beta.example', option: 2, fromAddress: 'news@beta.example' });
  const { state } = await h.s.postmark.provision({ id });
  const clock = manualClock();
  const ends: PollEnd[] = [];
  let asks = 0;
  let last: Promise<boolean> = Promise.resolve(false);
  const poll = startConfirmationPoll({
    check: () => {
      asks++;
      last = h.s.postmark.verify(id).then((s) => s.sender?.confirmed ?? false);
      return last;
    },
    onEnd: (e) => ends.push(e),
    timers: clock.timers,
  });
  /** Lets the ask that a tick started reach the simulator and come back. */
  const settle = async () => {
    await last.catch(() => undefined);
    await Promise.resolve();
  };
  return { id, senderId: state.sender!.id, clock, ends, asks: () => asks, poll, settle };
}

describe('option 2 confirmation polling (15 s × 10 min) against the simulator', () => {
  it('the customer clicks mid-window: the next tick sees it, the tenant goes live, polling stops, no one pressed anything', async () => {
    const t = await option2();
    expect(h.s.tenants.get(t.id).status).toBe('awaiting-confirmation');
    for (let i = 0; i < 3; i++) {
      t.clock.advance(CONFIRMATION_POLL_EVERY_MS);
      await t.settle();
    }
    expect(t.asks()).toBe(3);
    expect(t.ends).toEqual([]);
    expect(h.s.postmark.state(t.id).sender?.confirmed).toBe(false);

    h.sim.confirmSender(t.senderId); // the click, in the customer's mailbox
    expect(h.s.postmark.state(t.id).sender?.confirmed).toBe(false); // the ledger has not heard yet
    t.clock.advance(CONFIRMATION_POLL_EVERY_MS);
    await t.settle();
    expect(t.ends).toEqual([{ reason: 'confirmed' }]);
    expect(h.s.postmark.state(t.id).sender?.confirmed).toBe(true);
    expect(h.s.tenants.get(t.id).status).toBe('live');
    expect(statusTrail(h.s, t.id).at(-1)).toBe('awaiting-confirmation>live');
    expect(senderConfirmationVerdict(true, 'watching')).toEqual({ tone: 'ok', word: 'confirmed' });

    // Stopped: the rest of the window asks nothing more.
    t.clock.advance(CONFIRMATION_POLL_FOR_MS);
    expect(t.asks()).toBe(4);
    expect(t.clock.active()).toBe(0);
  });

  it('no click in 10 minutes: the window ends once, says when, and leaves the signature waiting (not confirmed, not live)', async () => {
    const t = await option2();
    const started = t.clock.timers.now();
    for (let elapsed = 0; elapsed < CONFIRMATION_POLL_FOR_MS; elapsed += CONFIRMATION_POLL_EVERY_MS) {
      t.clock.advance(CONFIRMATION_POLL_EVERY_MS);
      await t.settle();
    }
    // 40 ticks in 10 minutes: 39 asks, the 40th finds the window over.
    expect(t.asks()).toBe(CONFIRMATION_POLL_FOR_MS / CONFIRMATION_POLL_EVERY_MS - 1);
    expect(t.ends).toEqual([{ reason: 'window-ended', at: started + CONFIRMATION_POLL_FOR_MS }]);
    expect(t.clock.active()).toBe(0);
    expect(h.s.postmark.state(t.id).sender?.confirmed).toBe(false);
    expect(h.s.tenants.get(t.id).status).toBe('awaiting-confirmation');
    expect(senderConfirmationVerdict(false, 'stopped')).toEqual({ tone: 'warning', word: 'not confirmed yet: no longer checking by itself' });

    // A click after the window is not seen by itself: nothing asks any more.
    h.sim.confirmSender(t.senderId);
    t.clock.advance(5 * CONFIRMATION_POLL_EVERY_MS);
    expect(t.asks()).toBe(39);
    expect(h.s.postmark.state(t.id).sender?.confirmed).toBe(false);
  });

  it('an ask that fails (Postmark unreachable) is tried again at the next tick; a slow one is never asked twice at once', async () => {
    const clock = manualClock();
    const ends: PollEnd[] = [];
    let asks = 0;
    let release: (v: boolean) => void = () => undefined;
    const answers: (() => Promise<boolean>)[] = [() => Promise.reject(new Error('offline')), () => new Promise<boolean>((r) => (release = r))];
    startConfirmationPoll({ check: () => (asks++, answers.shift()?.() ?? Promise.resolve(false)), onEnd: (e) => ends.push(e), timers: clock.timers });
    clock.advance(CONFIRMATION_POLL_EVERY_MS);
    await Promise.resolve();
    await Promise.resolve();
    clock.advance(CONFIRMATION_POLL_EVERY_MS); // the slow ask starts
    clock.advance(3 * CONFIRMATION_POLL_EVERY_MS); // still waiting: no second ask
    expect(asks).toBe(2);
    release(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(ends).toEqual([{ reason: 'confirmed' }]);
    expect(clock.active()).toBe(0);
  });
});
