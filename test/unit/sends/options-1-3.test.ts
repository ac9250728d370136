import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObjectStore } from '../../../src-main/postmark/outbox/object-store';
import { withoutTokens } from '../../../src-main/postmark/types';
import { createFakeResolver, type FakeResolver } from '../../support/postmark-sim';
import { batchPosts, seedTwo, startSendHarness, type SendHarness } from './harness';

let h: SendHarness;
let dns: FakeResolver;
beforeEach(async () => {
  dns = createFakeResolver();
  h = await startSendHarness({ resolver: dns });
  seedTwo(h);
});
afterEach(async () => {
  await h.close();
});

async function serverFor(tenantId: string) {
  const server = await h.gateway.createServer({ Name: `behalf-${tenantId}` });
  new ObjectStore(h.db).upsert(
    { tenantId, kind: 'server', postmarkId: server.ID, name: server.Name, details: withoutTokens(server) },
    new Date().toISOString(),
  );
  return server;
}

async function verifiedDomain(name: string) {
  const domain = await h.gateway.createDomain({ Name: name });
  dns.setTxt(domain.DKIMPendingHost, [domain.DKIMPendingTextValue]);
  return h.gateway.verifyDkim(domain.ID);
}

describe('option 1 and option 3 From addresses through the simulator', () => {
  it('option 1: refused while DKIM is unverified, sent from the customer domain once Postmark verified it', async () => {
    const tenant = h.tenants.create({ name: 'Acme Inc', domain: 'acme.test', fromAddress: 'news@acme.test', fromName: 'Acme', option: 1 });
    await serverFor(tenant.id);
    const domain = await h.gateway.createDomain({ Name: 'acme.test' });
    new ObjectStore(h.db).upsert({ tenantId: tenant.id, kind: 'domain', postmarkId: domain.ID, name: 'acme.test', details: domain }, new Date().toISOString());

    await expect(h.sends.send({ tenantId: tenant.id })).rejects.toMatchObject({
      code: 'sends.domain-unverified',
      hint: expect.stringContaining(domain.DKIMPendingHost),
    });
    expect(batchPosts(h)).toHaveLength(0);

    dns.setTxt(domain.DKIMPendingHost, [domain.DKIMPendingTextValue]);
    await h.gateway.verifyDkim(domain.ID);
    const view = await h.sends.send({ tenantId: tenant.id });
    expect(view.state).toBe('sent');
    expect(h.sim.state.messages.map((m) => m.From)).toEqual(['Acme <news@acme.test>', 'Acme <news@acme.test>']);
  });

  it('option 3: display name + vendor address from the settings, Reply-To the customer', async () => {
    h.settings.update({ vendorName: 'Vendr', vendorDomain: 'notify.vendr.test', vendorAddressPattern: 'per-customer' });
    await verifiedDomain('notify.vendr.test');
    const tenant = h.tenants.create({ name: 'Acme Inc', domain: 'acme.test', fromAddress: 'news@acme.test', fromName: 'Acme', option: 3 });
    const server = await serverFor(tenant.id);
    const compose = await h.sends.compose(tenant.id);
    expect(compose).toMatchObject({ ready: true, from: expect.stringMatching(/^Acme via Vendr <[a-z0-9-]+@notify\.vendr\.test>$/), replyTo: 'news@acme.test' });

    const view = await h.sends.send({ tenantId: tenant.id });
    expect(view.state).toBe('sent');
    expect(view.from).toBe(compose.from);
    expect(h.sim.state.messages.every((m) => m.From === compose.from && m.serverId === server.ID)).toBe(true);
  });
});
