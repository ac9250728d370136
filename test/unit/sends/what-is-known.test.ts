import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObjectStore } from '../../../src-main/postmark/outbox/object-store';
import { withoutTokens } from '../../../src-main/postmark/types';
import { placementVerdict, seedVerdict } from '../../../src-preload/api/verdicts';
import { createFakeResolver, type FakeResolver } from '../../support/postmark-sim';
import { option2Tenant, seedTwo, startSendHarness, type SendHarness } from './harness';

/** Issue #24 item 11: test sends say what is known (simulator over HTTP). */
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

const byAddress = <T extends { address: string }>(rows: T[], address: string) => rows.find((r) => r.address === address)!;

async function option1Tenant(fromAddress: string) {
  const tenant = h.tenants.create({ name: 'Acme Inc', domain: 'acme.test', fromAddress, fromName: 'Acme', option: 1 });
  const server = await h.gateway.createServer({ Name: 'behalf-acme' });
  const domain = await h.gateway.createDomain({ Name: 'acme.test' });
  dns.setTxt(domain.DKIMPendingHost, [domain.DKIMPendingTextValue]);
  const verified = await h.gateway.verifyDkim(domain.ID);
  const objects = new ObjectStore(h.db);
  objects.upsert({ tenantId: tenant.id, kind: 'server', postmarkId: server.ID, name: server.Name, details: withoutTokens(server) }, new Date().toISOString());
  objects.upsert({ tenantId: tenant.id, kind: 'domain', postmarkId: domain.ID, name: 'acme.test', details: verified }, new Date().toISOString());
  return tenant;
}

describe('fallback From', () => {
  it('flags no-reply@<domain> when the tenant has no From address, and says nothing when it has one', async () => {
    const bare = await option1Tenant('');
    const compose = await h.sends.compose(bare.id);
    expect(compose).toMatchObject({ ready: true, from: 'Acme <no-reply@acme.test>' });
    expect(compose.fromFallback).toEqual({
      address: 'no-reply@acme.test',
      reason: 'Acme Inc has no From address, so Behalf sends from no-reply@acme.test instead.',
    });
    const view = await h.sends.send({ tenantId: bare.id });
    expect(h.sim.state.messages.map((m) => m.From)).toEqual(['Acme <no-reply@acme.test>', 'Acme <no-reply@acme.test>']);
    expect(view.from).toBe('Acme <no-reply@acme.test>');

    h.tenants.update(bare.id, { fromAddress: 'news@acme.test' });
    expect((await h.sends.compose(bare.id)).fromFallback).toBeNull();
    h.tenants.update(bare.id, { fromAddress: 'news@elsewhere.test' });
    expect((await h.sends.compose(bare.id)).fromFallback?.reason).toBe(
      "Acme Inc's From address news@elsewhere.test is not at acme.test, so Behalf sends from no-reply@acme.test instead.",
    );
  });

  it('option 2 uses the confirmed signature: no fallback', async () => {
    const { tenant } = await option2Tenant(h);
    expect((await h.sends.compose(tenant.id)).fromFallback).toBeNull();
  });
});

describe('status words and inbox / spam / missing marks', () => {
  it('reads the receiving server from Delivered: "accepted by mx.gmail.test", never "delivered"', async () => {
    const { tenant } = await option2Tenant(h);
    h.sim.setRecipientEvents('seed.two@outlook.test', ['Transient']);
    const view = await h.sends.send({ tenantId: tenant.id });
    h.advance(h.sim.state.searchLagMs + 60_000);
    await h.sends.refreshEvents(tenant.id, view.id);
    const rows = h.sends.get(view.id).recipients;
    const one = byAddress(rows, 'seed.one@gmail.test');
    expect(one).toMatchObject({ eventType: 'Delivered', eventServer: 'mx.gmail.test', placement: null });
    expect(seedVerdict(one)).toEqual({ tone: 'info', word: 'accepted by mx.gmail.test' });
    expect(seedVerdict(byAddress(rows, 'seed.two@outlook.test'))).toEqual({ tone: 'warning', word: 'delayed by mx.outlook.test' });
    expect(seedVerdict({ state: 'sent', eventType: 'Delivered' })).toEqual({ tone: 'info', word: 'accepted by the receiving server' });
    expect(seedVerdict({ state: 'queued', eventType: null, confirming: true })).toEqual({ tone: 'pending', word: 'confirming with Postmark' });
    expect(placementVerdict(null)).toEqual({ tone: 'unknown', word: 'not checked' });
  });

  it('records inbox / spam / missing per seed per send in the ledger, and refuses seeds not sent', async () => {
    const { tenant } = await option2Tenant(h);
    const first = await h.sends.send({ tenantId: tenant.id });
    const second = await h.sends.send({ tenantId: tenant.id, seeds: ['seed.one@gmail.test'] });
    h.events.length = 0;

    const marked = h.sends.mark(first.id, 'SEED.ONE@gmail.test', 'spam');
    expect(byAddress(marked.recipients, 'seed.one@gmail.test')).toMatchObject({ placement: 'spam', placementAt: expect.any(String) });
    expect(h.events).toEqual([{ tenantId: tenant.id, sendId: first.id }]);
    h.sends.mark(first.id, 'seed.two@outlook.test', 'missing');
    h.sends.mark(second.id, 'seed.one@gmail.test', 'inbox');

    // Per send: the second send's mark does not touch the first's, and the history keeps both.
    const history = h.sends.history(tenant.id);
    expect(history.map((s) => [s.id, s.recipients.map((r) => [r.address, r.placement])])).toEqual([
      [second.id, [['seed.one@gmail.test', 'inbox']]],
      [
        first.id,
        [
          ['seed.one@gmail.test', 'spam'],
          ['seed.two@outlook.test', 'missing'],
        ],
      ],
    ]);
    const stored = h.db.prepare(`SELECT placement FROM test_send_recipients WHERE send_id = ? ORDER BY id`).all(first.id);
    expect(stored).toEqual([{ placement: 'spam' }, { placement: 'missing' }]);

    // A mark made by mistake can be cleared.
    expect(byAddress(h.sends.mark(first.id, 'seed.two@outlook.test', null).recipients, 'seed.two@outlook.test')).toMatchObject({
      placement: null,
      placementAt: null,
    });

    expect(() => h.sends.mark(first.id, 'nobody@gmail.test', 'inbox')).toThrow(expect.objectContaining({ code: 'sends.seed-not-in-send' }));
    expect(() => h.sends.mark(999, 'seed.one@gmail.test', 'inbox')).toThrow(expect.objectContaining({ code: 'sends.not-found' }));
  });

  it('refuses a mark on a seed whose message did not go out', async () => {
    const { tenant } = await option2Tenant(h);
    h.sim.state.inactive.add('seed.two@outlook.test');
    const view = await h.sends.send({ tenantId: tenant.id });
    expect(byAddress(view.recipients, 'seed.two@outlook.test').state).toBe('inactive');
    expect(() => h.sends.mark(view.id, 'seed.two@outlook.test', 'spam')).toThrow(expect.objectContaining({ code: 'sends.seed-not-sent' }));
  });
});
