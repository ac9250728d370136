import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../src-main/app/event-bus';
import { TaskRegistry } from '../../../src-main/app/tasks';

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

  it('cancels through the signal and says so', async () => {
    const bus = new EventBus();
    const reg = new TaskRegistry(bus, 0);
    const { taskId, done } = reg.start('demo', 'Demo', ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('stopped')))));
    reg.cancel(taskId);
    await expect(done).rejects.toThrow('stopped');
    expect(reg.result(taskId).snap.state).toBe('cancelled');
    expect(() => reg.cancel('nope')).toThrow(/not known/);
  });
});
