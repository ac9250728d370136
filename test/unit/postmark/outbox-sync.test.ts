import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServerTokenSource, enqueueAll, provisioningJobs, syncPostmarkObjects } from '../../../src-main/postmark/outbox';
import { MemoryVault } from '../../../src-main/secrets/memory-vault';
import { outboxHarness, type OutboxHarness } from './outbox-harness';

let h: OutboxHarness;
beforeEach(async () => {
  h = await outboxHarness();
  enqueueAll(h.outbox, provisioningJobs({ tenantId: 't', option: 1, serverName: 'Synced', domain: 'sync.test' }));
  h.outbox.enqueue({ kind: 'create-sender', tenantId: 't', payload: { fromEmail: 'a@sync.test', name: 'A' } });
  await h.outbox.runDue();
});
afterEach(async () => {
  await h.close();
});

describe('sync and server tokens', () => {
  it('refreshes details changed outside Behalf and drops links to deleted objects', async () => {
    const sender = h.sim.state.senders[0]!;
    h.sim.confirmSender(sender.ID);
    h.sim.state.domains.length = 0;
    const report = await syncPostmarkObjects({ db: h.db, gateway: h.gateway, vault: h.vault }, 't');
    expect(report.refreshed).toBe(2);
    expect(report.missing).toEqual([{ tenantId: 't', kind: 'domain', postmarkId: expect.any(Number), name: 'sync.test' }]);
    const links = h.outbox.objectsForTenant('t');
    expect(links.map((l) => l.kind)).toEqual(['sender', 'server']);
    expect(links[0]!.details).toMatchObject({ Confirmed: true });
    expect(links[1]!.details).not.toHaveProperty('ApiTokens');
  });

  it('gives the server token from the vault, or re-reads it from Postmark into an empty vault', async () => {
    const server = h.sim.state.servers[0]!;
    const cached = createServerTokenSource({ gateway: h.gateway, vault: h.vault });
    const requests = h.sim.state.requests.length;
    expect(await cached.tokenFor(server.ID)).toBe(server.ApiTokens[0]);
    expect(h.sim.state.requests.length).toBe(requests);

    const emptyVault = new MemoryVault({});
    const fresh = createServerTokenSource({ gateway: h.gateway, vault: emptyVault });
    expect(await fresh.tokenFor(server.ID)).toBe(server.ApiTokens[0]);
    expect(emptyVault.getServerToken(server.ID)).toBe(server.ApiTokens[0]);
    await expect(fresh.tokenFor(999_999)).rejects.toMatchObject({ code: 'postmark.not-found' });
  });
});
