import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batchPosts, option2Tenant, seedTwo, startSendHarness, type SendHarness } from './harness';

let h: SendHarness;
beforeEach(async () => {
  h = await startSendHarness();
});
afterEach(async () => {
  await h.close();
});

const byAddress = <T extends { address: string }>(rows: T[], address: string) => rows.find((r) => r.address === address)!;

describe('test sends through the tenant server (simulator over HTTP)', () => {
  it('sends one message per seed with the signature From, tag, metadata and the tenant server token', async () => {
    const { tenant, server } = await option2Tenant(h);
    seedTwo(h);
    const view = await h.sends.send({ tenantId: tenant.id });

    expect(view.state).toBe('sent');
    expect(view.from).toBe('Acme Support <hello@acme.test>');
    expect(view.recipients.map((r) => [r.address, r.state, r.errorCode])).toEqual([
      ['seed.one@gmail.test', 'sent', 0],
      ['seed.two@outlook.test', 'sent', 0],
    ]);
    expect(view.recipients.every((r) => /^[0-9a-f-]{36}$/.test(r.messageId ?? '') && r.submittedAt)).toBe(true);
    expect(view.queue?.state).toBe('done');
    // One batch request, answered by the tenant's own server.
    expect(batchPosts(h).map((r) => r.path)).toEqual(['/email/batch']);
    const sent = h.sim.state.messages;
    expect(sent.map((m) => m.serverId)).toEqual([server.ID, server.ID]);
    expect(sent.every((m) => m.Tag === 'behalf-test' && m.Metadata.tenant_id === tenant.id)).toBe(true);
    expect(sent[0]!.Subject).toContain('Acme Inc to Gmail');
    expect(sent[1]!.TextBody).toContain('the Outlook seed inbox seed.two@outlook.test');
    expect(h.sends.history(tenant.id).map((s) => s.id)).toEqual([view.id]);
    expect(h.events.some((e) => e.sendId === view.id)).toBe(true);
  });

  it('reads Delivered and Bounced back from the message details, per seed', async () => {
    const { tenant } = await option2Tenant(h);
    seedTwo(h);
    h.sim.setRecipientEvents('seed.two@outlook.test', ['Transient', 'Bounced']);
    const view = await h.sends.send({ tenantId: tenant.id });
    const before = byAddress(view.recipients, 'seed.one@gmail.test');
    expect(before.eventType).toBeNull();

    // Postmark has not indexed the fresh messages yet: "not indexed yet", not an error about retention.
    expect(await h.sends.refreshEvents(tenant.id)).toEqual({ checked: 0, updated: 0, notIndexed: 2, errors: [] });
    h.advance(h.sim.state.searchLagMs);
    expect((await h.sends.refreshEvents(tenant.id)).checked).toBe(2);
    expect(byAddress(h.sends.get(view.id).recipients, 'seed.one@gmail.test').eventType).toBe('Queued');
    h.advance(2_000);
    await h.sends.refreshEvents(tenant.id);
    expect(byAddress(h.sends.get(view.id).recipients, 'seed.one@gmail.test').eventType).toBe('Sent');

    h.advance(60_000);
    const refreshed = await h.sends.refreshEvents(tenant.id);
    expect(refreshed).toEqual({ checked: 2, updated: 2, notIndexed: 0, errors: [] });
    const after = h.sends.get(view.id).recipients;
    expect(byAddress(after, 'seed.one@gmail.test')).toMatchObject({ eventType: 'Delivered', inactive: false });
    expect(byAddress(after, 'seed.two@outlook.test')).toMatchObject({ eventType: 'Bounced', inactive: true });
    expect(byAddress(after, 'seed.two@outlook.test').eventDetail).toMatch(/unable to deliver/);
    expect(h.sends.get(view.id).eventsAt).not.toBeNull();
    // Nothing new: a second refresh changes nothing.
    expect((await h.sends.refreshEvents(tenant.id)).updated).toBe(0);
  });

  it('refuses up front, with the reason and the fix, while the signature is unconfirmed', async () => {
    const { tenant } = await option2Tenant(h, { confirmed: false });
    seedTwo(h);
    const compose = await h.sends.compose(tenant.id);
    expect(compose.ready).toBe(false);
    expect(compose.block?.code).toBe('sends.signature-unconfirmed');
    await expect(h.sends.send({ tenantId: tenant.id })).rejects.toMatchObject({
      code: 'sends.signature-unconfirmed',
      message: expect.stringContaining('hello@acme.test'),
      hint: expect.stringMatching(/resend the confirmation/),
    });
    expect(batchPosts(h)).toHaveLength(0);
    expect(h.sends.history(tenant.id)).toEqual([]);
  });

  it('asks Postmark before refusing: a signature confirmed since the ledger was written sends', async () => {
    const { tenant } = await option2Tenant(h, { confirmed: true, ledgerConfirmed: false });
    seedTwo(h);
    expect((await h.sends.compose(tenant.id)).ready).toBe(false);
    expect((await h.sends.compose(tenant.id, { live: true })).ready).toBe(true);
    // What Postmark said is kept: the next look from the ledger alone is ready too.
    expect((await h.sends.compose(tenant.id)).ready).toBe(true);
    expect((await h.sends.send({ tenantId: tenant.id })).state).toBe('sent');
  });

  it('records an inactive recipient per seed (406) while the others go out', async () => {
    const { tenant } = await option2Tenant(h);
    seedTwo(h);
    h.sim.setInactive('seed.two@outlook.test');
    const view = await h.sends.send({ tenantId: tenant.id });
    expect(view.state).toBe('partial');
    expect(byAddress(view.recipients, 'seed.one@gmail.test').state).toBe('sent');
    expect(byAddress(view.recipients, 'seed.two@outlook.test')).toMatchObject({ state: 'inactive', inactive: true, errorCode: 406, messageId: null });
    expect(byAddress(view.recipients, 'seed.two@outlook.test').hint).toMatch(/inactive/);

    // A single seed that is inactive goes through /email (422 + 406) and is recorded the same way.
    const single = await h.sends.send({ tenantId: tenant.id, seeds: ['seed.two@outlook.test'] });
    expect(single.state).toBe('failed');
    expect(single.recipients[0]).toMatchObject({ state: 'inactive', errorCode: 406 });
  });

  it('shows a partial batch failure per recipient', async () => {
    const { tenant } = await option2Tenant(h);
    seedTwo(h);
    h.sim.setInactive('seed.two@outlook.test');
    const view = await h.sends.send({ tenantId: tenant.id, seeds: ['seed.one@gmail.test', 'seed.two@outlook.test', 'odd[1]@example.test'] });
    expect(view.recipients.map((r) => [r.address, r.state, r.errorCode])).toEqual([
      ['seed.one@gmail.test', 'sent', 0],
      ['seed.two@outlook.test', 'inactive', 406],
      ['odd[1]@example.test', 'failed', 300],
    ]);
    expect(byAddress(view.recipients, 'odd[1]@example.test').message).toMatch(/Invalid 'To'/);
    expect(view.state).toBe('partial');
    expect(batchPosts(h)).toHaveLength(1);
  });

  it('backs off on 429 and then sends, once', async () => {
    const { tenant } = await option2Tenant(h);
    seedTwo(h);
    h.sim.faults.next({ status: 429, match: /^POST \/email\/batch/ });
    const view = await h.sends.send({ tenantId: tenant.id });
    expect(view.state).toBe('sent');
    expect(batchPosts(h).map((r) => r.status)).toEqual([429, 200]);
    expect(h.sim.state.messages).toHaveLength(2);
  });

  it('queues when Postmark cannot be reached, shows why, and sends after recovery', async () => {
    const { tenant } = await option2Tenant(h);
    seedTwo(h);
    h.sim.faults.next({ drop: true, match: /^POST \/email\/batch/ });
    const queued = await h.sends.send({ tenantId: tenant.id });
    expect(queued.state).toBe('queued');
    expect(queued.recipients.every((r) => r.state === 'queued')).toBe(true);
    expect(queued.queue).toMatchObject({ state: 'queued', attempts: 1, lastError: { code: 'postmark.offline' } });
    expect(queued.queue?.nextAttemptAt).not.toBeNull();
    expect((await h.sends.compose(tenant.id)).queued).toBe(1);
    // A dropped connection may have been accepted: Behalf confirms with Postmark before re-sending.
    expect(queued.queue?.confirming).toMatchObject({ misses: 0 });

    // Two searches spaced past the indexing window both miss it: only then is it sent again.
    h.advance(60_000);
    expect(await h.sends.retryQueued(tenant.id)).toMatchObject({ ran: 1, sent: 0, stillQueued: 1 });
    h.advance(30_000);
    const run = await h.sends.retryQueued(tenant.id);
    expect(run).toMatchObject({ ran: 1, sent: 1, stillQueued: 0 });
    const sent = h.sends.get(queued.id);
    expect(sent.state).toBe('sent');
    expect(sent.queue).toMatchObject({ state: 'done', attempts: 3, confirming: null });
    expect(h.sim.state.messages).toHaveLength(2);
  });

  it('adopts what Postmark accepted when only the answer was lost (no second copy)', async () => {
    const { tenant } = await option2Tenant(h);
    seedTwo(h);
    h.sim.faults.next({ drop: true, processed: true, match: /^POST \/email\/batch/ });
    const queued = await h.sends.send({ tenantId: tenant.id });
    expect(queued.state).toBe('queued');
    expect(h.sim.state.messages).toHaveLength(2);

    // Retried at once: Postmark has the messages but its search does not list them yet. No second copy.
    await h.sends.retryQueued();
    expect(h.sim.state.messages).toHaveLength(2);
    expect(h.sends.get(queued.id)).toMatchObject({ state: 'queued', queue: { confirming: { misses: 0 } } });
    h.advance(5_000);
    await h.sends.retryQueued();
    expect(h.sim.state.messages).toHaveLength(2);

    h.advance(h.sim.state.searchLagMs);
    await h.sends.retryQueued();
    const sent = h.sends.get(queued.id);
    expect(sent.state).toBe('sent');
    expect(sent.recipients.map((r) => r.messageId).sort()).toEqual(h.sim.state.messages.map((m) => m.MessageID).sort());
    expect(h.sim.state.messages).toHaveLength(2);
    expect(batchPosts(h)).toHaveLength(1);
  });

  it('keeps a send queued through a 5xx outage and fails it visibly when retries run out', async () => {
    const { tenant } = await option2Tenant(h);
    seedTwo(h);
    h.sim.faults.next({ status: 500, times: 10, match: /^POST \/email\/batch/ });
    const queued = await h.sends.send({ tenantId: tenant.id });
    expect(queued.queue?.lastError?.code).toBe('postmark.server-error');
    const stubborn = (await import('../../../src-main/sends')).createSendService({
      db: h.db,
      settings: h.settings,
      tenants: h.tenants,
      vault: h.vault,
      gateway: () => h.gateway,
      maxAttempts: 3,
      backoff: { baseMs: 1, maxMs: 2 },
      now: h.now,
    });
    // A 500 may have been accepted: two confirming searches past the window, then the re-send fails for good.
    h.advance(60_000);
    await stubborn.retryQueued();
    expect(h.sends.get(queued.id).state).toBe('queued');
    h.advance(30_000);
    await stubborn.retryQueued();
    const failed = h.sends.get(queued.id);
    expect(failed.state).toBe('failed');
    expect(failed.queue?.state).toBe('failed');
    expect(failed.recipients.every((r) => r.state === 'failed' && /internal error|unexpected/i.test(r.message + r.hint))).toBe(true);
  });

  it('validates templates and seeds before anything is written', async () => {
    const { tenant } = await option2Tenant(h);
    await expect(h.sends.send({ tenantId: tenant.id })).rejects.toMatchObject({ code: 'sends.no-seeds' });
    seedTwo(h);
    await expect(h.sends.send({ tenantId: tenant.id, subject: 'Hi {{tenant.nmae}}' })).rejects.toMatchObject({
      code: 'sends.template-invalid',
      message: expect.stringContaining('{{tenant.nmae}}'),
    });
    await expect(h.sends.send({ tenantId: tenant.id, seeds: ['not an address'] })).rejects.toMatchObject({ code: 'sends.seed-invalid' });
    expect(h.sends.preview({ tenantId: tenant.id, subject: '{{tenant.domain}} / {{seed.provider}}', body: 'x', seed: 'seed.two@outlook.test' })).toMatchObject({
      subject: 'acme.test / Outlook',
      errors: [],
    });
    expect(batchPosts(h)).toHaveLength(0);
  });
});

describe('an account pending approval (ErrorCode 412)', () => {
  it('shows each refused seed with what approval allows, and the compose screen says so until a send gets through', async () => {
    const { tenant } = await option2Tenant(h);
    seedTwo(h);
    h.sim.state.accountApproved = false;
    const refused = await h.sends.send({ tenantId: tenant.id });
    expect(refused.state).toBe('failed');
    expect(refused.recipients.every((r) => r.errorCode === 412 && /own domains/.test(r.hint))).toBe(true);
    expect((await h.sends.compose(tenant.id)).pendingApproval).toMatchObject({ address: expect.stringMatching(/seed/) });

    h.sim.state.accountApproved = true;
    expect((await h.sends.send({ tenantId: tenant.id })).state).toBe('sent');
    expect((await h.sends.compose(tenant.id)).pendingApproval).toBeNull();
  });
});

describe('background retries (long-lived doors)', () => {
  it('runs a queued send on its own once its backoff ends, and stops when asked', async () => {
    const { tenant } = await option2Tenant(h);
    seedTwo(h);
    const { createSendService } = await import('../../../src-main/sends');
    const auto = createSendService({
      db: h.db,
      settings: h.settings,
      tenants: h.tenants,
      vault: h.vault,
      gateway: () => h.gateway,
      autoRetry: true,
      backoff: { baseMs: 5, maxMs: 10 },
      // A short indexing window keeps this background test fast; the confirming rule itself is the same.
      confirm: { windowMs: 50, spacingMs: 20 },
    });
    try {
      h.sim.faults.next({ drop: true, match: /^POST \/email\/batch/ });
      const queued = await auto.send({ tenantId: tenant.id });
      expect(queued.state).toBe('queued');
      await vi.waitFor(() => expect(h.sends.get(queued.id).state).toBe('sent'), { timeout: 5000, interval: 20 });
      expect(h.sim.state.messages).toHaveLength(2);
    } finally {
      auto.stop();
    }
  });
});
