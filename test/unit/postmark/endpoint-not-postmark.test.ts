import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueAll, provisioningJobs, syncPostmarkObjects } from '../../../src-main/postmark/outbox';
import { outboxHarness, type OutboxHarness } from './outbox-harness';

/**
 * Issue #15, breakage 1: Postmark answers a missing object with 422 + an ErrorCode; a 404 (or an HTML page) comes
 * from a wrong API URL or a proxy. Such an answer must never make Behalf forget links, tokens or finish deletes.
 */
let h: OutboxHarness;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as { code: string; hint?: string; message: string },
  );

beforeEach(async () => {
  h = await outboxHarness();
  enqueueAll(h.outbox, provisioningJobs({ tenantId: 't', option: 1, serverName: 'Kept', domain: 'kept.test' }));
  h.outbox.enqueue({ kind: 'create-sender', tenantId: 't', payload: { fromEmail: 'a@kept.test', name: 'A' } });
  await h.outbox.runDue();
});
afterEach(async () => {
  await h.close();
});

describe('a 404 or an HTML page is not Postmark (postmark.endpoint), never "deleted"', () => {
  it('maps a proxy 404 to postmark.endpoint with a hint about the URL, not about `behalf sync`', async () => {
    h.sim.faults.proxy404();
    const err = await failure(h.gateway.getDomain(h.sim.state.domains[0]!.ID));
    expect(err.code).toBe('postmark.endpoint');
    expect(err.hint).toMatch(/API URL/);
    expect(err.hint).not.toMatch(/behalf sync/);
  });

  it('maps a 200 HTML page (a proxy login page after a redirect) to postmark.endpoint', async () => {
    h.sim.faults.next({ status: 200, html: true });
    expect((await failure(h.gateway.getDomain(h.sim.state.domains[0]!.ID))).code).toBe('postmark.endpoint');
  });

  it('refuses a JSON answer without the fields Behalf relies on (checked against the shared answer schemas)', async () => {
    h.sim.faults.next({ status: 200, errorCode: 0, message: 'OK' });
    const err = await failure(h.gateway.getDomain(h.sim.state.domains[0]!.ID));
    expect(err.code).toBe('postmark.unexpected-answer');
    expect(err.message).toMatch(/unexpected shape \(at ID\)/);
  });

  it('refresh behind a proxy keeps every link and the server token', async () => {
    const serverId = h.sim.state.servers[0]!.ID;
    const before = h.outbox.objectsForTenant('t').map((l) => l.kind);
    h.sim.faults.proxy404();
    expect((await failure(syncPostmarkObjects({ db: h.db, gateway: h.gateway, vault: h.vault }, 't'))).code).toBe('postmark.endpoint');
    expect(h.outbox.objectsForTenant('t').map((l) => l.kind)).toEqual(before);
    expect(h.vault.getServerToken(serverId)).toBeTruthy();
  });

  it('a delete behind a proxy does not "succeed": the job waits and the link stays', async () => {
    h.sim.faults.proxy404();
    const del = h.outbox.enqueue({ kind: 'delete-domain', tenantId: 't', payload: { domainName: 'kept.test' } });
    await h.outbox.runDue();
    expect(h.outbox.get(del.id)!.state).toBe('queued');
    expect(h.outbox.get(del.id)!.lastError).toMatchObject({ code: 'postmark.endpoint' });
    expect(h.outbox.objectsForTenant('t').some((l) => l.kind === 'domain')).toBe(true);
    h.sim.faults.clear();
    h.outbox.kick();
    await h.outbox.runDue();
    expect(h.outbox.get(del.id)!.state).toBe('succeeded');
    expect(h.sim.state.domains).toHaveLength(0);
  });

  it("a 404 on DELETE counts as gone only when a read then gets Postmark's own 422 not-found", async () => {
    const domainId = h.sim.state.domains[0]!.ID;
    h.sim.state.domains.length = 0; // deleted meanwhile (a parallel run, the Postmark UI)
    h.sim.faults.next({ status: 404, match: /^DELETE \/domains\// });
    const del = h.outbox.enqueue({ kind: 'delete-domain', tenantId: 't', payload: { domainId } });
    await h.outbox.runDue();
    expect(h.outbox.get(del.id)).toMatchObject({ state: 'succeeded', result: { alreadyGone: true } });
    expect(h.sim.state.requests.filter((r) => r.method === 'GET' && r.path.startsWith(`/domains/${domainId}`)).map((r) => r.status)).toEqual([422]);
  });

  it('forgets one object Postmark says is gone (422), but asks before forgetting many at once', async () => {
    h.sim.state.domains.length = 0;
    const one = await syncPostmarkObjects({ db: h.db, gateway: h.gateway, vault: h.vault }, 't');
    expect(one.missing.map((m) => m.kind)).toEqual(['domain']);

    h.sim.state.senders.length = 0;
    h.sim.state.servers.length = 0;
    const asked = await failure(syncPostmarkObjects({ db: h.db, gateway: h.gateway, vault: h.vault }, 't'));
    expect(asked.code).toBe('postmark.confirm-forget');
    expect(
      h.outbox
        .objectsForTenant('t')
        .map((l) => l.kind)
        .sort(),
    ).toEqual(['sender', 'server']);
    const forgotten = await syncPostmarkObjects({ db: h.db, gateway: h.gateway, vault: h.vault }, 't', { forgetMissing: true });
    expect(forgotten.missing).toHaveLength(2);
    expect(h.outbox.objectsForTenant('t')).toEqual([]);
  });
});
