import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PostmarkGateway } from '../../../src-main/postmark';
import { outboxHarness, type OutboxHarness } from './outbox-harness';

let h: OutboxHarness;
beforeEach(async () => {
  h = await outboxHarness();
});
afterEach(async () => {
  await h.close();
});

/** Waits for a condition (not a timing assertion: the deadline is generous so a loaded machine does not fail it). */
async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !check()) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error('condition not reached');
}

function enqueueTenant(tenant: string, domain: string) {
  return [
    h.outbox.enqueue({ kind: 'create-server', tenantId: tenant, payload: { name: `Server ${tenant}` } }),
    h.outbox.enqueue({ kind: 'create-domain', tenantId: tenant, payload: { name: domain } }),
    h.outbox.enqueue({ kind: 'create-sender', tenantId: tenant, payload: { fromEmail: `hello@${domain}`, name: tenant } }),
  ];
}

describe('outbox: restarts', () => {
  it('a crash after Postmark acted but before the ledger recorded it: the re-queued job adopts, no duplicate', async () => {
    // The process "freezes" right after Postmark created the domain: the answer never reaches the outbox.
    const frozen: PostmarkGateway = {
      ...h.gateway,
      createDomain: async (input) => {
        await h.gateway.createDomain(input);
        return new Promise(() => {});
      },
    };
    h.reopen({ gateway: frozen });
    const jobs = enqueueTenant('t', 'crash.test');
    void h.outbox.runDue();
    await until(() => h.sim.state.domains.length === 1 && h.outbox.get(jobs[1]!.id)!.state === 'running');

    h.reopen(); // the crash: the file is opened again by a new process
    expect(h.outbox.get(jobs[1]!.id)!.state).toBe('running');
    expect(h.outbox.recoverInterrupted().map((j) => j.id)).toEqual([jobs[1]!.id]);
    await h.drain();

    expect(jobs.map((j) => h.outbox.get(j.id)!.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(h.outbox.get(jobs[1]!.id)).toMatchObject({ attempts: 2, result: { adopted: true, domainId: h.sim.state.domains[0]!.ID } });
    expect([h.sim.state.servers.length, h.sim.state.domains.length, h.sim.state.senders.length]).toEqual([1, 1, 1]);
    expect(h.events.filter((e) => e.type === 'job' && e.change === 'requeued')).toHaveLength(1);
  });

  it('an outage mid-queue, then a restart: the queue resumes from the file and finishes once', async () => {
    const a = enqueueTenant('a', 'a.test');
    const b = enqueueTenant('b', 'b.test');
    h.sim.faults.next({ drop: true, times: 2, match: /^POST \/domains/ });
    const first = await h.outbox.runDue();
    expect(first.stoppedBy?.code).toBe('postmark.offline');
    const before = h.outbox.list().map((j) => [j.id, j.state, j.attempts]);
    // a's server ran; a's domain hit the outage, which ends the pass before b is tried.
    expect(before.map(([, state]) => state)).toEqual(['succeeded', 'queued', 'queued', 'queued', 'queued', 'queued']);

    h.reopen();
    expect(h.outbox.list().map((j) => [j.id, j.state, j.attempts])).toEqual(before);
    expect(h.outbox.recoverInterrupted()).toEqual([]);
    await h.drain();
    expect([...a, ...b].map((j) => h.outbox.get(j.id)!.state)).toEqual(Array(6).fill('succeeded'));
    expect([h.sim.state.servers.length, h.sim.state.domains.length, h.sim.state.senders.length]).toEqual([2, 2, 2]);
    expect(h.outbox.objectsForTenant('a').map((o) => o.name)).toEqual(['a.test', 'hello@a.test', 'Server a']);

    const requests = h.sim.state.requests.length;
    h.reopen();
    h.outbox.recoverInterrupted();
    expect((await h.outbox.runDue()).ran).toBe(0);
    expect(h.sim.state.requests.length).toBe(requests);
  });
});
