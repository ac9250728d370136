import { randomUUID } from 'node:crypto';
import { BehalfError } from '../../src-preload/api/errors';
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

/**
 * Long work (bulk checks, imports, reconcile, bulk export) runs as a task: it reports progress as push events
 * (throttled so a fast loop cannot flood the window) and can be cancelled from any door.
 */
export class TaskRegistry {
  private readonly tasks = new Map<string, { snap: TaskSnapshot; ctl: AbortController; result?: unknown }>();

  constructor(private readonly bus: EventBus, private readonly minIntervalMs = 100) {}

  start<T>(kind: string, label: string, run: (ctx: TaskContext) => Promise<T>): { taskId: string; done: Promise<T> } {
    const taskId = randomUUID();
    const ctl = new AbortController();
    const snap: TaskSnapshot = { taskId, kind, label, done: 0, total: 0, state: 'running' };
    const entry: { snap: TaskSnapshot; ctl: AbortController; result?: unknown } = { snap, ctl };
    this.tasks.set(taskId, entry);
    let last = 0;
    const progress = (done: number, total: number, message?: string) => {
      Object.assign(snap, { done, total, message });
      const now = Date.now();
      if (now - last >= this.minIntervalMs || done === total) {
        last = now;
        this.bus.emit('task.progress', { ...snap });
      }
    };
    this.bus.emit('task.progress', { ...snap });
    const done = run({ signal: ctl.signal, progress }).then(
      (result) => {
        entry.result = result;
        snap.state = ctl.signal.aborted ? 'cancelled' : 'done';
        this.bus.emit('task.progress', { ...snap });
        return result;
      },
      (err) => {
        snap.state = ctl.signal.aborted ? 'cancelled' : 'failed';
        snap.message = err instanceof Error ? err.message : String(err);
        this.bus.emit('task.progress', { ...snap });
        throw err;
      },
    );
    done.catch(() => undefined); // observed through events and result(); never an unhandled rejection
    return { taskId, done };
  }

  cancel(taskId: string): void {
    const t = this.tasks.get(taskId);
    if (!t) throw new BehalfError('task.not-found', 'That task is not known (it may have finished long ago).');
    t.ctl.abort();
  }

  list(): TaskSnapshot[] {
    return [...this.tasks.values()].map((t) => ({ ...t.snap }));
  }

  result(taskId: string): { snap: TaskSnapshot; result?: unknown } {
    const t = this.tasks.get(taskId);
    if (!t) throw new BehalfError('task.not-found', 'That task is not known (it may have finished long ago).');
    return { snap: { ...t.snap }, result: t.result };
  }
}
