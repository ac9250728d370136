import { afterEach, describe, expect, it } from 'vitest';
import { outboxHarness, type OutboxHarness } from './outbox-harness';

/** A killed CLI run leaves a job `running`; the next short run takes it over only once it is clearly abandoned. */
describe('outbox recovery of jobs left running', () => {
  let h: OutboxHarness | undefined;
  afterEach(async () => h?.close());

  it('requeues only jobs untouched for longer than the grace period when asked to', async () => {
    h = await outboxHarness();
    const job = h.outbox.enqueue({ kind: 'create-server', tenantId: 't1', payload: { name: 'behalf-acme' } });
    h.db.prepare(`UPDATE postmark_jobs SET state = 'running', updated_at = ? WHERE id = ?`).run(new Date(h.clock.now).toISOString(), job.id);

    expect(h.outbox.recoverInterrupted({ olderThanMs: 10 * 60_000 })).toEqual([]);
    expect(h.outbox.get(job.id)?.state).toBe('running');

    h.advance(11 * 60_000);
    expect(h.outbox.recoverInterrupted({ olderThanMs: 10 * 60_000 }).map((j) => j.id)).toEqual([job.id]);
    await h.drain();
    expect(h.outbox.get(job.id)?.state).toBe('succeeded');
    expect(h.sim.state.servers.filter((s) => s.Name === 'behalf-acme')).toHaveLength(1);
  });
});
