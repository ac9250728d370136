import { afterEach, describe, expect, it } from 'vitest';
import { serviceHarness, statusTrail, type ServiceHarness } from './harness';

let h: ServiceHarness;
afterEach(async () => h?.close());

describe('postmark service: provisioning through the composition root (simulator over HTTP)', () => {
  it('option 1: server + domain, DKIM pending, publish + verify → live, every status in the audit trail', async () => {
    // DNS questions go to a closed local port: answers fail fast, and the check is still recorded.
    h = await serviceHarness({ env: { BEHALF_DNS_SERVERS: '127.0.0.1:9' } });
    const id = h.addTenant({ name: 'Acme Corp', domain: 'acme.example', option: 1 });
    const { state, queued } = await h.s.postmark.provision({ id, returnPathDomain: 'bounces' });
    expect(queued).toBe(2);
    expect(state.server?.name).toBe('behalf-acme-corp');
    expect(state.server?.color).toBe('Blue');
    expect(state.domain?.name).toBe('acme.example');
    expect(state.domain?.returnPath.domain).toBe('bounces.acme.example');
    expect(state.domain?.pending?.host).toMatch(/\._domainkey\.acme\.example$/);
    expect(state.domain?.dkimVerified).toBe(false);
    expect(h.s.tenants.get(id).status).toBe('awaiting-dns');
    // The UI-facing state never carries a token.
    const serverId = state.server!.id;
    expect(JSON.stringify(state)).not.toContain(h.sim.serverToken(serverId));
    expect(h.s.vault.getServerToken(serverId)).toBe(h.sim.serverToken(serverId));

    // Nothing published yet: verify leaves it waiting.
    expect((await h.s.postmark.verify(id)).domain?.dkimVerified).toBe(false);
    expect(h.s.tenants.get(id).status).toBe('awaiting-dns');

    h.publish(id);
    const verified = await h.s.postmark.verify(id);
    expect(verified.domain?.dkimVerified).toBe(true);
    expect(verified.domain?.returnPath.verified).toBe(true);
    expect(h.s.tenants.get(id).status).toBe('live');
    expect(statusTrail(h.s, id)).toEqual(['draft>provisioning', 'provisioning>awaiting-dns', 'awaiting-dns>live']);
    expect(h.sim.state.servers.length).toBe(1);
    // Going live runs a DNS check by itself, so the DNS tab and the list do not keep the last failing one.
    expect(h.s.dns.latest(id)).toBeNull();
    await expect.poll(() => h.s.dns.latest(id)?.domain, { timeout: 15_000 }).toBe('acme.example');
  });

  it('option 1: DKIM rotation shows the new pending key, then the revoked one and when it is safe to delete', async () => {
    h = await serviceHarness();
    const id = h.addTenant({ name: 'Rota', domain: 'rota.example', option: 1 });
    await h.s.postmark.provision({ id });
    h.publish(id);
    await h.s.postmark.verify(id);
    const before = h.s.postmark.state(id).domain!.active!;
    const rotated = await h.s.postmark.rotateDkim(id);
    expect(rotated.domain?.pending).not.toBeNull();
    expect(rotated.domain?.pending?.value).not.toBe(before.value);
    h.publish(id);
    const after = await h.s.postmark.verify(id);
    expect(after.domain?.revoked?.value).toBe(before.value);
    expect(after.domain?.active?.value).toBe(rotated.domain?.pending?.value);
    expect(after.domain?.safeToRemoveRevokedKey).toBe(false);
    expect((await h.s.postmark.verify(id)).domain?.safeToRemoveRevokedKey).toBe(true);
  });

  it('option 2: sender signature with a personal note, a ready customer message, confirmation click → live', async () => {
    h = await serviceHarness();
    const id = h.addTenant({ name: 'Beta', domain: 'beta.example', option: 2, fromAddress: 'news@beta.example', contactName: 'Bea' });
    const { state } = await h.s.postmark.provision({ id, personalNote: 'Hello from your vendor' });
    expect(state.sender).toMatchObject({ email: 'news@beta.example', confirmed: false });
    expect(h.s.tenants.get(id).status).toBe('awaiting-confirmation');
    expect(h.sim.state.confirmationMails.length).toBe(1);
    await h.s.postmark.resendConfirmation(id);
    expect(h.sim.state.confirmationMails.length).toBe(2);
    const msg = h.s.postmark.confirmationMessage(id);
    expect(msg.body).toContain('Hi Bea');
    expect(msg.body).toContain('news@beta.example');
    expect(msg.body).toMatch(/Postmark/);

    expect((await h.s.postmark.verify(id)).sender?.confirmed).toBe(false);
    h.sim.confirmSender(state.sender!.id);
    expect((await h.s.postmark.verify(id)).sender?.confirmed).toBe(true);
    expect(h.s.tenants.get(id).status).toBe('live');
  });

  it('option 3: a server is all it takes', async () => {
    h = await serviceHarness();
    const id = h.addTenant({ name: 'Gamma', domain: 'gamma.example', option: 3 });
    await h.s.postmark.provision({ id });
    expect(h.s.tenants.get(id).status).toBe('live');
    expect(statusTrail(h.s, id)).toEqual(['draft>provisioning', 'provisioning>live']);
  });

  it('without a token the jobs wait (tenant provisioning), and run once the token is set', async () => {
    h = await serviceHarness({ token: false });
    const id = h.addTenant({ name: 'Delta', domain: 'delta.example', option: 1 });
    const out = await h.s.postmark.provision({ id });
    expect(out.queued).toBe(2);
    expect(out.state.jobs.map((j) => j.state)).toEqual(['queued', 'queued']);
    expect(h.s.tenants.get(id).status).toBe('provisioning');
    expect(h.s.postmark.status()).toMatchObject({ hasToken: false, queued: 2 });
    // Provisioning twice queues nothing new.
    expect((await h.s.postmark.provision({ id })).queued).toBe(0);

    h.s.vault.setAccountToken(h.sim.accountToken);
    await h.s.postmark.runDue();
    expect(h.s.tenants.get(id).status).toBe('awaiting-dns');
    expect(h.s.postmark.state(id).jobs).toEqual([]);
  });

  it('deprovision refuses a wrong name, then deletes domain and server in Postmark and returns the tenant to draft', async () => {
    h = await serviceHarness();
    const id = h.addTenant({ name: 'Epsilon', domain: 'epsilon.example', option: 1 });
    await h.s.postmark.provision({ id });
    await expect(h.s.postmark.deprovision(id, 'epsilon')).rejects.toMatchObject({ code: 'postmark.confirm-name' });
    expect(h.sim.state.domains.length).toBe(1);
    const out = await h.s.postmark.deprovision(id, 'Epsilon');
    expect(out.queued).toBe(2);
    expect(h.sim.state.domains.length).toBe(0);
    expect(h.sim.state.servers.length).toBe(0);
    expect(out.state).toMatchObject({ server: null, domain: null, jobs: [] });
    expect(h.s.tenants.get(id).status).toBe('draft');
    // And it can be provisioned again (a new generation of idempotency keys).
    expect((await h.s.postmark.provision({ id })).queued).toBe(2);
    expect(h.s.tenants.get(id).status).toBe('awaiting-dns');
  });

  it('refuses a Return-Path outside the tenant domain and a tenant without an option', async () => {
    h = await serviceHarness();
    const id = h.addTenant({ name: 'Zeta', domain: 'zeta.example', option: 1 });
    await expect(h.s.postmark.provision({ id, returnPathDomain: 'pm.other.example' })).rejects.toMatchObject({ code: 'postmark.return-path-invalid' });
    const none = h.addTenant({ name: 'Eta', domain: 'eta.example' });
    await expect(h.s.postmark.provision({ id: none })).rejects.toMatchObject({ code: 'postmark.no-option' });
    expect(h.sim.state.servers.length).toBe(0);
  });
});
