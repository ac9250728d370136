import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostmarkGateway } from '../../../src-main/postmark';
import { enqueueAll, provisioningJobs, verificationJobs } from '../../../src-main/postmark/outbox';
import { outboxHarness, type OutboxHarness } from './outbox-harness';

let h: OutboxHarness;
beforeEach(async () => {
  h = await outboxHarness();
});
afterEach(async () => {
  await h.close();
});

describe('outbox: provisioning', () => {
  it('runs an option-1 plan: server + domain, links them to the tenant, token only in the vault', async () => {
    const jobs = enqueueAll(h.outbox, provisioningJobs({ tenantId: 't-acme', option: 1, serverName: 'Acme', domain: 'acme.test' }));
    expect(jobs.map((j) => [j.kind, j.state])).toEqual([
      ['create-server', 'queued'],
      ['create-domain', 'queued'],
    ]);
    const summary = await h.outbox.runDue();
    expect(summary).toMatchObject({ ran: 2, succeeded: 2, needsAttention: 0 });

    const [server] = h.sim.state.servers;
    const [domain] = h.sim.state.domains;
    expect(h.outbox.objectsForTenant('t-acme').map((o) => [o.kind, o.postmarkId, o.name])).toEqual([
      ['domain', domain!.ID, 'acme.test'],
      ['server', server!.ID, 'Acme'],
    ]);
    expect(domain!.ReturnPathDomain).toBe('pm-bounces.acme.test');
    expect(h.outbox.get(jobs[1]!.id)!.result).toMatchObject({
      domainId: domain!.ID,
      adopted: false,
      dkimHost: domain!.pending!.host,
      returnPathCname: 'pm.mtasv.net',
    });
    const token = server!.ApiTokens[0]!;
    expect(h.vault.getServerToken(server!.ID)).toBe(token);
    expect(h.ledgerBytes()).not.toContain(token);
    expect(JSON.stringify(h.events)).not.toContain(token);
  });

  it('runs an option-2 plan with the personal note, and enqueueing the plan again adds nothing', async () => {
    const plan = provisioningJobs({
      tenantId: 't-2',
      option: 2,
      serverName: 'Two',
      fromEmail: 'billing@two.test',
      fromName: 'Two Billing',
      personalNote: 'Hello from your vendor',
    });
    const first = enqueueAll(h.outbox, plan);
    const again = enqueueAll(h.outbox, plan);
    expect(again.map((j) => j.id)).toEqual(first.map((j) => j.id));
    await h.outbox.runDue();
    enqueueAll(h.outbox, plan);
    await h.outbox.runDue();
    expect(h.sim.state.senders.map((s) => [s.EmailAddress, s.ConfirmationPersonalNote])).toEqual([['billing@two.test', 'Hello from your vendor']]);
    expect(h.sim.state.servers).toHaveLength(1);
    expect(h.outbox.list()).toHaveLength(2);
  });

  it('refuses a reused idempotency key for a different change, and create jobs without a tenant', () => {
    h.outbox.enqueue({ kind: 'create-server', tenantId: 't', payload: { name: 'A' }, idempotencyKey: 'k' });
    expect(() => h.outbox.enqueue({ kind: 'create-server', tenantId: 't', payload: { name: 'B' }, idempotencyKey: 'k' })).toThrow(/idempotency key/);
    expect(() => h.outbox.enqueue({ kind: 'create-domain', payload: { name: 'x.test' } })).toThrow(/needs the tenant/);
    expect(() => h.outbox.enqueue({ kind: 'verify-dkim', payload: {} as never })).toThrow(/domainId or domainName/);
  });

  it('runs jobs of one tenant in order, resolving names made by earlier jobs (verify after create)', async () => {
    enqueueAll(h.outbox, provisioningJobs({ tenantId: 't', option: 1, serverName: 'S', domain: 'ordered.test' }));
    const [dkim, rp] = enqueueAll(h.outbox, verificationJobs('t', 'ordered.test', new Date(h.clock.now)));
    await h.outbox.runDue();
    expect(h.outbox.get(dkim!.id)!.result).toMatchObject({ dkimVerified: false });

    const domain = h.sim.state.domains[0]!;
    h.dns.setTxt(domain.pending!.host, [domain.pending!.value]);
    h.dns.setCname('pm-bounces.ordered.test', 'pm.mtasv.net');
    h.advance(60_000);
    enqueueAll(h.outbox, verificationJobs('t', 'ordered.test', new Date(h.clock.now)));
    await h.outbox.runDue();
    expect(h.outbox.get(rp!.id)!.state).toBe('succeeded');
    const link = h.outbox.objectsForTenant('t').find((o) => o.kind === 'domain')!;
    expect(link.details).toMatchObject({ DKIMVerified: true, ReturnPathDomainVerified: true });
  });

  it('rotates DKIM and treats an already pending rotation (505) as done', async () => {
    enqueueAll(h.outbox, provisioningJobs({ tenantId: 't', option: 1, serverName: 'S', domain: 'rot.test' }));
    await h.outbox.runDue();
    const rotate = h.outbox.enqueue({ kind: 'rotate-dkim', tenantId: 't', payload: { domainName: 'rot.test' } });
    await h.outbox.runDue();
    expect(h.outbox.get(rotate.id)).toMatchObject({ state: 'succeeded', result: { alreadyPending: true } });
  });

  it('deletes servers, domains and senders, forgets the token, and succeeds when already gone', async () => {
    enqueueAll(h.outbox, provisioningJobs({ tenantId: 't', option: 1, serverName: 'Gone', domain: 'gone.test' }));
    h.outbox.enqueue({ kind: 'create-sender', tenantId: 't', payload: { fromEmail: 'a@gone.test', name: 'A' } });
    await h.outbox.runDue();
    const serverId = h.sim.state.servers[0]!.ID;
    h.sim.state.domains.length = 0; // deleted in the Postmark UI meanwhile
    const dels = [
      h.outbox.enqueue({ kind: 'delete-server', tenantId: 't', payload: { serverName: 'Gone' } }),
      h.outbox.enqueue({ kind: 'delete-domain', tenantId: 't', payload: { domainName: 'gone.test' } }),
      h.outbox.enqueue({ kind: 'delete-sender', tenantId: 't', payload: { email: 'a@gone.test' } }),
    ];
    await h.outbox.runDue();
    expect(dels.map((d) => h.outbox.get(d.id)!.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(h.outbox.get(dels[1]!.id)!.result).toMatchObject({ alreadyGone: true });
    expect(h.sim.state.servers).toHaveLength(0);
    expect(h.sim.state.senders).toHaveLength(0);
    expect(h.outbox.objectsForTenant('t')).toEqual([]);
    expect(h.vault.getServerToken(serverId)).toBeUndefined();
    expect(h.events.filter((e) => e.type === 'object' && e.change === 'removed')).toHaveLength(3);
  });
});

describe('outbox: failures', () => {
  it('marks input errors needs-attention with the mapped error, holds later jobs of the tenant, and cancel frees them', async () => {
    const bad = h.outbox.enqueue({ kind: 'create-domain', tenantId: 't', payload: { name: 'gmail.com' } });
    const later = h.outbox.enqueue({ kind: 'create-server', tenantId: 't', payload: { name: 'Later' } });
    const other = h.outbox.enqueue({ kind: 'create-server', tenantId: 'other', payload: { name: 'Other' } });
    await h.outbox.runDue();
    const failed = h.outbox.get(bad.id)!;
    expect(failed.state).toBe('needs-attention');
    expect(failed.lastError).toMatchObject({ code: 'postmark.invalid', postmarkCode: 503, retryable: false });
    expect(failed.lastError!.hint).toMatch(/option 3/);
    expect(h.outbox.get(later.id)!.state).toBe('queued');
    expect(h.outbox.get(other.id)!.state).toBe('succeeded');

    h.outbox.cancel(bad.id);
    await h.outbox.runDue();
    expect(h.outbox.get(later.id)!.state).toBe('succeeded');
    expect(() => h.outbox.cancel(later.id)).toThrow(/cannot be cancelled/);
  });

  it('keeps retryable failures queued with a backoff, then succeeds; gives up as failed after maxAttempts', async () => {
    h.sim.faults.next({ status: 503, times: 4, match: /\/servers/ });
    const job = h.outbox.enqueue({ kind: 'create-server', tenantId: 't', payload: { name: 'Later' } });
    const summary = await h.outbox.runDue();
    expect(summary.stoppedBy?.code).toBe('postmark.unavailable');
    const waiting = h.outbox.get(job.id)!;
    expect(waiting).toMatchObject({ state: 'queued', attempts: 1, lastError: { code: 'postmark.unavailable', retryable: true } });
    expect(Date.parse(waiting.nextAttemptAt!)).toBeGreaterThan(h.clock.now);
    await h.outbox.runDue();
    expect(h.outbox.get(job.id)!.attempts).toBe(1); // not due yet: nothing ran
    await h.drain();
    expect(h.outbox.get(job.id)).toMatchObject({ state: 'succeeded', attempts: 3, lastError: null });

    h.sim.faults.next({ status: 500, times: 100 });
    const doomed = h.outbox.enqueue({ kind: 'create-server', tenantId: 'u', payload: { name: 'Doomed' } });
    await h.drain();
    expect(h.outbox.get(doomed.id)).toMatchObject({ state: 'failed', attempts: 6, lastError: { code: 'postmark.server-error' } });
    h.sim.faults.clear();
    h.outbox.retry(doomed.id);
    await h.outbox.runDue();
    expect(h.outbox.get(doomed.id)!.state).toBe('succeeded');
  });

  it('blocks on a refused account token without blaming the job, and resumes after kick', async () => {
    let token: string | undefined = 'wrong-account-token';
    const gw = createPostmarkGateway({ accountToken: () => token, endpoint: h.sim.url, sleep: async () => {} });
    h.reopen({ gateway: gw });
    const job = h.outbox.enqueue({ kind: 'create-server', tenantId: 't', payload: { name: 'Blocked' } });
    const summary = await h.outbox.runDue();
    expect(summary.stoppedBy?.code).toBe('postmark.unauthorized');
    expect(h.outbox.status()).toMatchObject({ state: 'blocked', error: { code: 'postmark.unauthorized' } });
    expect(h.outbox.get(job.id)).toMatchObject({ state: 'queued', nextAttemptAt: null });
    expect(JSON.stringify(h.outbox.get(job.id))).not.toContain('wrong-account-token');

    token = h.sim.accountToken;
    h.outbox.kick();
    await h.outbox.runDue();
    expect(h.outbox.get(job.id)!.state).toBe('succeeded');
  });

  it('wakes for a retry whose backoff ended before the pass that scheduled it finished (a busy machine)', async () => {
    const gw = createPostmarkGateway({
      accountToken: h.sim.accountToken,
      endpoint: h.sim.url,
      sleep: async () => {},
      retry: { attempts: 1, baseMs: 1, maxMs: 1 },
    });
    await h.outbox.stop();
    const { createOutbox } = await import('../../../src-main/postmark/outbox');
    const clock = { now: Date.parse('2026-03-01T09:00:00.000Z') };
    let succeeded = false;
    const outbox = createOutbox({
      db: h.db,
      gateway: gw,
      vault: h.vault,
      now: () => new Date(clock.now),
      random: () => 0.5,
      backoff: { baseMs: 1_000, maxMs: 2_000 },
      onEvent: (e) => {
        // The machine stalls right after the retry is booked: by the time the pass ends, its backoff is over.
        if (e.type === 'job' && e.change === 'retry-scheduled') clock.now += 60_000;
        if (e.type === 'job' && e.change === 'succeeded') succeeded = true;
      },
    });
    h.sim.faults.next({ status: 429 });
    outbox.start();
    outbox.enqueue({ kind: 'create-server', tenantId: 't', payload: { name: 'Late' } });
    const deadline = Date.now() + 10_000;
    while (!succeeded && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await outbox.stop();
    expect(succeeded).toBe(true);
    expect(h.sim.state.servers.map((s) => s.Name)).toEqual(['Late']);
  });

  it('runs by itself once started, including after a backoff', async () => {
    const gw = createPostmarkGateway({
      accountToken: h.sim.accountToken,
      endpoint: h.sim.url,
      sleep: async () => {},
      retry: { attempts: 1, baseMs: 1, maxMs: 1 },
    });
    h.db.close();
    const { openLedger } = await import('../../../src-main/ledger/open');
    const { createOutbox } = await import('../../../src-main/postmark/outbox');
    h.db = openLedger(h.file);
    const done = new Promise<void>((resolve) => {
      h.outbox = createOutbox({
        db: h.db,
        gateway: gw,
        vault: h.vault,
        backoff: { baseMs: 20, maxMs: 40 },
        onEvent: (e) => {
          if (e.type === 'job' && e.change === 'succeeded') resolve();
        },
      });
    });
    h.sim.faults.next({ status: 429 });
    h.outbox.start();
    h.outbox.enqueue({ kind: 'create-server', tenantId: 't', payload: { name: 'Auto' } });
    await done;
    await h.outbox.stop();
    // The retry first looks for a server its refused attempt might have made, then creates it.
    expect(h.sim.state.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 429', 'GET 200', 'POST 200']);
    expect(h.sim.state.servers).toHaveLength(1);
    expect(h.outbox.status()).toEqual({ state: 'stopped' });
  });
});
