import type { OutboxJob } from '../../../src-preload/api/postmark';
import type { Settings } from '../../../src-preload/api/settings';
import type { SendingOption, Tenant, TenantStatus } from '../../../src-preload/api/tenants';
import type { SwitchPlan } from '../../domain/switch-plan';
import type { Db } from '../../ledger/open';
import { ObjectStore } from '../outbox/object-store';
import type { Outbox } from '../outbox/outbox';
import { enqueueAll, provisioningJobs } from '../outbox/provision';
import type { JobView } from '../outbox/types';
import { serverNameFor } from '../service/server-name';
import { pathTo } from '../service/tenant-status';
import { jobLabel, toOutboxJob } from '../service/views';
import { asWaiting, CONDITION_TEXT, conditionMet, DeferredRemovalStore, type DeferredRemoval } from './deferred-removals-store';
import { switchActions, type RemovableKind, type SwitchActions } from './switch-actions';
import { writeTransaction } from '../../ledger/write-transaction';

export interface SwitcherDeps {
  db: Db;
  settings: { get(): Settings };
  tenants: { get(id: string): Tenant; update(id: string, patch: { status: TenantStatus }): Tenant; record(id: string, action: string, detail?: string): void };
  /** Late-bound: the Postmark service is built after the options service and calls back into release(). */
  postmark: () => { outbox: Pick<Outbox, 'enqueue' | 'get'>; follow(tenantId: string): void; runDue(): Promise<unknown> };
  hasToken: () => boolean;
  now?: () => Date;
}

export interface AppliedSwitch {
  queued: OutboxJob[];
  deferred: DeferredRemoval[];
  cancelled: DeferredRemoval[];
  unresolved: string[];
}

/**
 * Carries out a switch plan through the Postmark outbox (creations and safe removals now, the rest parked in
 * deferred_removals) and releases parked removals once their condition holds. Every step lands in the audit trail.
 */
export function createSwitcher(deps: SwitcherDeps) {
  const store = new DeferredRemovalStore(deps.db);
  const objects = new ObjectStore(deps.db);
  const iso = () => (deps.now?.() ?? new Date()).toISOString();
  const tenantName = (id: string) => {
    try {
      return deps.tenants.get(id).name;
    } catch {
      return null;
    }
  };

  function deleteJob(tenantId: string, kind: RemovableKind, postmarkId: number, key: string): JobView {
    const outbox = deps.postmark().outbox;
    // The id decides what is deleted; the name only makes the job read "Delete the domain acme.com".
    const name = objects.get(kind, postmarkId)?.name;
    return kind === 'domain'
      ? outbox.enqueue({ kind: 'delete-domain', tenantId, payload: { domainId: postmarkId, ...(name ? { domainName: name } : {}) }, idempotencyKey: key })
      : outbox.enqueue({ kind: 'delete-sender', tenantId, payload: { senderId: postmarkId, ...(name ? { email: name } : {}) }, idempotencyKey: key });
  }

  function enqueueParked(d: DeferredRemoval, why: string): JobView | undefined {
    const job = deleteJob(d.tenantId, d.kind, d.postmarkId, `deferred-removal:${d.id}`);
    return store.markEnqueued(d.id, job.id, why, iso()) ? job : undefined;
  }

  function actionsFor(tenantId: string, plan: Pick<SwitchPlan, 'from' | 'to' | 'remove'>): SwitchActions {
    return switchActions({ plan, links: objects.forTenant(tenantId), waiting: store.waiting(tenantId).map(asWaiting) });
  }

  function creationJobs(t: Tenant, to: SendingOption, create: SwitchActions['create'], stamp: string) {
    const settings = deps.settings.get();
    const jobs = provisioningJobs({
      tenantId: t.id,
      option: to,
      serverName: serverNameFor(settings.serverNamePattern, t),
      ...(to === 1 ? { domain: t.domain, returnPathDomain: `${settings.returnPathLabel}.${t.domain}` } : {}),
      ...(to === 2 ? { fromEmail: t.fromAddress, fromName: t.fromName || t.name } : {}),
    });
    const kindOf = { 'create-server': 'server', 'create-domain': 'domain', 'create-sender': 'sender' } as const;
    // Keys of their own: an earlier provision of the same object (before a switch away and back) must not
    // hand back its old, finished job instead of creating the object again.
    const chosen = jobs.filter((j) => create.includes(kindOf[j.kind as keyof typeof kindOf]));
    for (const j of chosen) {
      j.idempotencyKey = `switch:${stamp}:${j.idempotencyKey ?? ''}`;
      if (j.kind === 'create-server') j.payload = { ...j.payload, color: settings.serverColor };
    }
    return chosen;
  }

  return {
    preview: actionsFor,
    pending: (tenantId: string) => store.waiting(tenantId),
    history: (tenantId: string) => store.forTenant(tenantId),

    /** `before` is the tenant as it was, `after` with the new option (and From name) already recorded. */
    async apply(before: Tenant, after: Tenant, plan: SwitchPlan): Promise<AppliedSwitch> {
      const id = after.id;
      const to = plan.to;
      const actions = actionsFor(id, plan);
      if (!actions.applies) return { queued: [], deferred: [], cancelled: [], unresolved: [] };
      const stamp = iso();
      const outbox = deps.postmark().outbox;
      const jobs: JobView[] = [];
      const cancelled: DeferredRemoval[] = [];
      const deferredIds: number[] = [];
      writeTransaction(deps.db, () => {
        for (const w of actions.cancelWaiting) {
          if (store.cancel(w.id, `option ${to} was chosen, which uses it again`, stamp)) cancelled.push(store.get(w.id)!);
        }
        jobs.push(...enqueueAll(outbox, creationJobs(after, to, actions.create, stamp)));
        for (const r of actions.removeNow) jobs.push(deleteJob(id, r.kind, r.postmarkId, `switch:${stamp}:${id}:delete-${r.kind}:${r.postmarkId}`));
        for (const w of actions.releaseWaiting) {
          const d = store.get(w.id);
          const job = d && enqueueParked(d, `released by the switch to option ${to}: the tenant sends From the vendor address`);
          if (job) jobs.push(job);
        }
        for (const r of actions.defer) {
          const d = store.add({ tenantId: id, from: plan.from, to, kind: r.kind, postmarkId: r.postmarkId, label: r.label, condition: r.condition }, stamp);
          if (d) deferredIds.push(d.id);
        }
        const status = deps.tenants.get(id).status;
        if (status !== 'suspended' && status !== 'archived') {
          for (const next of pathTo(status, 'provisioning')) deps.tenants.update(id, { status: next });
        }
      });
      const deferred = deferredIds.map((x) => store.get(x)!);
      deps.tenants.record(id, 'option switched', describe(before.option, to, jobs, deferred, cancelled, actions.unresolved));
      // follow() settles the status and releases anything whose condition already holds (a verified domain reused).
      deps.postmark().follow(id);
      if (deps.hasToken())
        await deps
          .postmark()
          .runDue()
          .catch(() => undefined);
      return {
        queued: jobs.map((j) => toOutboxJob(outbox.get(j.id) ?? j, tenantName)),
        deferred: deferredIds.map((x) => store.get(x)!),
        cancelled,
        unresolved: actions.unresolved,
      };
    },

    /**
     * Called after every Postmark follow-up of the tenant (a job finished, a verify, a sync): enqueues parked
     * removals whose condition now holds. Returns the jobs queued.
     */
    release(tenantId: string): JobView[] {
      const waiting = store.waiting(tenantId);
      if (waiting.length === 0) return [];
      const links = objects.forTenant(tenantId);
      const queued: JobView[] = [];
      for (const d of waiting) {
        if (!conditionMet(d.condition, links, d)) continue;
        const job = enqueueParked(d, `released ${CONDITION_TEXT[d.condition]}`);
        if (!job) continue;
        queued.push(job);
        deps.tenants.record(
          tenantId,
          'option switch: removal queued',
          `${d.label}: the condition is met (${CONDITION_TEXT[d.condition]}); job #${job.id} queued`,
        );
      }
      // Inside an outbox pass the pass picks the job up; after a sync (option 2 verify) nothing else would run it.
      if (queued.length > 0 && deps.hasToken())
        void deps
          .postmark()
          .runDue()
          .catch(() => undefined);
      return queued;
    },
  };
}

export type Switcher = ReturnType<typeof createSwitcher>;

function describe(
  from: SendingOption | null,
  to: SendingOption,
  jobs: JobView[],
  deferred: DeferredRemoval[],
  cancelled: DeferredRemoval[],
  unresolved: string[],
): string {
  const parts = [`option ${from ?? 'none'} → ${to}`];
  parts.push(jobs.length ? `queued: ${jobs.map((j) => `#${j.id} ${jobLabel(j)}`).join(', ')}` : 'nothing queued');
  if (deferred.length) parts.push(`deferred: ${deferred.map((d) => `${d.label} ${CONDITION_TEXT[d.condition]}`).join('; ')}`);
  if (cancelled.length) parts.push(`no longer removed: ${cancelled.map((d) => d.label).join(', ')}`);
  if (unresolved.length) parts.push(`not linked, nothing queued: ${unresolved.join(', ')}`);
  return parts.join('; ');
}
