import { describe, expect, it } from 'vitest';
import { BehalfError } from '../../../src-preload/api/errors';
import { EventBus } from '../../../src-main/core/event-bus';
import { TaskRegistry } from '../../../src-main/core/tasks';

describe('TaskRegistry', () => {
  it('reports progress as events and finishes with done', async () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.on('task.progress', (e) => seen.push(`${e.state}:${e.done}/${e.total}`));
    const reg = new TaskRegistry(bus, 0);
    const { done } = reg.start('demo', 'Demo', async ({ progress }) => {
      for (let i = 1; i <= 3; i++) progress(i, 3);
      return 'result';
    });
    expect(await done).toBe('result');
    expect(seen).toEqual(['running:0/0', 'running:1/3', 'running:2/3', 'running:3/3', 'done:3/3']);
  });

  it('sends the last progress held back by the throttle once the interval is over (a task that then waits shows where it is)', async () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.on('task.progress', (e) => seen.push(`${e.state}:${e.done}/${e.total}`));
    const reg = new TaskRegistry(bus, 50);
    let release = () => undefined as void;
    const { done } = reg.start('demo', 'Demo', async ({ progress }) => {
      progress(1, 10);
      progress(2, 10); // within the interval: held back
      progress(3, 10); // the newest value, which the held-back event carries
      await new Promise<void>((resolve) => (release = resolve));
    });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(seen).toEqual(['running:0/0', 'running:1/10', 'running:3/10']);
    release();
    await done;
    expect(seen).toEqual(['running:0/0', 'running:1/10', 'running:3/10', 'done:3/10']);
  });

  it('cancels through the signal and says so', async () => {
    const bus = new EventBus();
    const reg = new TaskRegistry(bus, 0);
    const { taskId, done } = reg.start(
      'demo',
      'Demo',
      ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('stopped')))),
    );
    reg.cancel(taskId);
    await expect(done).rejects.toThrow('stopped');
    expect(reg.outcome(taskId).snap.state).toBe('cancelled');
    expect(() => reg.cancel('nope')).toThrow(/not known/);
  });
});

describe('TaskRegistry: results, errors, views and expiry', () => {
  it('keeps a failed task’s code and hint, and a live view while it runs', async () => {
    const reg = new TaskRegistry(new EventBus(), 0);
    let seen = 0;
    const { taskId, done } = reg.start(
      'demo',
      'Demo',
      async () => {
        throw new BehalfError('demo.broken', 'It broke.', 'Fix it.');
      },
      { view: () => ({ seen: ++seen }) },
    );
    await expect(done).rejects.toThrow('It broke.');
    expect(reg.outcome(taskId).error).toEqual({ code: 'demo.broken', message: 'It broke.', hint: 'Fix it.' });
    expect(reg.view(taskId)).toEqual({ seen: 1 });
    expect(reg.view('nope')).toBeUndefined();
  });

  it('forgets finished tasks after the keep time, never running ones', async () => {
    let now = 1_000;
    const reg = new TaskRegistry(new EventBus(), 0, 60_000, () => now);
    const finished = reg.start('demo', 'Finished', async () => 'x');
    await finished.done;
    const running = reg.start('demo', 'Running', () => new Promise<never>(() => undefined));
    now += 59_000;
    expect(reg.outcome(finished.taskId).result).toBe('x');
    now += 2_000;
    expect(() => reg.outcome(finished.taskId)).toThrow(/not known/);
    expect(reg.list().map((t) => t.label)).toEqual(['Running']);
    expect(reg.outcome(running.taskId).snap.state).toBe('running');
  });
});
