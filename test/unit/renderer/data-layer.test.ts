import { describe, expect, it } from 'vitest';
import { ActionRunner } from '../../../src-renderer/app/data/action-runner';
import { LatestRequest } from '../../../src-renderer/app/data/latest-request';
import { PagedWindow } from '../../../src-renderer/app/data/paged-window';

/** A promise the test settles by hand, so replies can arrive in any order. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/* Issue 16 item 5: the renderer's one data layer. The hooks are thin React wrappers over these machines. */
describe('LatestRequest (under useQuery)', () => {
  it('lets a reply to an older request never overwrite a newer one', async () => {
    const q = new LatestRequest<string>();
    const older = deferred<string>();
    const newer = deferred<string>();
    const first = q.run(() => older.promise);
    const second = q.run(() => newer.promise);
    newer.resolve('tenant B');
    await second;
    expect(q.state).toEqual({ data: 'tenant B', error: null, loading: false });
    older.resolve('tenant A');
    await first;
    expect(q.state.data).toBe('tenant B');
  });

  it("drops an older request's error too, and keeps the newest error visible with the last data", async () => {
    const q = new LatestRequest<number>();
    await q.run(async () => 1);
    const older = deferred<number>();
    const first = q.run(() => older.promise);
    const second = q.run(async () => {
      throw new Error('ledger.busy');
    });
    await second;
    expect(q.state).toMatchObject({ data: 1, loading: false });
    expect((q.state.error as Error).message).toBe('ledger.busy');
    older.reject(new Error('older'));
    await first;
    expect((q.state.error as Error).message).toBe('ledger.busy');
    await q.run(async () => 2);
    expect(q.state).toEqual({ data: 2, error: null, loading: false });
  });

  it('treats data set by a mutation as newer than requests still in flight', async () => {
    const q = new LatestRequest<string>();
    const inFlight = deferred<string>();
    const done = q.run(() => inFlight.promise);
    expect(q.state.loading).toBe(true);
    q.set('after verify');
    inFlight.resolve('before verify');
    await done;
    expect(q.state).toEqual({ data: 'after verify', error: null, loading: false });
  });

  it('drops a reply in flight once superseded (the input changed while a debounce waits, or the query was disabled)', async () => {
    const q = new LatestRequest<string>();
    await q.run(async () => 'acme.com');
    const typing = deferred<string>();
    const done = q.run(() => typing.promise);
    q.supersede(true);
    expect(q.state.loading).toBe(true);
    typing.resolve('acme.co');
    await done;
    expect(q.state).toEqual({ data: 'acme.com', error: null, loading: true });
    const failing = deferred<string>();
    const failed = q.run(() => failing.promise);
    q.supersede(false);
    failing.reject(new Error('for the old input'));
    await failed;
    expect(q.state).toEqual({ data: 'acme.com', error: null, loading: false });
  });

  it('lands nothing after stop (unmounted), and tells subscribers of every change before', async () => {
    const q = new LatestRequest<string>();
    let calls = 0;
    const off = q.subscribe(() => calls++);
    await q.run(async () => 'a');
    expect(calls).toBe(2); // loading, then the reply
    const late = deferred<string>();
    const done = q.run(() => late.promise);
    q.stop();
    late.resolve('too late');
    await done;
    expect(q.state.data).toBe('a');
    q.set('ignored');
    expect(q.state.data).toBe('a');
    off();
  });
});

describe('ActionRunner (under useMutation)', () => {
  it('names the running action, returns its result and clears busy', async () => {
    const m = new ActionRunner();
    const d = deferred<string>();
    const result = m.run('verify', () => d.promise);
    expect(m.state).toEqual({ busy: 'verify', error: null });
    d.resolve('ok');
    expect(await result).toBe('ok');
    expect(m.state).toEqual({ busy: null, error: null });
  });

  it('never drops an error: a failed action leaves it in the state until the next action starts', async () => {
    const m = new ActionRunner();
    const err = new Error('postmark.unauthorized');
    expect(
      await m.run('provision', async () => {
        throw err;
      }),
    ).toBeUndefined();
    expect(m.state).toEqual({ busy: null, error: err });
    await m.run('retry', async () => 1);
    expect(m.state.error).toBeNull();
  });

  it("keeps the newest action's busy label when an older one ends, and still shows the older one's error", async () => {
    const m = new ActionRunner();
    const older = deferred<void>();
    const newer = deferred<void>();
    const a = m.run('retry-1', () => older.promise);
    const b = m.run('retry-2', () => newer.promise);
    older.reject(new Error('job gone'));
    await a;
    expect(m.state.busy).toBe('retry-2');
    expect((m.state.error as Error).message).toBe('job gone');
    newer.resolve();
    await b;
    expect(m.state.busy).toBeNull();
  });

  it('records nothing after stop', async () => {
    const m = new ActionRunner();
    const d = deferred<void>();
    const r = m.run('save', () => d.promise);
    m.stop();
    d.reject(new Error('late'));
    await r;
    expect(m.state).toEqual({ busy: 'save', error: null });
  });
});

describe('PagedWindow (under usePagedWindow, the 100k-tenant list)', () => {
  const page = (offset: number, limit: number, total: number, tag = 'a') => ({
    rows: Array.from({ length: Math.min(limit, total - offset) }, (_, i) => `${tag}${offset + i}`),
    total,
  });

  it('reads each block once as rows come into view', async () => {
    const asked: number[] = [];
    const w = new PagedWindow<string>(10, async (offset, limit) => (asked.push(offset), page(offset, limit, 35)));
    w.reset(null, true);
    w.ensure(5, 25);
    w.ensure(0, 12);
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toEqual([0, 10, 20]);
    expect(w.state.total).toBe(35);
    expect(w.rowAt(23)).toBe('a23');
    expect(w.rowAt(31)).toBeUndefined();
  });

  it('never lands a page asked for by the query before a reset', async () => {
    const old = deferred<{ rows: string[]; total: number }>();
    const w = new PagedWindow<string>(10, () => old.promise);
    w.reset(null, true);
    w.reset(async (offset, limit) => page(offset, limit, 3, 'new'), true);
    await new Promise((r) => setTimeout(r, 0));
    old.resolve(page(0, 10, 500, 'old'));
    await new Promise((r) => setTimeout(r, 0));
    expect(w.state.total).toBe(3);
    expect(w.rowAt(0)).toBe('new0');
  });

  it('reads the first page once at mount, whether the table asks for its rows before restart or not', async () => {
    // usePagedWindow's order at mount: the table's effect (ensure) runs before the hook's (restart).
    const asked: number[] = [];
    const tableFirst = new PagedWindow<string>(10, async (offset, limit) => (asked.push(offset), page(offset, limit, 35)));
    tableFirst.ensure(0, 8);
    tableFirst.restart();
    const hookAlone = new PagedWindow<string>(10, async (offset, limit) => (asked.push(offset), page(offset, limit, 35)));
    hookAlone.restart();
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toEqual([0, 0]);
    expect(tableFirst.rowAt(8)).toBe('a8');
    expect(hookAlone.state.total).toBe(35);
  });

  it('after stop lands nothing, and restart asks again for the rows last in view (a remount)', async () => {
    const first = deferred<{ rows: string[]; total: number }>();
    const asked: number[] = [];
    let answer: (offset: number, limit: number) => Promise<{ rows: string[]; total: number }> = () => first.promise;
    const w = new PagedWindow<string>(10, (offset, limit) => (asked.push(offset), answer(offset, limit)));
    w.ensure(12, 18);
    w.stop();
    first.resolve(page(10, 10, 35, 'stale'));
    await new Promise((r) => setTimeout(r, 0));
    expect(w.rowAt(12)).toBeUndefined();
    answer = async (offset, limit) => page(offset, limit, 35);
    w.restart();
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toEqual([10, 10]);
    expect(w.rowAt(12)).toBe('a12');
  });

  it("shows a failed page's error and asks for that block again when it is next in view", async () => {
    let fail = true;
    const w = new PagedWindow<string>(10, async (offset, limit) => {
      if (fail) throw new Error('ledger.busy');
      return page(offset, limit, 5);
    });
    w.reset(null, true);
    await new Promise((r) => setTimeout(r, 0));
    expect((w.state.error as Error).message).toBe('ledger.busy');
    fail = false;
    w.ensure(0, 4);
    await new Promise((r) => setTimeout(r, 0));
    expect(w.state).toMatchObject({ total: 5, error: null });
    expect(w.rowAt(4)).toBe('a4');
  });
});
