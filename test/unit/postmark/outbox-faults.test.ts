import { afterEach, describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../support/postmark-sim';
import { outboxHarness, type OutboxHarness } from './outbox-harness';

/**
 * Every fault kind, in the middle of provisioning, on each create: afterwards Postmark must hold exactly one
 * server, one domain and one sender, all linked to the tenant, and every job must have succeeded once.
 * (The harness gateway tries twice per attempt with a 0.3 s timeout.)
 */
const FAULTS: Record<string, Omit<FaultSpec, 'match'>> = {
  'rate limit (429) beyond the gateway retries': { status: 429, times: 3 },
  'internal error (500) beyond the gateway retries': { status: 500, times: 3 },
  'maintenance (503) beyond the gateway retries': { status: 503, times: 3 },
  'dropped connection before Postmark acted': { drop: true, times: 3 },
  'dropped connection after Postmark acted': { drop: true, processed: true },
  'dropped connections after Postmark acted, twice': { drop: true, processed: true, times: 2 },
  'reply slower than the timeout, after Postmark acted': { delayMs: 1_000 },
  'replies slower than the timeout, twice': { delayMs: 1_000, times: 2 },
};

const TARGETS: Record<string, RegExp> = {
  server: /^POST \/servers/,
  domain: /^POST \/domains/,
  sender: /^POST \/senders/,
};

let h: OutboxHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const JOB_INDEX: Record<string, number> = { server: 0, domain: 1, sender: 2 };

describe.each(Object.entries(TARGETS))('outbox: faults while creating the %s', (target, match) => {
  it.each(Object.entries(FAULTS))('%s → nothing lost, nothing doubled', async (_name, fault) => {
    h = await outboxHarness();
    const jobs = [
      h.outbox.enqueue({ kind: 'create-server', tenantId: 't', payload: { name: 'Tenant T' } }),
      h.outbox.enqueue({ kind: 'create-domain', tenantId: 't', payload: { name: 't.test', returnPathDomain: 'pm-bounces.t.test' } }),
      h.outbox.enqueue({ kind: 'create-sender', tenantId: 't', payload: { fromEmail: 'hello@t.test', name: 'T' } }),
    ];
    h.sim.faults.next({ ...fault, match });
    await h.drain();

    expect(jobs.map((j) => h!.outbox.get(j.id)!.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const { servers, domains, senders } = h.sim.state;
    expect([servers.length, domains.length, senders.length]).toEqual([1, 1, 1]);
    expect(h.outbox.objectsForTenant('t').map((o) => [o.kind, o.postmarkId])).toEqual([
      ['domain', domains[0]!.ID],
      ['sender', senders[0]!.ID],
      ['server', servers[0]!.ID],
    ]);
    expect(h.vault.getServerToken(servers[0]!.ID)).toBe(servers[0]!.ApiTokens[0]);
    const successes = h.events.filter((e) => e.type === 'job' && e.change === 'succeeded').map((e) => e.type === 'job' && e.job.id);
    expect(successes.sort()).toEqual(jobs.map((j) => j.id).sort());
    expect(h.sim.faults.pending()).toBe(0);
    // When Postmark acted but the answer was lost, the object must have been adopted, not made again.
    const actedUnseen = fault.processed === true || fault.delayMs !== undefined;
    expect(h.outbox.get(jobs[JOB_INDEX[target]!]!.id)!.result).toMatchObject({ adopted: actedUnseen });
  });
});
