import { randomUUID } from 'node:crypto';
import { BehalfError, toApiError, type ApiErrorShape } from '../../src-preload/api/errors';
import type { EventBus } from './event-bus';

export interface TaskSnapshot {
  taskId: string;
  kind: string;
  label: string;
  done: number;
  total: number;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  message?: string;
}

export interface TaskContext {
  signal: AbortSignal;
  progress(done: number, total: number, message?: string): void;
}

/** What a task left behind: its last snapshot, its result when it finished, its error (code and hint kept) when it failed. */
export interface TaskOutcome<T> {
  snap: TaskSnapshot;
  result?: T;
  error?: ApiErrorShape;
}

export interface TaskStartOptions {
  /** A live view of the task while it runs and after (a DNS bulk run's grouped summary), read with view(). */
  view?: () => unknown;
}

interface Entry {
  snap: TaskSnapshot;
  ctl: AbortController;
  result?: unknown;
  error?: ApiErrorShape;
  view?: () => unknown;
  finishedAt?: number;
}

/** Finished tasks are kept this long for their results (a 30-minute export download fits inside), then forgotten. */
export const KEEP_FINISHED_MS = 60 * 60_000;

const notFound = () => new BehalfError('task.not-found', 'That task is not known (it may have finished long ago).');

/**
 * Long work (bulk checks, imports, reconcile, bulk export) runs as a task: it reports progress as push events
 * (throttled so a fast loop cannot flood the window) and can be cancelled from any door. The one registry of
 * every kind of task: results, errors and live views are read here, and finished tasks expire.
 */
export class TaskRegistry {
  private readonly tasks = new Map<string, Entry>();

  constructor(
    private readonly bus: EventBus,
    private readonly minIntervalMs = 100,
    private readonly keepFinishedMs = KEEP_FINISHED_MS,
    private readonly now: () => number = Date.now,
  ) {}

  start<T>(kind: string, label: string, run: (ctx: TaskContext) => Promise<T>, opts: TaskStartOptions = {}): { taskId: string; done: Promise<T> } {
    this.expire();
    const taskId = randomUUID();
    const ctl = new AbortController();
    const snap: TaskSnapshot = { taskId, kind, label, done: 0, total: 0, state: 'running' };
    const entry: Entry = { snap, ctl, ...(opts.view ? { view: opts.view } : {}) };
    this.tasks.set(taskId, entry);
    let last = 0;
    let trailing: ReturnType<typeof setTimeout> | undefined;
    const emitNow = () => {
      clearTimeout(trailing);
      trailing = undefined;
      last = Date.now();
      this.bus.emit('task.progress', { ...snap });
    };
    const progress = (done: number, total: number, message?: string) => {
      Object.assign(snap, { done, total, message });
      const wait = this.minIntervalMs - (Date.now() - last);
      if (wait <= 0 || done === total) emitNow();
      // Held back by the throttle: sent when the interval is over, so a task that then waits long (a join whose
      // server stalls) still shows where it really is, not the step before.
      else trailing ??= setTimeout(() => snap.state === 'running' && emitNow(), wait);
    };
    this.bus.emit('task.progress', { ...snap });
    const done = run({ signal: ctl.signal, progress }).then(
      (result) => {
        clearTimeout(trailing);
        entry.result = result;
        entry.finishedAt = this.now();
        snap.state = ctl.signal.aborted ? 'cancelled' : 'done';
        this.bus.emit('task.progress', { ...snap });
        return result;
      },
      (err) => {
        clearTimeout(trailing);
        entry.error = toApiError(err);
        entry.finishedAt = this.now();
        snap.state = ctl.signal.aborted ? 'cancelled' : 'failed';
        snap.message = err instanceof Error ? err.message : String(err);
        this.bus.emit('task.progress', { ...snap });
        throw err;
      },
    );
    done.catch(() => undefined); // observed through events and outcome(); never an unhandled rejection
    return { taskId, done };
  }

  cancel(taskId: string): void {
    this.entry(taskId).ctl.abort();
  }

  list(): TaskSnapshot[] {
    this.expire();
    return [...this.tasks.values()].map((t) => ({ ...t.snap }));
  }

  /** The task's snapshot, result and error; the caller names the result type its own task produces. */
  outcome<T>(taskId: string): TaskOutcome<T> {
    const t = this.entry(taskId);
    return { snap: { ...t.snap }, ...(t.result !== undefined ? { result: t.result as T } : {}), ...(t.error ? { error: t.error } : {}) };
  }

  /** The live view a task was started with, or undefined when the task is unknown, expired or has none. */
  view<V>(taskId: string): V | undefined {
    this.expire();
    return this.tasks.get(taskId)?.view?.() as V | undefined;
  }

  private entry(taskId: string): Entry {
    this.expire();
    const t = this.tasks.get(taskId);
    if (!t) throw notFound();
    return t;
  }

  private expire(): void {
    const cutoff = this.now() - this.keepFinishedMs;
    for (const [id, t] of this.tasks) if (t.finishedAt !== undefined && t.finishedAt < cutoff) this.tasks.delete(id);
  }
}
