import { afterEach, describe, expect, it } from 'vitest';
import { serviceHarness, type ServiceHarness } from '../postmark/service/harness';

let h: ServiceHarness;
afterEach(async () => h?.close());

/** A live option 2 tenant: server + confirmed sender signature in the simulator. */
async function liveOnOption2(): Promise<string> {
  h = await serviceHarness();
  h.s.settings.update({ vendorName: 'Sendly', vendorDomain: 'sendly.com', vendorAddressPattern: 'per-customer' });
  const id = h.addTenant({ name: 'Acme', domain: 'acme.example', option: 2, fromAddress: 'news@acme.example' });
  const { state } = await h.s.postmark.provision({ id });
  h.sim.confirmSender(state.sender!.id);
  await h.s.postmark.verify(id);
  expect(h.s.tenants.get(id).status).toBe('live');
  return id;
}

const actions = (id: string) => h.s.tenants.auditTrail(id).map((e) => `${e.action}: ${e.newValue ?? ''}`);

describe('change of mind carried out through the Postmark outbox (simulator over HTTP)', () => {
  it('2 → 1: the domain is created now; the sender signature is deleted only after the domain verifies', async () => {
    const id = await liveOnOption2();
    const plan = h.s.options.planSwitch(id, 1);
    expect(plan.actions).toMatchObject({ applies: true, create: ['domain'], removeNow: [], queueNow: 1 });
    expect(plan.actions?.defer).toEqual([expect.objectContaining({ kind: 'sender', condition: 'after-domain-verified' })]);

    const r = await h.s.options.change({ id, option: 1, apply: true });
    expect(r.tenant.option).toBe(1);
    expect(r.applied?.queued.map((j) => `${j.kind}:${j.state}`)).toEqual(['create-domain:succeeded']);
    expect(r.applied?.deferred.map((d) => `${d.kind}:${d.state}:${d.condition}`)).toEqual(['sender:waiting:after-domain-verified']);
    expect(h.sim.state.domains.map((d) => d.Name)).toEqual(['acme.example']);
    expect(h.sim.state.senders.length).toBe(1);
    expect(h.s.tenants.get(id).status).toBe('awaiting-dns');
    expect(h.s.options.deferredRemovals(id).pending.length).toBe(1);

    // Not published yet: the verify fails and the signature (what still carries the mail) stays.
    await h.s.postmark.verify(id);
    expect(h.sim.state.senders.length).toBe(1);
    expect(h.s.options.deferredRemovals(id).pending.length).toBe(1);

    h.publish(id);
    await h.s.postmark.verify(id);
    expect(h.s.tenants.get(id).status).toBe('live');
    expect(h.sim.state.senders.length).toBe(0);
    const after = h.s.options.deferredRemovals(id);
    expect(after.pending).toEqual([]);
    expect(after.history.map((d) => `${d.kind}:${d.state}`)).toEqual(['sender:enqueued']);
    expect(h.s.postmark.jobs({ tenantId: id }).find((j) => j.id === after.history[0]!.jobId)?.state).toBe('succeeded');

    const trail = actions(id) as string[];
    expect(trail.find((a) => a.startsWith('option switched'))).toMatch(
      /option 2 → 1; queued: #\d+ Create the domain acme\.example; deferred: Sender signature news@acme\.example after the new domain verifies/,
    );
    expect(trail.find((a) => a.startsWith('option switch: removal queued'))).toMatch(/Sender signature news@acme\.example: the condition is met/);
  });

  it('1 → 3: the domain is deleted now, the server is kept and the display name saved; 3 → 2 creates the sender', async () => {
    const id = await liveOnOption2();
    await h.s.options.change({ id, option: 1, apply: true });
    h.publish(id);
    await h.s.postmark.verify(id);
    expect(h.s.tenants.get(id).status).toBe('live');
    const serverIds = h.sim.state.servers.map((s) => s.ID);

    const plan = h.s.options.planSwitch(id, 3);
    expect(plan.actions).toMatchObject({ create: [], defer: [], queueNow: 1 });
    const to3 = await h.s.options.change({ id, option: 3, apply: true, displayName: 'Acme Support' });
    expect(to3.applied?.queued.map((j) => `${j.label}:${j.state}`)).toEqual(['Delete the domain acme.example:succeeded']);
    expect(to3.applied?.deferred).toEqual([]);
    expect(to3.tenant).toMatchObject({ option: 3, fromName: 'Acme Support', status: 'live' });
    expect(h.sim.state.domains).toEqual([]);
    expect(h.sim.state.servers.map((s) => s.ID)).toEqual(serverIds);
    expect(h.s.postmark.state(id).server?.id).toBe(serverIds[0]);

    const to2 = await h.s.options.change({ id, option: 2, apply: true });
    expect(to2.applied?.queued.map((j) => `${j.kind}:${j.state}`)).toEqual(['create-sender:succeeded']);
    // The same address as the first provision: a fresh job, not the old finished one handed back.
    expect(h.sim.state.senders.map((s) => s.EmailAddress)).toEqual(['news@acme.example']);
    expect(h.s.tenants.get(id).status).toBe('awaiting-confirmation');
    expect(h.sim.state.servers.map((s) => s.ID)).toEqual(serverIds);
  });

  it('switching back cancels the parked removal; a blocked display name changes nothing', async () => {
    const id = await liveOnOption2();
    await h.s.options.change({ id, option: 1, apply: true });
    expect(h.s.options.deferredRemovals(id).pending.length).toBe(1);

    // Back to 2 before the domain verified: the signature is needed again, the domain goes once it is confirmed (it is).
    const back = await h.s.options.change({ id, option: 2, apply: true });
    expect(back.applied?.cancelled.map((d) => `${d.kind}:${d.state}`)).toEqual(['sender:cancelled']);
    expect(h.sim.state.senders.length).toBe(1);
    // The sender is already confirmed, so the parked domain removal is released by the same switch.
    expect(h.sim.state.domains).toEqual([]);
    expect(
      h.s.options
        .deferredRemovals(id)
        .history.map((d) => `${d.kind}:${d.state}`)
        .sort(),
    ).toEqual(['domain:enqueued', 'sender:cancelled']);

    const before = h.s.tenants.get(id);
    await expect(h.s.options.change({ id, option: 3, apply: true, displayName: 'billing@paypal.com' })).rejects.toMatchObject({
      code: 'options.display-name-blocked',
    });
    expect(h.s.tenants.get(id)).toMatchObject({ option: before.option, fromName: before.fromName });
    expect(h.sim.state.senders.length).toBe(1);
  });

  it('a tenant with nothing in Postmark only records the choice', async () => {
    h = await serviceHarness();
    const id = h.addTenant({ name: 'Fresh', domain: 'fresh.example', option: 2, fromAddress: 'a@fresh.example' });
    expect(h.s.options.planSwitch(id, 1).actions).toMatchObject({ applies: false, queueNow: 0 });
    const r = await h.s.options.change({ id, option: 1, apply: true });
    expect(r.tenant.option).toBe(1);
    expect(r.applied).toEqual({ queued: [], deferred: [], cancelled: [], unresolved: [] });
    expect(h.s.postmark.jobs({ tenantId: id })).toEqual([]);
  });
});
