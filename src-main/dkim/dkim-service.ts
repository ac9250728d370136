import type {
  DkimList,
  DkimListInput,
  DkimProgressResult,
  DkimRotateInput,
  DkimRotateResult,
  DkimRotation,
  DkimRow,
  RotationStage,
} from '../../src-preload/api/dkim';
import { BehalfError, toApiError } from '../../src-preload/api/errors';
import type { PostmarkState } from '../../src-preload/api/postmark';
import type { Settings } from '../../src-preload/api/settings';
import type { Tenant } from '../../src-preload/api/tenants';
import type { StoredCheck } from '../dns/check-store';
import type { Db } from '../ledger/open';
import { DkimStore, type RotationRow } from './dkim-store';
import { dueAt, isDue, wholeDays } from './due';
import { keysOf, publicKeyOf } from './key-states';
import { nextStage, nextStep } from './rotation-stage';
import { TopRows } from '../core/top-rows';

export interface DkimDeps {
  db: Db;
  tenants: { get(id: string): Tenant; withOption(option: 1): Tenant[]; record(id: string, action: string, detail?: string): void };
  settings: { get(): Settings };
  /** The Postmark service, structurally: its ledger view of a tenant, the outbox, and option-1 verification. */
  postmark: {
    state(id: string): PostmarkState;
    outbox: {
      enqueue(input: { kind: 'rotate-dkim'; tenantId: string; payload: { domainId: number }; idempotencyKey: string }): { id: number };
      get(id: number): { state: string; lastError: { message: string } | null } | undefined;
    };
    verify(id: string): Promise<PostmarkState>;
  };
  /** Runs due outbox jobs now when Postmark is configured (offline, they wait for the runner). */
  runOutbox(): Promise<void>;
  dns: { checkTenant(id: string): Promise<StoredCheck>; latest(id: string): StoredCheck | null };
  /** The send-to-teammate path of sheets (sheets/sheet-send.ts). */
  sendSheet(input: { id: string; to: string; note?: string }): Promise<{ to: string; messageId: string }>;
  now?: () => Date;
}

const OPEN: ReadonlySet<RotationStage> = new Set(['queued', 'new-key-pending', 'new-key-active', 'old-key-safe-to-delete']);

/**
 * The DKIM rotation calendar (issue #18 part 3): each option-1 tenant's Postmark DKIM keys with their age, length
 * and state; which are due under the policy; bulk rotation through the outbox with the customer's new sheet; and
 * each rotation tracked to "old key deleted", which only a DNS check can confirm.
 */
export function createDkimService(deps: DkimDeps) {
  const store = new DkimStore(deps.db);
  const now = () => deps.now?.() ?? new Date();

  const optionOneTenants = (): Tenant[] => deps.tenants.withOption(1);
  /** What the ledger knows of the tenant in Postmark (its outbox jobs and objects: a few reads per tenant). */
  const stateOf = (tenantId: string) => deps.postmark.state(tenantId);

  /** Records first sightings of the tenant's keys and moves its open rotation on from what the ledger knows. */
  function observe(tenantId: string, state = stateOf(tenantId)): { from: RotationStage; to: RotationStage } | null {
    const domain = state.domain;
    const at = now().toISOString();
    if (domain?.pending) store.sight(tenantId, domain.pending.host, publicKeyOf(domain.pending.value), 'pending', at);
    if (domain?.active) store.sight(tenantId, domain.active.host, publicKeyOf(domain.active.value), 'active', at);
    const open = store.openRotation(tenantId);
    if (!open) return null;
    const job = open.job_id === null ? null : (deps.postmark.outbox.get(open.job_id) ?? null);
    const change = nextStage(
      { stage: open.stage, oldHost: open.old_host, oldPublicKey: open.old_public_key, newHost: open.new_host },
      { domain, job: job ? { state: job.state, error: job.lastError?.message ?? null } : null, check: deps.dns.latest(tenantId), safeAt: open.safe_at },
    );
    if (!change) return null;
    store.advance(open.id, change, at);
    deps.tenants.record(
      tenantId,
      'dkim.rotation',
      `DKIM rotation: ${words(open.stage)} → ${words(change.stage)}${change.failure ? ` (${change.failure})` : ''}`,
    );
    return { from: open.stage, to: change.stage };
  }

  function rotationView(r: RotationRow): DkimRotation {
    return {
      id: r.id,
      tenantId: r.tenant_id,
      stage: r.stage,
      oldHost: r.old_host,
      newHost: r.new_host,
      sheet: { state: r.sheet_state, detail: r.sheet_detail },
      queuedAt: r.queued_at,
      pendingAt: r.pending_at,
      activeAt: r.active_at,
      safeAt: r.safe_at,
      deletedAt: r.deleted_at,
      failure: r.failure,
      next: nextStep(r.stage, r.new_host, r.old_host),
    };
  }

  function rowOf(t: Tenant, months: number, state = stateOf(t.id)): DkimRow {
    const domain = state.domain;
    const keys = domain ? keysOf(domain, store.sightings(t.id), deps.dns.latest(t.id)) : [];
    const active = keys.find((k) => k.role === 'active');
    const since = active?.firstSeenActiveAt ?? null;
    const rotation = store.latestRotation(t.id);
    const rotating = rotation !== null && OPEN.has(rotation.stage);
    return {
      tenantId: t.id,
      name: t.name,
      domain: domain?.name ?? t.domain,
      status: t.status,
      keys,
      ageDays: since ? wholeDays(since, now()) : null,
      dueAt: since ? dueAt(since, months).toISOString() : null,
      // A key with a rotation under way, or a pending key waiting in DNS, is being dealt with.
      due: !rotating && !domain?.pending && isDue(since, months, now()),
      rotation: rotation ? rotationView(rotation) : null,
    };
  }

  /**
   * Every option-1 tenant's row, most urgent first, with counts by filter; `limit` caps the rows returned (not the
   * counts), so a page at 100,000 tenants stays small (P8 found a 33,000-row reply costing 250 MB in the host).
   */
  function list(opts: DkimListInput = {}): DkimList {
    const months = deps.settings.get().dkimRotationMonths;
    const tenants = optionOneTenants();
    const filter = opts.filter ?? 'all';
    const counts = { all: 0, due: 0, rotating: 0 };
    // Due first, then open rotations, then the oldest keys.
    const top = new TopRows<DkimRow>(
      (a, b) => Number(b.due) - Number(a.due) || Number(isOpen(b)) - Number(isOpen(a)) || (b.ageDays ?? -1) - (a.ageDays ?? -1) || a.name.localeCompare(b.name),
      opts.limit,
    );
    // 500 tenants at a time: their sightings in one transaction (one commit each made the page take tens of
    // seconds at 100,000 tenants, one for all would hold the write lock that long), and only the first `limit`
    // rows kept (the whole list took the host past 500 MB, bench P8).
    for (let i = 0; i < tenants.length; i += 500) {
      const slice = tenants.slice(i, i + 500);
      const states = slice.map((t) => stateOf(t.id)); // read once for both steps
      store.batch(() => slice.forEach((t, k) => observe(t.id, states[k])));
      for (const [k, t] of slice.entries()) {
        const row = rowOf(t, months, states[k]);
        counts.all += 1;
        if (row.due) counts.due += 1;
        if (isOpen(row)) counts.rotating += 1;
        if (filter === 'all' || (filter === 'due' ? row.due : isOpen(row))) top.add(row);
      }
    }
    return { rows: top.rows(), total: top.count, counts, policyMonths: months, due: counts.due };
  }

  /** Sends the customer their new sheet once the new key exists (it is on the sheet as the key to publish). */
  async function sendSheetWhenReady(rotationId: number): Promise<void> {
    const r = store.get(rotationId);
    if (r.sheet_state !== 'waiting' || r.stage === 'queued' || r.stage === 'failed') return;
    const t = deps.tenants.get(r.tenant_id);
    const at = now().toISOString();
    if (!t.contactEmail) {
      store.setSheet(r.id, 'no-contact', `${t.name} has no IT contact: hand them the sheet yourself (Sheets tab).`, at);
      return;
    }
    try {
      const sent = await deps.sendSheet({
        id: t.id,
        to: t.contactEmail,
        note: `We are renewing the DKIM key Postmark signs ${t.name}'s mail with. Please publish the new DKIM record on this sheet; keep the old one until we tell you it can go.`,
      });
      store.setSheet(r.id, 'sent', `Sent to ${sent.to} (message ${sent.messageId}).`, at);
    } catch (err) {
      const e = toApiError(err);
      store.setSheet(r.id, 'failed', `${e.message}${e.hint ? ` ${e.hint}` : ''}`, at);
    }
  }

  async function rotate(input: DkimRotateInput): Promise<DkimRotateResult> {
    const before = list();
    const targets =
      'allDue' in input
        ? before.rows.filter((r) => r.due)
        : input.tenantIds.map((id) => {
            const row = before.rows.find((r) => r.tenantId === id);
            if (!row) {
              const t = deps.tenants.get(id); // unknown id: tenants.get says so
              throw new BehalfError(
                'dkim.not-option-1',
                `${t.name} does not use option 1: Postmark holds no DKIM key for it.`,
                'DKIM rotation is for tenants whose own domain is authenticated in Postmark (option 1).',
              );
            }
            return row;
          });
    const queued: DkimRotateResult['queued'] = [];
    const skipped: DkimRotateResult['skipped'] = [];
    for (const row of targets) {
      const domain = deps.postmark.state(row.tenantId).domain;
      const reason = !domain
        ? 'not provisioned in Postmark yet'
        : row.rotation && OPEN.has(row.rotation.stage)
          ? `a rotation is already under way (${words(row.rotation.stage)})`
          : domain.pending
            ? 'a new key is already pending in Postmark: publish and verify it first'
            : !domain.active
              ? 'no active key yet: verify the first key before rotating'
              : null;
      if (reason || !domain?.active) {
        skipped.push({ tenantId: row.tenantId, name: row.name, reason: reason ?? 'no active key' });
        continue;
      }
      const active = domain.active;
      const at = now().toISOString();
      const rotationId = store.queue(
        { tenantId: row.tenantId, domainId: domain.id, oldHost: active.host, oldPublicKey: publicKeyOf(active.value) },
        at,
        () =>
          deps.postmark.outbox.enqueue({
            kind: 'rotate-dkim',
            tenantId: row.tenantId,
            payload: { domainId: domain.id },
            idempotencyKey: `dkim-rotation:${row.tenantId}:${at}`,
          }).id,
      );
      deps.tenants.record(row.tenantId, 'dkim.rotation', `DKIM rotation queued (old key ${active.host})`);
      queued.push({ tenantId: row.tenantId, name: row.name, rotationId });
    }
    if (queued.length > 0) await deps.runOutbox();
    for (const q of queued) {
      observe(q.tenantId);
      await sendSheetWhenReady(q.rotationId);
    }
    return { queued, skipped, list: list() };
  }

  /**
   * Moves open rotations on: runs the outbox for queued ones, asks Postmark to verify the new key, and runs a DNS
   * check where the old key's deletion is awaited. One tenant failing never stops the others.
   */
  async function progress(input: { tenantId?: string } = {}): Promise<DkimProgressResult> {
    const open = store.openRotations().filter((r) => !input.tenantId || r.tenant_id === input.tenantId);
    if (input.tenantId && open.length === 0) {
      const t = deps.tenants.get(input.tenantId);
      throw new BehalfError('dkim.no-rotation', `${t.name} has no DKIM rotation under way.`, 'Rotate its key first (DKIM keys → Rotate).');
    }
    const advanced: DkimProgressResult['advanced'] = [];
    const failed: DkimProgressResult['failed'] = [];
    if (open.some((r) => r.stage === 'queued')) await deps.runOutbox().catch(() => undefined);
    for (const r of open) {
      const name = deps.tenants.get(r.tenant_id).name;
      const first = r.stage;
      try {
        observe(r.tenant_id);
        let stage = store.get(r.id).stage;
        if (stage === 'new-key-pending' || stage === 'new-key-active') {
          await deps.postmark.verify(r.tenant_id);
          observe(r.tenant_id);
          stage = store.get(r.id).stage;
        }
        if (stage === 'new-key-active' || stage === 'old-key-safe-to-delete') {
          await deps.dns.checkTenant(r.tenant_id);
          observe(r.tenant_id);
        }
        await sendSheetWhenReady(r.id);
      } catch (err) {
        failed.push({ tenantId: r.tenant_id, name, message: toApiError(err).message });
      }
      const last = store.get(r.id).stage;
      if (last !== first) advanced.push({ tenantId: r.tenant_id, name, from: first, to: last });
    }
    return { advanced, failed, list: list() };
  }

  return { list, rotate, progress, observe };
}

const isOpen = (r: DkimRow) => r.rotation !== null && OPEN.has(r.rotation.stage);

/** Stage names in words, for the audit trail and the CLI. */
export function words(stage: RotationStage): string {
  return {
    queued: 'rotation queued',
    'new-key-pending': 'new key pending (publish it)',
    'new-key-active': 'new key active',
    'old-key-safe-to-delete': 'old key safe to delete',
    'old-key-deleted': 'old key deleted from DNS',
    failed: 'failed',
  }[stage];
}

export type DkimService = ReturnType<typeof createDkimService>;
