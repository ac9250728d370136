import { afterEach, describe, expect, it } from 'vitest';
import type { ClaimAnswer, JobClaims, JobOutcome } from '../../../src-main/core/job-claims';
import { outboxHarness, type OutboxHarness } from './outbox-harness';

/**
 * The outbox's side of "Postmark work runs once per team" (issue #19 item 5), with a scripted team: what the
 * outbox does for each answer of the claim. PostgreSQL itself is exercised by test/unit/team/team-job-claims.test.ts.
 */
function scriptedTeam(answer: (key: string) => ClaimAnswer | Error) {
  const log: string[] = [];
  const finished = new Map<string, JobOutcome>();
  const claims: JobClaims = {
    async claim(key) {
      log.push(`claim ${key}`);
      const a = answer(key);
      if (a instanceof Error) throw a;
      return a;
    },
    async finish(key, outcome) {
      log.push(`finish ${key}`);
      finished.set(key, outcome);
    },
    async release(key) {
      log.push(`release ${key}`);
    },
    async close() {},
  };
  return { claims, log, finished };
}

const creates = (h: OutboxHarness) => h.sim.state.requests.filter((r) => r.method === 'POST' && r.path === '/servers').length;

describe('outbox in team mode', () => {
  let h: OutboxHarness | undefined;
  afterEach(async () => h?.close());

  it('runs a job the team gave it and records how it ended for the team', async () => {
    const team = scriptedTeam(() => ({ kind: 'mine' }));
    h = await outboxHarness({ claims: () => team.claims });
    const job = h.outbox.enqueue({ kind: 'create-server', tenantId: 't1', payload: { name: 'behalf-acme' }, idempotencyKey: 'k-1' });
    await h.outbox.runDue();
    expect(h.outbox.get(job.id)?.state).toBe('succeeded');
    expect(team.log).toEqual(['claim outbox:k-1', 'finish outbox:k-1']);
    expect(team.finished.get('outbox:k-1')).toEqual({ state: 'succeeded', error: null });
    expect(creates(h)).toBe(1);
  });

  it('leaves a job another console holds until that lease ends, without calling Postmark or counting an attempt', async () => {
    let until = '';
    const team = scriptedTeam(() => ({ kind: 'held', by: 'other-console', until }));
    h = await outboxHarness({ claims: () => team.claims });
    until = new Date(h.clock.now + 90_000).toISOString();
    const job = h.outbox.enqueue({ kind: 'create-server', tenantId: 't1', payload: { name: 'behalf-acme' }, idempotencyKey: 'k-2' });
    const summary = await h.outbox.runDue();
    expect(summary.ran).toBe(0);
    expect(h.outbox.get(job.id)).toMatchObject({ state: 'queued', attempts: 0, nextAttemptAt: until });
    expect(creates(h)).toBe(0);
    expect(team.log).toEqual(['claim outbox:k-2']);
  });

  it('records a job the team already finished elsewhere as it ended there, and runs nothing', async () => {
    const team = scriptedTeam(() => ({
      kind: 'done',
      by: 'other-console',
      outcome: { state: 'needs-attention', error: { code: 'postmark.invalid', message: 'Refused', hint: 'Fix it' } },
    }));
    h = await outboxHarness({ claims: () => team.claims });
    const job = h.outbox.enqueue({ kind: 'create-server', tenantId: 't1', payload: { name: 'behalf-acme' }, idempotencyKey: 'k-3' });
    await h.outbox.runDue();
    expect(h.outbox.get(job.id)).toMatchObject({
      state: 'needs-attention',
      attempts: 0,
      lastError: { code: 'postmark.invalid', message: 'Refused' },
      result: { ranByConsole: 'other-console' },
    });
    expect(h.events.filter((e) => e.type === 'job').map((e) => e.type === 'job' && e.change)).toEqual(['queued', 'team-settled']);
    expect(creates(h)).toBe(0);
  });

  it('keeps a job waiting while the team database is unreachable, and says why', async () => {
    let reachable = false;
    const team = scriptedTeam(() => (reachable ? { kind: 'mine' } : new Error('connect ECONNREFUSED 127.0.0.1:5432')));
    h = await outboxHarness({ claims: () => team.claims });
    const job = h.outbox.enqueue({ kind: 'create-server', tenantId: 't1', payload: { name: 'behalf-acme' }, idempotencyKey: 'k-4' });
    const first = await h.outbox.runDue();
    expect(first.stoppedBy).toMatchObject({ code: 'team.unreachable' });
    expect(h.outbox.get(job.id)).toMatchObject({ state: 'queued', attempts: 0, lastError: { code: 'team.unreachable' } });
    expect(h.outbox.get(job.id)!.nextAttemptAt! > new Date(h.clock.now).toISOString()).toBe(true);
    expect(creates(h)).toBe(0);

    reachable = true;
    await h.drain();
    expect(h.outbox.get(job.id)).toMatchObject({ state: 'succeeded', attempts: 1 });
    expect(creates(h)).toBe(1);
  });

  it('gives a job back to the team when Postmark is unreachable (another console may run it later)', async () => {
    const team = scriptedTeam(() => ({ kind: 'mine' }));
    h = await outboxHarness({ claims: () => team.claims });
    h.sim.faults.next({ status: 503, times: 10 });
    h.outbox.enqueue({ kind: 'create-server', tenantId: 't1', payload: { name: 'behalf-acme' }, idempotencyKey: 'k-5' });
    await h.outbox.runDue();
    expect(team.log).toEqual(['claim outbox:k-5', 'release outbox:k-5']);
  });
});
