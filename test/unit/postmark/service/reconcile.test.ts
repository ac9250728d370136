import { AccountClient } from 'postmark';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../../src-main/app/dispatch';
import { createHandlers } from '../../../../src-main/app/handlers';
import { observeWriteTransactions } from '../../../../src-main/ledger/write-transaction';
import { serviceHarness, type ServiceHarness } from './harness';

let h: ServiceHarness;
afterEach(async () => h?.close());

const totalChanges = (h: ServiceHarness) => (h.s.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

describe('postmark service: reconcile and link', () => {
  it('imports every page, matches by domain / address / server name, lists the rest, and a rerun writes nothing', async () => {
    h = await serviceHarness();
    const acme = h.addTenant({ name: 'Acme', domain: 'acme.example', option: 1 });
    const beta = h.addTenant({ name: 'Beta', domain: 'beta.example', option: 2, fromAddress: 'hi@beta.example' });
    const gamma = h.addTenant({ name: 'Gamma', domain: 'gamma.example', option: 3 });
    // Objects made outside Behalf, straight through the official client.
    const pm = new AccountClient(h.sim.accountToken, { useHttps: false, requestHost: h.sim.requestHost });
    await pm.createDomain({ Name: 'acme.example' });
    await pm.createSenderSignature({ FromEmail: 'hi@beta.example', Name: 'Beta' });
    await pm.createServer({ Name: 'behalf-gamma' });
    await pm.createServer({ Name: 'behalf-acme' });
    // More than one page of strangers (the gateway pages by 500; servers, since domains make RSA keys).
    for (let batch = 0; batch < 502; batch += 50) {
      await Promise.all(Array.from({ length: Math.min(50, 502 - batch) }, (_, i) => pm.createServer({ Name: `stranger-${batch + i}` })));
    }

    const first = await h.s.postmark.reconcile();
    expect(first.matched.map((m) => `${m.kind}:${m.name}:${m.tenantName}`).sort()).toEqual([
      'domain:acme.example:Acme',
      'sender:hi@beta.example:Beta',
      'server:behalf-acme:Acme',
      'server:behalf-gamma:Gamma',
    ]);
    expect(first.unmatched.length).toBe(502);
    expect(first.written).toBe(4);
    expect(h.s.tenants.get(gamma).status).toBe('live');
    expect(h.s.tenants.get(acme).status).toBe('awaiting-dns');
    expect(h.s.tenants.get(beta).status).toBe('draft'); // a signature but no server: not set up yet

    const changesBefore = totalChanges(h);
    const second = await h.s.postmark.reconcile();
    expect(second.written).toBe(0);
    expect(totalChanges(h)).toBe(changesBefore);

    // A change in Postmark is picked up on the next run.
    h.sim.confirmSender(second.matched.find((m) => m.kind === 'sender')!.postmarkId);
    expect((await h.s.postmark.reconcile()).written).toBe(1);
    expect(h.s.postmark.state(beta).sender?.confirmed).toBe(true);
  });

  it('links an unmatched object to a tenant; refuses one already linked elsewhere', async () => {
    h = await serviceHarness();
    const one = h.addTenant({ name: 'One', domain: 'one.example', option: 3 });
    const two = h.addTenant({ name: 'Two', domain: 'two.example', option: 3 });
    const pm = new AccountClient(h.sim.accountToken, { useHttps: false, requestHost: h.sim.requestHost });
    const server = await pm.createServer({ Name: 'legacy-server-for-one' });
    const report = await h.s.postmark.reconcile();
    expect(report.unmatched).toEqual([{ kind: 'server', postmarkId: server.ID, name: 'legacy-server-for-one', tenantId: null, tenantName: null }]);
    const st = await h.s.postmark.link({ kind: 'server', postmarkId: server.ID, tenantId: one });
    expect(st.server?.name).toBe('legacy-server-for-one');
    expect(h.s.tenants.get(one).status).toBe('live');
    expect(h.s.vault.getServerToken(server.ID)).toBe(h.sim.serverToken(server.ID));
    await expect(h.s.postmark.link({ kind: 'server', postmarkId: server.ID, tenantId: two })).rejects.toMatchObject({ code: 'postmark.already-linked' });
    expect((await h.s.postmark.reconcile()).unmatched).toEqual([]);
  });

  it('through the contract: reconcile is a task, state/jobs carry no token, errors keep code and hint', async () => {
    h = await serviceHarness();
    const dispatch = createDispatch(createHandlers(h.s));
    const id = h.addTenant({ name: 'Wire', domain: 'wire.example', option: 1 });
    /** The task's promise settles in the registry; then its result is read through the contract. */
    const settled = async (taskId: string) => {
      await new Promise<void>((resolve) => {
        const off = h.s.bus.on('task.progress', (p) => {
          if (p.taskId === taskId && p.state !== 'running') {
            off();
            resolve();
          }
        });
        if (h.s.tasks.list().some((t) => t.taskId === taskId && t.state !== 'running')) {
          off();
          resolve();
        }
      });
      return dispatch('postmark.reconcileResult', { taskId });
    };
    const prov = await dispatch('postmark.provision', { id });
    expect(prov.ok).toBe(true);
    const state = await dispatch('postmark.state', { id });
    const serverId = (state as { ok: true; value: { server: { id: number } } }).value.server.id;
    const token = h.sim.serverToken(serverId);
    expect(JSON.stringify(state)).not.toContain(token);
    expect(JSON.stringify(await dispatch('postmark.jobs', {}))).not.toContain(token);

    const started = await dispatch('postmark.reconcile', {});
    const { taskId } = (started as { ok: true; value: { taskId: string } }).value;
    const result = await settled(taskId);
    expect(result).toMatchObject({ ok: true, value: { state: 'done', unmatched: [], written: 0 } });

    const refused = await dispatch('postmark.deprovision', { id, confirmName: 'nope' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'postmark.confirm-name' } });
    expect((refused as { ok: false; error: { hint?: string } }).error.hint).toBeTruthy();

    h.s.vault.setAccountToken('wrong-token-123');
    const bad = await dispatch('postmark.reconcile', {});
    const badId = (bad as { ok: true; value: { taskId: string } }).value.taskId;
    const failed = await settled(badId);
    expect(failed).toMatchObject({ ok: true, value: { state: 'failed', error: { code: 'postmark.unauthorized' } } });
    expect(JSON.stringify(failed)).not.toContain('wrong-token-123');
  });

  it('follows up the tenants it touched a slice to a transaction, not one commit each', async () => {
    h = await serviceHarness();
    const pm = new AccountClient(h.sim.accountToken, { useHttps: false, requestHost: h.sim.requestHost });
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) ids.push(h.addTenant({ name: `Tenant ${i}`, domain: `t${i}.example`, option: 3 }));
    for (let batch = 0; batch < 120; batch += 40) {
      await Promise.all(Array.from({ length: 40 }, (_, i) => pm.createServer({ Name: `behalf-tenant-${batch + i}` })));
    }
    let transactions = 0;
    observeWriteTransactions(() => transactions++);
    try {
      const report = await h.s.postmark.reconcile();
      expect(report.written).toBe(120);
    } finally {
      observeWriteTransactions(undefined);
    }
    // Every tenant followed its server to live (draft → provisioning → live: two audited steps each)...
    expect(ids.map((id) => h.s.tenants.get(id).status)).toEqual(ids.map(() => 'live'));
    // ...in a handful of commits: the links' own slices and three slices of follow-ups, not 120 or 240.
    expect(transactions).toBeLessThan(12);
  });
});
