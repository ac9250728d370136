import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { AbortWatch, CancelScope } from '../../../src-main/dns/cancel-scope';

const reason = () => new Error('cancelled');

describe('CancelScope', () => {
  it('runs its hooks once on cancel, and a hook added later at once', () => {
    const scope = new CancelScope(reason);
    const ran: string[] = [];
    scope.onCancel(() => ran.push('first'));
    expect(scope.aborted).toBe(false);
    scope.cancel();
    scope.cancel();
    expect(scope.aborted).toBe(true);
    scope.onCancel(() => ran.push('late'));
    expect(ran).toEqual(['first', 'late']);
  });

  it('whenCancelled rejects with the reason, whether asked for before or after the cancel', async () => {
    const before = new CancelScope(reason);
    const waiting = before.whenCancelled();
    before.cancel();
    await expect(waiting).rejects.toThrow('cancelled');
    await expect(before.whenCancelled()).rejects.toThrow('cancelled');
    const after = new CancelScope(reason);
    after.cancel();
    await expect(after.whenCancelled()).rejects.toThrow('cancelled');
  });
});

describe('AbortWatch', () => {
  it('watches many scopes with one listener on their signal, and cancels them all when it aborts', () => {
    const watch = new AbortWatch();
    const run = new AbortController();
    const scopes = Array.from({ length: 16 }, () => new CancelScope(reason));
    for (const s of scopes) watch.watch(run.signal, s);
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
    run.abort();
    expect(scopes.every((s) => s.aborted)).toBe(true);
  });

  it('removes the listener when the last scope stops watching, and leaves the stopped scopes alone', () => {
    const watch = new AbortWatch();
    const run = new AbortController();
    const a = new CancelScope(reason);
    const b = new CancelScope(reason);
    const stopA = watch.watch(run.signal, a);
    const stopB = watch.watch(run.signal, b);
    stopA();
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
    stopB();
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
    // Watching again after the set emptied adds a fresh listener.
    const c = new CancelScope(reason);
    watch.watch(run.signal, c);
    run.abort();
    expect([a.aborted, b.aborted, c.aborted]).toEqual([false, false, true]);
  });

  it('cancels at once for a signal that has already aborted, and clear() drops every listener', () => {
    const watch = new AbortWatch();
    const done = new AbortController();
    done.abort();
    const late = new CancelScope(reason);
    watch.watch(done.signal, late);
    expect(late.aborted).toBe(true);
    const run = new AbortController();
    watch.watch(run.signal, new CancelScope(reason));
    watch.clear();
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });
});
