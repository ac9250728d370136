import { randomUUID } from 'node:crypto';
import { BehalfError } from '../../src-preload/api/errors';
import { SEND_PLACEHOLDERS, type Compose, type Placement, type SendInput, type SendView } from '../../src-preload/api/sends';
import type { Settings } from '../../src-preload/api/settings';
import { emailSchema, type Tenant } from '../../src-preload/api/tenants';
import type { EventBus } from '../core/event-bus';
import type { Db } from '../ledger/open';
import { PostmarkGatewayError } from '../postmark/errors';
import type { PostmarkGateway } from '../postmark/gateway';
import { ObjectStore } from '../postmark/outbox/object-store';
import { createServerTokenSource } from '../postmark/outbox/server-tokens';
import type { ServerTokenVault } from '../postmark/outbox/types';
import { DEFAULT_CONFIRM, type ConfirmPolicy } from './confirm';
import { planFrom, withLiveState, type FromPlan } from './from-plan';
import { latestEventFor } from './message-events';
import { SeedService } from './seed-service';
import { createSendRunner, OUTAGE } from './send-runner';
import { SendStore } from './send-store';
import { DEFAULT_BODY, DEFAULT_SUBJECT, formatSendDate, renderTemplate, templateProblems } from './templates';
import { writeTransaction } from '../ledger/write-transaction';
import type { JobClaims } from '../core/job-claims';
import type { SeedMailboxService } from './seed-mailbox/seed-mailbox-service';

export interface SendServiceDeps {
  db: Db;
  settings: { get(): Settings };
  tenants: { get(id: string): Tenant };
  /** Read per use, so a changed endpoint or token applies at once. */
  gateway: () => PostmarkGateway;
  vault: ServerTokenVault;
  bus?: Pick<EventBus, 'emit'>;
  now?: () => Date;
  random?: () => number;
  /** Between queued attempts; default 5 s … 15 min (the gateway also backs off 429/503 within an attempt). */
  backoff?: { baseMs: number; maxMs: number };
  /** After this many attempts a queued send fails for good, visibly. Default 30 (about 6 h). */
  maxAttempts?: number;
  /** Run queued sends in the background when their backoff ends (the app and the browser host; not the CLI). */
  autoRetry?: boolean;
  /** After a lost answer: how long Postmark may take to index a message before a re-send (default 60 s + 30 s). */
  confirm?: Partial<ConfirmPolicy>;
  /** Seed mailboxes read back after a send (placement and the receiver's authentication results). */
  mailboxes?: SeedMailboxService;
  /** Team mode (issue #19): queued sends are claimed in the team's database before Postmark is called. */
  claims?: () => JobClaims | null;
}

export type SendService = ReturnType<typeof createSendService>;

/** Postmark indexes a message within seconds to minutes; a 701 within this time means "not yet", not "gone". */
const INDEXING_GRACE_MS = 15 * 60_000;

/** The message's details, or undefined while Postmark has not indexed this fresh message yet. */
async function readDetails(gw: PostmarkGateway, token: string, messageId: string, submittedAt: string | null, now: Date) {
  try {
    return await gw.getMessageDetails(token, messageId);
  } catch (err) {
    const fresh = submittedAt !== null && now.getTime() - Date.parse(submittedAt) < INDEXING_GRACE_MS;
    if (err instanceof PostmarkGatewayError && err.postmarkCode === 701 && fresh) return undefined;
    throw err;
  }
}

/** Before any event: Postmark's own Status (Queued → Sent) is what there is to show. */
function statusAsEvent(details: { Status?: unknown; ReceivedAt?: unknown }) {
  const status = typeof details.Status === 'string' ? details.Status : '';
  if (status === '') return null;
  return {
    type: status,
    at: typeof details.ReceivedAt === 'string' ? details.ReceivedAt : '',
    detail: status === 'Queued' ? 'Accepted by Postmark, not sent yet' : 'Sent by Postmark; no delivery event yet',
    server: '',
  };
}

/** Test sends to seed inboxes through each tenant's own Postmark server (issue #7). */
export function createSendService(deps: SendServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const iso = () => now().toISOString();
  const store = new SendStore(deps.db);
  const objects = new ObjectStore(deps.db);
  const seeds = new SeedService(deps.db, iso);
  const backoff = deps.backoff ?? { baseMs: 5_000, maxMs: 15 * 60_000 };
  const maxAttempts = deps.maxAttempts ?? 30;
  const random = deps.random ?? Math.random;

  const tokens = () => createServerTokenSource({ gateway: deps.gateway(), vault: deps.vault });
  const changed = (tenantId: string, sendId: number) => deps.bus?.emit('sends.changed', { tenantId, sendId });

  /** The ledger's answer, re-checked with Postmark when it says "not ready" (a confirmation may have happened). */
  async function plan(tenant: Tenant, live: boolean): Promise<FromPlan> {
    const mine = objects.forTenant(tenant.id);
    const first = planFrom(tenant, mine, deps.settings.get());
    if (first.ready || !first.check || !live) return first;
    try {
      const gw = deps.gateway();
      const state = first.check.kind === 'domain' ? await gw.getDomain(first.check.id) : await gw.getSender(first.check.id);
      // Keep what Postmark just said (as the outbox's own refresh does), so the next look needs no call.
      objects.updateDetails(first.check.kind, first.check.id, state, iso());
      return planFrom(tenant, withLiveState(mine, first.check, state as unknown as Record<string, unknown>), deps.settings.get());
    } catch {
      return first; // offline or no account token: the ledger's answer stands
    }
  }

  function compose(tenantId: string, fromPlan: FromPlan, tenant: Tenant): Compose {
    return {
      tenantId,
      option: tenant.option,
      ready: fromPlan.ready,
      from: fromPlan.ready ? fromPlan.from : null,
      replyTo: fromPlan.ready ? fromPlan.replyTo : null,
      serverName: fromPlan.serverName,
      block: fromPlan.ready ? null : fromPlan.block,
      fromFallback: fromPlan.ready ? (fromPlan.fallback ?? null) : null,
      defaults: { subject: DEFAULT_SUBJECT, body: DEFAULT_BODY },
      placeholders: [...SEND_PLACEHOLDERS],
      queued: store.queuedCount(tenantId),
      pendingApproval: store.approvalRefusal() ?? null,
    };
  }

  function recipientsFor(addresses: readonly string[]): { address: string; provider: string }[] {
    if (addresses.length === 0) {
      const active = seeds.active();
      if (active.length === 0)
        throw new BehalfError(
          'sends.no-seeds',
          'There are no active seed inboxes to send to.',
          'Add seed inboxes (Test sends in the sidebar, or `behalf seeds add ADDRESS`), or name them with --seed.',
        );
      return active.map((s) => ({ address: s.address, provider: s.provider }));
    }
    const unique = new Map<string, { address: string; provider: string }>();
    for (const raw of addresses) {
      const parsed = emailSchema.safeParse(raw);
      if (!parsed.success) throw new BehalfError('sends.seed-invalid', `"${raw}" is not an email address.`, 'Use an address like seed@gmail.com.');
      const known = seeds.findByAddress(parsed.data);
      unique.set(parsed.data.toLowerCase(), { address: known?.address ?? parsed.data, provider: known?.provider ?? '' });
    }
    return [...unique.values()];
  }

  const runner = createSendRunner({
    db: deps.db,
    store,
    gateway: deps.gateway,
    tokens,
    changed,
    now,
    random,
    backoff,
    maxAttempts,
    confirm: { ...DEFAULT_CONFIRM, ...deps.confirm },
    ...(deps.claims ? { claims: deps.claims } : {}),
    tenant: (id) => {
      try {
        return deps.tenants.get(id);
      } catch {
        return undefined; // a send for a tenant no longer in the ledger still runs, under its id
      }
    },
  });

  const api = {
    seeds,

    async compose(tenantId: string, opts: { live?: boolean } = {}): Promise<Compose> {
      const tenant = deps.tenants.get(tenantId);
      return compose(tenantId, await plan(tenant, opts.live ?? false), tenant);
    },

    preview(input: { tenantId: string; subject: string; body: string; seed?: string }): { subject: string; body: string; errors: string[] } {
      const tenant = deps.tenants.get(input.tenantId);
      const seed = (input.seed ? seeds.findByAddress(input.seed) : undefined) ?? seeds.active()[0];
      const values = {
        tenant: { name: tenant.name, domain: tenant.domain },
        seed: { provider: seed?.provider ?? 'Gmail', address: seed?.address ?? input.seed ?? 'seed@example.com' },
        date: formatSendDate(now()),
      };
      return { subject: renderTemplate(input.subject, values), body: renderTemplate(input.body, values), errors: templateProblems(input.subject, input.body) };
    },

    /**
     * Refuses up front when the tenant's option is not ready (reason + fix), else records the send and its queue
     * job, sends at once, and returns what happened per seed. Offline/5xx leave it queued (state 'queued').
     */
    async send(input: SendInput): Promise<SendView> {
      const tenant = deps.tenants.get(input.tenantId);
      const subject = input.subject ?? DEFAULT_SUBJECT;
      const body = input.body ?? DEFAULT_BODY;
      const problems = templateProblems(subject, body);
      if (problems.length) throw new BehalfError('sends.template-invalid', problems.join(' '), 'Fix the subject or body template, then send again.');
      const recipients = recipientsFor(input.seeds ?? []);
      const fromPlan = await plan(tenant, true);
      if (!fromPlan.ready) throw new BehalfError(fromPlan.block.code, fromPlan.block.reason, fromPlan.block.fix);
      const sendKey = randomUUID();
      const sendId = writeTransaction(deps.db, () => {
        const id = store.create(
          {
            tenantId: tenant.id,
            option: tenant.option,
            serverId: fromPlan.serverId,
            from: fromPlan.from,
            replyTo: fromPlan.replyTo ?? '',
            subject,
            textBody: body,
            sendKey,
            recipients,
          },
          iso(),
        );
        store.enqueue(id, sendKey, iso());
        return id;
      });
      changed(tenant.id, sendId);
      await runner.runNow(sendId);
      return store.view(sendId)!;
    },

    history(tenantId: string, limit = 20): SendView[] {
      deps.tenants.get(tenantId);
      return store.sendIds(tenantId, limit).map((id) => store.view(id)!);
    },

    get(sendId: number): SendView {
      const view = store.view(sendId);
      if (!view) throw new BehalfError('sends.not-found', `There is no test send ${sendId}.`, 'Refresh the history.');
      return view;
    },

    /**
     * Re-reads each sent message's details and keeps, per seed, the latest Delivered/Bounced/Transient/Opened, or
     * Postmark's Status (Queued, then Sent) while no event has come yet. A fresh message Postmark has not indexed
     * yet (422/701) is counted as `notIndexed`, not reported as an error.
     */
    async refreshEvents(tenantId: string, sendId?: number): Promise<{ checked: number; updated: number; notIndexed: number; errors: string[] }> {
      deps.tenants.get(tenantId);
      const ids = sendId ? [sendId] : store.sendIds(tenantId, 20);
      const result = { checked: 0, updated: 0, notIndexed: 0, errors: [] as string[] };
      const source = tokens();
      const gw = deps.gateway();
      for (const id of ids) {
        const send = store.load(id);
        if (!send || send.tenantId !== tenantId) continue;
        const withMessages = send.recipients.filter((r) => r.messageId);
        if (withMessages.length === 0) continue;
        try {
          const token = await source.tokenFor(send.serverId);
          for (const r of withMessages) {
            const details = await readDetails(gw, token, r.messageId!, r.submittedAt, now());
            if (!details) {
              result.notIndexed += 1;
              continue;
            }
            const latest = latestEventFor(details.MessageEvents, r.address) ?? statusAsEvent(details);
            result.checked += 1;
            if (store.setEvent(r.id, latest, latest?.type === 'Bounced')) result.updated += 1;
          }
          store.markEventsRead(id, iso());
          changed(tenantId, id);
        } catch (err) {
          result.errors.push(err instanceof Error ? err.message : String(err));
          if (err instanceof PostmarkGatewayError && OUTAGE.has(err.code)) break;
        }
      }
      // The seeds' own mailboxes answer what Postmark cannot: which folder, and what the receiver's checks said.
      for (const id of deps.mailboxes ? ids : []) {
        const send = store.load(id);
        if (!send || send.tenantId !== tenantId) continue;
        const m = await deps.mailboxes!.check(send, (recipientId, finding) => store.setMailboxFinding(recipientId, finding, iso()));
        result.updated += m.updated;
        result.errors.push(...m.errors);
        if (m.updated) changed(tenantId, id);
      }
      return result;
    },

    /**
     * Staff record where one seed's copy landed: inbox, spam or missing (Postmark's Delivered only means the
     * receiving server accepted it). Kept in the ledger with the send, shown in the grid and the history.
     */
    mark(sendId: number, seed: string, placement: Placement | null): SendView {
      const view = this.get(sendId);
      const r = view.recipients.find((x) => x.address.toLowerCase() === seed.trim().toLowerCase());
      if (!r)
        throw new BehalfError(
          'sends.seed-not-in-send',
          `${seed} was not a seed of test send ${sendId}.`,
          `Use one of: ${view.recipients.map((x) => x.address).join(', ')}.`,
        );
      if (r.state !== 'sent')
        throw new BehalfError(
          'sends.seed-not-sent',
          `${r.address} was not sent in test send ${sendId} (${r.state}), so there is nothing to find in its inbox.`,
          'Mark only seeds whose message went out.',
        );
      store.setPlacement(sendId, r.address, placement, iso());
      changed(view.tenantId, sendId);
      return this.get(sendId);
    },

    /** "Retry now": every queued send of the tenant (or all) runs at once instead of after its backoff. */
    async retryQueued(tenantId?: string) {
      store.makeDueNow(iso(), tenantId);
      return runner.runDue(tenantId);
    },

    /** A person gives up on a queued send: its waiting seeds become cancelled (still in the history). */
    cancel(sendId: number): SendView {
      const view = this.get(sendId);
      if (view.queue?.state !== 'queued')
        throw new BehalfError(
          'sends.not-queued',
          `Test send ${sendId} is not queued (${view.queue?.state ?? 'no job'}).`,
          'Only queued sends can be cancelled.',
        );
      const waiting = store.recipients(sendId).filter((r) => r.state === 'queued');
      writeTransaction(deps.db, () => {
        store.recordOutcomes(sendId, new Map(waiting.map((r) => [r.id, { state: 'cancelled' as const, message: 'Cancelled before it was sent.' }])), iso());
        store.finishJob(sendId, 'cancelled', null, iso());
      });
      changed(view.tenantId, sendId);
      return this.get(sendId);
    },

    runDue: runner.runDue,
    /** A test send refused with 412 (account pending approval) and nothing since that says otherwise. */
    approvalRefusal: () => store.approvalRefusal(),
    queuedCount: (tenantId?: string) => store.queuedCount(tenantId),

    /** Background retries: requeue what a crash interrupted, then wake when each backoff ends. */
    start: runner.start,
    stop: runner.stop,
    wake: runner.wake,
  };
  if (deps.autoRetry) api.start();
  return api;
}
