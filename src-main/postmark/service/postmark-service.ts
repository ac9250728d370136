import { BehalfError } from '../../../src-preload/api/errors';
import type { EventMap } from '../../../src-preload/api/events';
import type { OutboxJob, PostmarkState, PostmarkStatus } from '../../../src-preload/api/postmark';
import type { Settings } from '../../../src-preload/api/settings';
import type { Tenant, TenantStatus } from '../../../src-preload/api/tenants';
import type { Db } from '../../ledger/open';
import type { PostmarkGateway } from '../gateway';
import { createOutbox, type Outbox } from '../outbox/outbox';
import { ObjectStore } from '../outbox/object-store';
import { enqueueAll, provisioningJobs, verificationJobs } from '../outbox/provision';
import { syncPostmarkObjects } from '../outbox/sync';
import type { JobState, JobView, ObjectKind, OutboxEvent, ServerTokenVault } from '../outbox/types';
import { withoutTokens } from '../types';
import { createLazyGateway } from './lazy-gateway';
import { reconcileAccount, type ReconcileDeps, type ReconcileReport } from './reconcile';
import { serverNameFor } from './server-name';
import { followStatus, pathTo } from './tenant-status';
import { confirmationMessage, toOutboxJob, toState } from './views';
import { tenantName as tenantNameOf } from '../../ledger/tenants-repo';
import type { JobClaims } from '../../core/job-claims';
import { canonicalName } from '../../domain/domain-name';
import { followInSlices } from './follow-in-slices';

export interface PostmarkServiceDeps {
  db: Db;
  vault: ServerTokenVault & { getAccountToken(): string | undefined; hasAccountToken(): boolean };
  /** The tenants service, structurally (postmark/ sits below tenants/ and settings/: no import of them). */
  tenants: {
    get(id: string): Tenant;
    update(id: string, patch: { status: TenantStatus }): Tenant;
    record(id: string, action: string, detail?: string): void;
  };
  settings: { get(): Settings };
  endpoint: () => string;
  simulated?: () => boolean;
  emit?: <K extends 'outbox.changed'>(name: K, payload: EventMap[K]) => void;
  /** Tests pass a gateway with their own retry/timeouts; default: the lazy one over the vault's token. */
  gateway?: PostmarkGateway;
  now?: () => Date;
  /**
   * After each follow-up of a tenant (job finished, verify, sync): the options switcher releases parked removals, the
   * DKIM calendar records the keys. `state` is the tenant's Postmark state as the follow-up read it (its objects, and
   * its pending jobs before `afterFollow` ran): read once, not again per listener (2,000 tenants after a reconcile).
   */
  afterFollow?: (tenantId: string, state: PostmarkState) => void;
  /** When Postmark's verification turns a tenant live: the composition root runs a DNS check, so "live" and the last check agree. */
  afterLive?: (tenantId: string) => void;
  /** Team mode (issue #19): each job is claimed in the team's database before Postmark is called; null: single-user. */
  claims?: () => JobClaims | null;
}

const PENDING: JobState[] = ['queued', 'running', 'needs-attention', 'failed'];

/**
 * Provisioning, verification, deprovisioning and reconcile for tenants, over the outbox. Every Postmark
 * mutation goes through a persisted job; reads (state, refresh, reconcile) go to the gateway directly.
 * The tenant's status follows what Postmark holds, always through TenantService (so it lands in the audit trail).
 */
export function createPostmarkService(deps: PostmarkServiceDeps) {
  const gateway = deps.gateway ?? createLazyGateway({ accountToken: () => deps.vault.getAccountToken(), endpoint: deps.endpoint });
  const objects = new ObjectStore(deps.db);
  const tenantName = (id: string): string | null => tenantNameOf(deps.db, id);

  /** `checkDns`: false for reconcile, which only reads what Postmark holds (a rerun must write nothing new). */
  function follow(tenantId: string, checkDns = true): void {
    let tenant: Tenant;
    try {
      tenant = deps.tenants.get(tenantId);
    } catch {
      return; // a job for a tenant no longer in the ledger
    }
    const links = objects.forTenant(tenantId);
    const jobs = outbox.list({ tenantId, states: PENDING });
    const target = followStatus({ tenant, links, jobs });
    if (target) for (const status of pathTo(tenant.status, target)) deps.tenants.update(tenantId, { status });
    if (checkDns && target === 'live' && tenant.status !== 'live') deps.afterLive?.(tenantId);
    const pending = jobs.map((j) => toOutboxJob(j, tenantName));
    deps.afterFollow?.(tenantId, toState(tenantId, links, pending));
  }

  function onEvent(event: OutboxEvent): void {
    try {
      if (event.type === 'job') {
        const { job, change } = event;
        if (job.tenantId && (change === 'succeeded' || change === 'needs-attention' || change === 'failed')) {
          const why = change === 'succeeded' ? '' : `: ${job.lastError?.message ?? ''}`;
          deps.tenants.record(job.tenantId, `postmark.${change}`, `${toOutboxJob(job, tenantName).label}${why}`);
        }
        // A job another console ran (team-settled) moved its tenant there: that status arrives with the team's changes.
        if (job.tenantId && change !== 'started' && change !== 'queued' && change !== 'team-settled') follow(job.tenantId);
        deps.emit?.('outbox.changed', { tenantId: job.tenantId, reason: `job.${change}` });
      } else if (event.type === 'object') {
        deps.emit?.('outbox.changed', { tenantId: event.tenantId, reason: `object.${event.change}` });
      } else {
        deps.emit?.('outbox.changed', { tenantId: null, reason: `runner.${event.status.state}` });
      }
    } catch (err) {
      // Never let a bookkeeping failure stop the runner; the job itself is already recorded.
      console.error('postmark: could not follow an outbox event', err);
    }
  }

  const outbox: Outbox = createOutbox({
    db: deps.db,
    gateway,
    vault: deps.vault,
    onEvent,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.claims ? { claims: deps.claims } : {}),
  });

  const jobsFor = (tenantId: string): OutboxJob[] => outbox.list({ tenantId, states: PENDING }).map((j) => toOutboxJob(j, tenantName));
  const state = (tenantId: string): PostmarkState => {
    deps.tenants.get(tenantId);
    return toState(tenantId, objects.forTenant(tenantId), jobsFor(tenantId));
  };
  const linkOf = (tenantId: string, kind: ObjectKind) => objects.forTenant(tenantId).find((l) => l.kind === kind);

  function requireOption(t: Tenant): 1 | 2 | 3 {
    if (t.option === null)
      throw new BehalfError('postmark.no-option', `${t.name} has no sending option yet.`, 'Choose option 1, 2 or 3 on the Options tab, then provision.');
    return t.option;
  }

  /** Runs due jobs now if Postmark is configured; offline or without a token the jobs simply wait. */
  async function runSoon(): Promise<void> {
    if (!deps.vault.hasAccountToken()) return;
    await outbox.runDue();
  }

  function returnPathFor(t: Tenant, asked: string | undefined): string {
    const label = deps.settings.get().returnPathLabel;
    const value = canonicalName(asked ?? '') || label;
    const host = value.includes('.') ? value : `${value}.${t.domain}`;
    if (!host.endsWith(`.${t.domain}`) || !/^[a-z0-9.-]+$/.test(host)) {
      throw new BehalfError(
        'postmark.return-path-invalid',
        `The Return-Path ${host} is not under ${t.domain}.`,
        `Use a label such as ${label} (it becomes ${label}.${t.domain}); the Return-Path must sit under the sending domain for DMARC alignment.`,
      );
    }
    return host;
  }

  return {
    outbox,
    gateway,
    state,
    follow,

    /** Queues the tenant's setup; `run: false` (CLI without --run) only queues. */
    async provision(
      input: { id: string; returnPathDomain?: string; personalNote?: string },
      opts: { run?: boolean } = {},
    ): Promise<{ state: PostmarkState; queued: number }> {
      const t = deps.tenants.get(input.id);
      const option = requireOption(t);
      if (option === 2 && !t.fromAddress) {
        throw new BehalfError(
          'postmark.no-from-address',
          `${t.name} has no From address to confirm.`,
          'Add the From address on the tenant, then provision option 2.',
        );
      }
      const settings = deps.settings.get();
      const generation = outbox.list({ tenantId: t.id }).filter((j) => j.kind === 'delete-server' && j.state !== 'cancelled').length;
      const plan = provisioningJobs({
        tenantId: t.id,
        option,
        generation,
        serverName: serverNameFor(settings.serverNamePattern, t),
        ...(option === 1 ? { domain: t.domain, returnPathDomain: returnPathFor(t, input.returnPathDomain) } : {}),
        ...(option === 2
          ? { fromEmail: t.fromAddress, fromName: t.fromName || t.name, ...(input.personalNote ? { personalNote: input.personalNote } : {}) }
          : {}),
      });
      const first = plan[0];
      if (first?.kind === 'create-server') first.payload = { ...first.payload, color: settings.serverColor };
      // Skip what already exists (provisioning again after a partial teardown or a reconcile link).
      const todo = plan.filter(
        (p) =>
          !(p.kind === 'create-server' && linkOf(t.id, 'server')) &&
          !(p.kind === 'create-domain' && linkOf(t.id, 'domain')) &&
          !(p.kind === 'create-sender' && linkOf(t.id, 'sender')),
      );
      const before = outbox.list({ tenantId: t.id }).length;
      if (todo.length > 0) {
        for (const status of pathTo(t.status, 'provisioning')) deps.tenants.update(t.id, { status });
      }
      enqueueAll(outbox, todo);
      const queued = outbox.list({ tenantId: t.id }).length - before;
      if (queued > 0) deps.tenants.record(t.id, 'postmark.provision', `${queued} Postmark job${queued === 1 ? '' : 's'} queued for option ${option}`);
      follow(t.id);
      if (opts.run !== false) await runSoon().catch(() => undefined);
      return { state: state(t.id), queued };
    },

    /** Option 1: verify DKIM + Return-Path (jobs); option 2: re-read the signature's confirmation. */
    async verify(id: string, opts: { forgetMissing?: boolean } = {}): Promise<PostmarkState> {
      const t = deps.tenants.get(id);
      const option = requireOption(t);
      const domain = linkOf(id, 'domain');
      if (option === 1 && domain) {
        enqueueAll(outbox, verificationJobs(id, domain.name, deps.now?.() ?? new Date()));
        await runSoon();
      } else if (deps.vault.hasAccountToken()) {
        await syncPostmarkObjects({ db: deps.db, gateway, vault: deps.vault }, id, opts);
      }
      follow(id);
      return state(id);
    },

    async rotateDkim(id: string): Promise<PostmarkState> {
      const domain = linkOf(id, 'domain');
      if (!domain) throw new BehalfError('postmark.no-domain', 'This tenant has no Postmark domain to rotate.', 'Provision option 1 first.');
      outbox.enqueue({ kind: 'rotate-dkim', tenantId: id, payload: { domainId: domain.postmarkId } });
      await runSoon();
      return state(id);
    },

    async resendConfirmation(id: string): Promise<PostmarkState> {
      const sender = linkOf(id, 'sender');
      if (!sender) throw new BehalfError('postmark.no-sender', 'This tenant has no sender signature to confirm.', 'Provision option 2 first.');
      outbox.enqueue({ kind: 'resend-confirmation', tenantId: id, payload: { senderId: sender.postmarkId } });
      await runSoon();
      return state(id);
    },

    confirmationMessage(id: string) {
      const t = deps.tenants.get(id);
      const email = linkOf(id, 'sender')?.name ?? t.fromAddress;
      if (!email) throw new BehalfError('postmark.no-from-address', `${t.name} has no From address.`, 'Add the From address on the tenant first.');
      return confirmationMessage({ tenantName: t.name, contactName: t.contactName, email, vendorName: deps.settings.get().vendorName });
    },

    /** Deletes the tenant's domain / signature / server in Postmark (jobs), after the name is typed back. */
    async deprovision(id: string, confirmName: string): Promise<{ state: PostmarkState; queued: number }> {
      const t = deps.tenants.get(id);
      if (confirmName.trim() !== t.name) {
        throw new BehalfError(
          'postmark.confirm-name',
          `Type the tenant's name exactly ("${t.name}") to deprovision it.`,
          'This deletes its objects in Postmark; nothing is deleted until the name matches.',
        );
      }
      for (const job of outbox.list({ tenantId: id, states: ['queued', 'needs-attention', 'failed'] })) outbox.cancel(job.id);
      const generation = outbox.list({ tenantId: id }).filter((j) => j.kind === 'delete-server').length;
      const key = (kind: string, pmId: number) => `deprovision:${id}:${generation}:${kind}:${pmId}`;
      const links = objects.forTenant(id);
      let queued = 0;
      for (const l of links.filter((x) => x.kind !== 'server')) {
        const kind = l.kind === 'domain' ? 'delete-domain' : 'delete-sender';
        outbox.enqueue(
          l.kind === 'domain'
            ? { kind: 'delete-domain', tenantId: id, payload: { domainId: l.postmarkId }, idempotencyKey: key(kind, l.postmarkId) }
            : { kind: 'delete-sender', tenantId: id, payload: { senderId: l.postmarkId }, idempotencyKey: key(kind, l.postmarkId) },
        );
        queued += 1;
      }
      for (const l of links.filter((x) => x.kind === 'server')) {
        outbox.enqueue({ kind: 'delete-server', tenantId: id, payload: { serverId: l.postmarkId }, idempotencyKey: key('delete-server', l.postmarkId) });
        queued += 1;
      }
      if (queued > 0) {
        for (const status of pathTo(t.status, 'provisioning')) deps.tenants.update(id, { status });
        deps.tenants.record(id, 'postmark.deprovision', links.map((l) => `${l.kind} ${l.name}`).join(', '));
      }
      follow(id);
      await runSoon().catch(() => undefined);
      return { state: state(id), queued };
    },

    jobs(filter: { tenantId?: string; states?: JobState[] } = {}): OutboxJob[] {
      return outbox
        .list({ ...filter, limit: 500 })
        .map((j: JobView) => toOutboxJob(j, tenantName))
        .reverse();
    },
    retryJob(jobId: number): OutboxJob {
      const job = toOutboxJob(outbox.retry(jobId), tenantName);
      void runSoon().catch(() => undefined);
      return job;
    },
    cancelJob(jobId: number): OutboxJob {
      const job = outbox.cancel(jobId);
      if (job.tenantId) follow(job.tenantId);
      return toOutboxJob(job, tenantName);
    },

    async reconcile(opts: Pick<ReconcileDeps, 'signal' | 'progress'> = {}): Promise<ReconcileReport> {
      const report = await reconcileAccount({ db: deps.db, gateway, vault: deps.vault, serverNamePattern: deps.settings.get().serverNamePattern, ...opts });
      followInSlices(deps.db, report.touchedTenants, (tenantId) => follow(tenantId, false));
      if (report.written > 0) deps.emit?.('outbox.changed', { tenantId: null, reason: 'reconciled' });
      return report;
    },

    /** Links an unmatched Postmark object to a tenant (after reconcile listed it). */
    async link(input: { kind: ObjectKind; postmarkId: number; tenantId: string }): Promise<PostmarkState> {
      const t = deps.tenants.get(input.tenantId);
      const existing = objects.get(input.kind, input.postmarkId);
      if (existing && existing.tenantId !== t.id) {
        throw new BehalfError(
          'postmark.already-linked',
          `That ${input.kind} already belongs to tenant ${tenantName(existing.tenantId) ?? existing.tenantId}.`,
          'Unlink it there first (deprovision), or pick another object.',
        );
      }
      const { name, details } = await readObject(input.kind, input.postmarkId);
      objects.upsert({ tenantId: t.id, kind: input.kind, postmarkId: input.postmarkId, name, details }, (deps.now?.() ?? new Date()).toISOString());
      deps.tenants.record(t.id, 'postmark.linked', `${input.kind} ${name} (${input.postmarkId})`);
      follow(t.id);
      deps.emit?.('outbox.changed', { tenantId: t.id, reason: 'linked' });
      return state(t.id);
    },

    status(): PostmarkStatus {
      const runner = outbox.status();
      return {
        hasToken: deps.vault.hasAccountToken(),
        simulated: deps.simulated?.() ?? false,
        endpoint: deps.endpoint(),
        runner: runner.state,
        blockedBy: runner.state === 'blocked' ? { code: runner.error.code, message: runner.error.message, hint: runner.error.hint } : null,
        queued: outbox.list({ states: ['queued', 'running'], limit: 10_000 }).length,
        attention: outbox.list({ states: ['needs-attention', 'failed'], limit: 10_000 }).length,
      };
    },

    /** Long-lived doors: recover interrupted jobs and run due ones whenever they come due. */
    startRunner: () => outbox.start(),
    stopRunner: () => outbox.stop(),
    /** One pass for the CLI: first takes over jobs a killed run left `running` over 10 minutes ago. */
    runDue: () => {
      outbox.recoverInterrupted({ olderThanMs: 10 * 60_000 });
      return outbox.runDue();
    },
    /** After the account token changes: lift a block and run soon. */
    kick: () => outbox.kick(),
    /** Jobs pulled from the team: run them soon if this door runs the outbox. */
    wake: () => outbox.wake(),
    /**
     * The tenant's Postmark DKIM key for DMARC sources: its Postmark domain and the selectors of its DKIM hosts
     * (`<selector>._domainkey.<domain>`: active, pending and revoked, as Postmark last described them). null when
     * the tenant has no Postmark domain.
     */
    dkimIdentity(tenantId: string): { domain: string; selectors: string[] } | null {
      const t = deps.tenants.get(tenantId);
      const domains = objects.forTenant(tenantId).filter((l) => l.kind === 'domain');
      const link = domains.find((l) => l.name.toLowerCase() === t.domain.toLowerCase()) ?? domains[0];
      if (!link) return null;
      const domain = link.name.toLowerCase();
      const details = link.details as Record<string, unknown>;
      const selectors = new Set<string>();
      for (const key of ['DKIMHost', 'DKIMPendingHost', 'DKIMRevokedHost']) {
        const host = typeof details[key] === 'string' ? canonicalName(details[key] as string) : '';
        const suffix = `._domainkey.${domain}`;
        if (host.endsWith(suffix) && host.length > suffix.length) selectors.add(host.slice(0, -suffix.length));
      }
      return { domain, selectors: [...selectors].sort() };
    },
    /** The tenant's own Postmark server, if linked (sending health reads its stats with that server's token). */
    serverOf(tenantId: string): { id: number; name: string } | null {
      const link = objects.forTenant(tenantId).find((o) => o.kind === 'server');
      return link ? { id: link.postmarkId, name: link.name } : null;
    },
    /** Every server linked in the ledger (doctor checks each one's stored token). */
    serverLinks: () =>
      objects
        .all()
        .filter((o) => o.kind === 'server')
        .map((o) => ({ id: o.postmarkId, name: o.name })),
  };

  async function readObject(kind: ObjectKind, id: number): Promise<{ name: string; details: object }> {
    if (kind === 'domain') {
      const d = await gateway.getDomain(id);
      return { name: d.Name, details: d };
    }
    if (kind === 'sender') {
      const s = await gateway.getSender(id);
      return { name: s.EmailAddress, details: s };
    }
    const server = await gateway.getServer(id);
    const token = server.ApiTokens?.[0];
    if (token) deps.vault.setServerToken(server.ID, token);
    return { name: server.Name, details: withoutTokens(server) };
  }
}

export type PostmarkService = ReturnType<typeof createPostmarkService>;
