import { randomUUID } from 'node:crypto';
import { BehalfError } from '../../../src-preload/api/errors';
import type { Db } from '../../ledger/open';
import type { PostmarkGateway } from '../gateway';
import { backoffDelay } from '../retry';
import type { HandlerContext, HandlerOutcome } from './handler-types';
import { handlers } from './handlers';
import { JobStore } from './job-store';
import { announceChanges, applyChanges, linksAboutToGo } from './object-changes';
import { ObjectStore } from './object-store';
import { toJobError } from './outbox-errors';
import { CREATE_KINDS, jobPayloadSchemas, type JobKind, type JobPayloads } from './payloads';
import type { JobError, JobState, JobView, OutboxEvent, RunnerStatus, ServerTokenVault } from './types';
import { writeTransaction } from '../../ledger/write-transaction';
import type { JobClaims } from '../../core/job-claims';

export interface OutboxOptions {
  db: Db;
  gateway: PostmarkGateway;
  vault: ServerTokenVault;
  onEvent?: (event: OutboxEvent) => void;
  now?: () => Date;
  random?: () => number;
  /** Job-level backoff between attempts (the gateway also retries within one attempt). Default 5 s … 15 min. */
  backoff?: { baseMs: number; maxMs: number };
  /** After this many attempts a retryable failure becomes `failed`. Default 30 (about 6 h at the default backoff). */
  maxAttempts?: number;
  /**
   * Team mode (issue #19): the team's claims, asked before each job so it runs once per team. null or absent:
   * single-user mode, no claims at all.
   */
  claims?: () => JobClaims | null;
}

export interface EnqueueInput<K extends JobKind> {
  kind: K;
  payload: JobPayloads[K];
  /** Required for create-* kinds: whose object this is. */
  tenantId?: string | null;
  /** The same key enqueued again returns the existing job. Default: a fresh UUID (no de-duplication). */
  idempotencyKey?: string;
  runAfter?: Date;
}

export interface RunSummary {
  ran: number;
  succeeded: number;
  retrying: number;
  needsAttention: number;
  failed: number;
  /** Set when the pass stopped early because Postmark is unreachable, rate-limiting or refused the token. */
  stoppedBy?: JobError;
}

/** Failures that mean "Postmark is not reachable right now": stop the pass instead of hammering every job. */
const OUTAGE_CODES = new Set(['postmark.offline', 'postmark.timeout', 'postmark.unavailable', 'postmark.rate-limited']);

export type Outbox = ReturnType<typeof createOutbox>;

/**
 * Every Postmark mutation as a persisted job. Jobs of one tenant run in order (a verify waits for the create
 * before it); each state change is a guarded UPDATE and success is committed together with the ledger links,
 * so a job completes at most once and a crash never leaves a half-recorded success.
 */
export function createOutbox(opts: OutboxOptions) {
  const jobs = new JobStore(opts.db);
  const objects = new ObjectStore(opts.db);
  const now = opts.now ?? (() => new Date());
  const iso = () => now().toISOString();
  const random = opts.random ?? Math.random;
  const backoff = opts.backoff ?? { baseMs: 5_000, maxMs: 15 * 60_000 };
  const maxAttempts = opts.maxAttempts ?? 30;
  const ctx: HandlerContext = { gateway: opts.gateway, objects, vault: opts.vault };
  const emit = (event: OutboxEvent) => opts.onEvent?.(event);

  let status: RunnerStatus = { state: 'stopped' };
  let autoRun = false;
  let timer: NodeJS.Timeout | undefined;
  let currentPass: Promise<RunSummary> | undefined;
  let passAgain = false;
  let stopping = false;

  const setStatus = (next: RunnerStatus) => {
    status = next;
    emit({ type: 'runner', status: next });
  };

  /** Runs one claimed job; returns the error that should stop the pass, if any. */
  async function execute(job: JobView, summary: RunSummary): Promise<JobError | undefined> {
    summary.ran += 1;
    let outcome: HandlerOutcome;
    try {
      outcome = await (handlers[job.kind] as (c: HandlerContext, j: JobView) => Promise<HandlerOutcome>)(ctx, job);
    } catch (err) {
      return recordFailure(job, toJobError(err), summary);
    }
    const removed = linksAboutToGo(objects, outcome.changes);
    const done = writeTransaction(opts.db, () => {
      const at = iso();
      const view = jobs.succeed(job.id, outcome.result, at);
      if (view) applyChanges(objects, outcome.changes, at); // no view: cancelled meanwhile → record nothing twice
      return view;
    });
    if (done) {
      summary.succeeded += 1;
      emit({ type: 'job', change: 'succeeded', job: done });
      announceChanges(objects, outcome.changes, removed, emit);
    }
    return undefined;
  }

  function recordFailure(job: JobView, error: JobError, summary: RunSummary): JobError | undefined {
    const at = iso();
    if (error.code === 'postmark.unauthorized' || error.code === 'postmark.endpoint') {
      // The account token (or the API URL) is wrong for every job: park this one unchanged and block until kick().
      const view = jobs.release(job.id, error, at);
      if (view) emit({ type: 'job', change: 'requeued', job: view });
      return error;
    }
    if (!error.retryable) {
      summary.needsAttention += 1;
      const view = jobs.needsAttention(job.id, error, at);
      if (view) emit({ type: 'job', change: 'needs-attention', job: view });
      return undefined;
    }
    if (job.attempts >= maxAttempts) {
      summary.failed += 1;
      const view = jobs.fail(job.id, error, at);
      if (view) emit({ type: 'job', change: 'failed', job: view });
      return undefined;
    }
    summary.retrying += 1;
    const nextAt = new Date(now().getTime() + backoffDelay(job.attempts, backoff, random)).toISOString();
    const view = jobs.scheduleRetry(job.id, error, nextAt, at);
    if (view) emit({ type: 'job', change: 'retry-scheduled', job: view });
    return OUTAGE_CODES.has(error.code) ? error : undefined;
  }

  const teamKey = (job: JobView) => `outbox:${job.idempotencyKey}`;

  /**
   * Team mode: asks the team whether this console runs the job. 'run' — it is ours (lease held); 'skip' — another
   * console holds it (the job waits for its lease) or already ran it (recorded here as it ended there); an error —
   * the team's server is unreachable, so the job waits (running it unclaimed could run it twice) and the pass stops.
   */
  async function teamGate(claims: JobClaims, job: JobView): Promise<'run' | 'skip' | JobError> {
    let answer;
    try {
      answer = await claims.claim(teamKey(job));
    } catch (err) {
      const error: JobError = {
        code: 'team.unreachable',
        retryable: false,
        message: `The team's database could not be asked which console runs this job: ${err instanceof Error ? err.message : String(err)}.`,
        hint: 'The job waits and runs once PostgreSQL is reachable again (in team mode a job runs only after the team gave it to this console).',
      };
      const nextAt = new Date(now().getTime() + backoffDelay(Math.max(job.attempts - 1, 0), backoff, random)).toISOString();
      const view = jobs.defer(job.id, nextAt, error, iso());
      if (view) emit({ type: 'job', change: 'requeued', job: view });
      return error;
    }
    if (answer.kind === 'mine') return 'run';
    if (answer.kind === 'held') {
      const view = jobs.defer(job.id, answer.until, null, iso());
      if (view) emit({ type: 'job', change: 'requeued', job: view });
      return 'skip';
    }
    const { state, error } = answer.outcome;
    const view = jobs.settleFromTeam(job.id, state, error ? { ...error, retryable: false } : null, answer.by, iso());
    if (view) emit({ type: 'job', change: 'team-settled', job: view });
    return 'skip';
  }

  /** Tells the team how a job this console ran ended: for good (no one runs it again) or back to the queue. */
  async function reportToTeam(claims: JobClaims, job: JobView): Promise<void> {
    const after = jobs.get(job.id);
    if (after && (after.state === 'succeeded' || after.state === 'failed' || after.state === 'needs-attention')) {
      const e = after.lastError;
      await claims.finish(teamKey(job), {
        state: after.state,
        error: after.state === 'succeeded' || !e ? null : { code: e.code, message: e.message, hint: e.hint ?? '' },
      });
    } else {
      await claims.release(teamKey(job));
    }
  }

  async function pass(): Promise<RunSummary> {
    const summary: RunSummary = { ran: 0, succeeded: 0, retrying: 0, needsAttention: 0, failed: 0 };
    setStatus({ state: 'running' });
    const claims = opts.claims?.() ?? null;
    while (!stopping) {
      const job = jobs.claimNextDue(iso());
      if (!job) break;
      if (claims) {
        const gate = await teamGate(claims, job);
        if (gate === 'skip') continue;
        if (gate !== 'run') {
          summary.stoppedBy = gate;
          break;
        }
      }
      emit({ type: 'job', change: 'started', job });
      let stop: JobError | undefined;
      try {
        stop = await execute(job, summary);
      } finally {
        if (claims) await reportToTeam(claims, job);
      }
      if (stop) {
        summary.stoppedBy = stop;
        break;
      }
    }
    const blocked = summary.stoppedBy?.code === 'postmark.unauthorized' || summary.stoppedBy?.code === 'postmark.endpoint';
    setStatus(blocked ? { state: 'blocked', error: summary.stoppedBy! } : { state: 'idle', nextRunAt: jobs.nextWakeAt() ?? null });
    return summary;
  }

  /** One pass over due jobs; called during a pass it waits for that pass, then runs another (nothing is missed). */
  function runDue(): Promise<RunSummary> {
    if (currentPass) return currentPass.catch(() => undefined).then(() => runDue());
    currentPass = pass().finally(() => {
      currentPass = undefined;
      const again = passAgain;
      passAgain = false;
      schedule(again ? 0 : undefined);
    });
    return currentPass;
  }

  /** Passes started by timers and enqueue have no caller to report to: a failure (a bug, a closed ledger) blocks. */
  function autoPass(): void {
    if (currentPass) {
      passAgain = true;
      return;
    }
    runDue().catch((err: unknown) => setStatus({ state: 'blocked', error: toJobError(err) }));
  }

  function schedule(delayMs?: number): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!autoRun || status.state === 'blocked') return;
    const wakeAt = jobs.nextWakeAt();
    const delay = delayMs ?? (wakeAt ? Math.max(0, Date.parse(wakeAt) - now().getTime()) : undefined);
    if (delay === undefined) return;
    timer = setTimeout(autoPass, Math.min(delay, 2 ** 31 - 1));
    timer.unref?.();
  }

  function mustChange(view: JobView | undefined, id: number, action: string): JobView {
    if (view) return view;
    const job = jobs.get(id);
    throw new BehalfError(
      'outbox.invalid-transition',
      job ? `Job ${id} is ${job.state} and cannot be ${action}.` : `There is no job ${id}.`,
      job ? 'Only queued, failed or needs-attention jobs can be retried or cancelled.' : 'Refresh the job list.',
    );
  }

  return {
    enqueue<K extends JobKind>(input: EnqueueInput<K>): JobView<K> {
      const parsed = jobPayloadSchemas[input.kind].safeParse(input.payload);
      if (!parsed.success) {
        throw new BehalfError(
          'outbox.invalid-payload',
          `The ${input.kind} job is not valid: ${parsed.error.issues.map((i) => i.message).join('; ')}.`,
          'This is a bug in Behalf: please report it.',
        );
      }
      const tenantId = input.tenantId ?? null;
      if (tenantId === null && CREATE_KINDS.includes(input.kind)) {
        throw new BehalfError('outbox.tenant-required', `A ${input.kind} job needs the tenant it is for.`, 'This is a bug in Behalf: please report it.');
      }
      const { job, created } = jobs.insert(
        {
          tenantId,
          kind: input.kind,
          payload: parsed.data as JobPayloads[K],
          idempotencyKey: input.idempotencyKey ?? randomUUID(),
          runAfter: input.runAfter?.toISOString() ?? null,
        },
        iso(),
      );
      if (created) {
        emit({ type: 'job', change: 'queued', job });
        if (autoRun) autoPass();
      }
      return job as JobView<K>;
    },
    get: (id: number) => jobs.get(id),
    list: (filter?: { tenantId?: string; states?: JobState[]; limit?: number }) => jobs.list(filter),
    objectsForTenant: (tenantId: string) => objects.forTenant(tenantId),
    allObjects: () => objects.all(),
    cancel(id: number): JobView {
      const view = mustChange(jobs.cancel(id, iso()), id, 'cancelled');
      emit({ type: 'job', change: 'cancelled', job: view });
      if (autoRun) autoPass(); // later jobs of the tenant may now be free
      return view;
    },
    retry(id: number): JobView {
      const view = mustChange(jobs.retryNow(id, iso()), id, 'retried');
      emit({ type: 'job', change: 'queued', job: view });
      if (autoRun) autoPass();
      return view;
    },
    /** Jobs a crash left `running` go back to the queue; their create step adopts what they may have made. */
    /**
     * Requeues jobs a crash left `running`. The long-lived doors call it at start with no argument (they own the
     * ledger); a short CLI run passes `olderThanMs` so it only takes over jobs nobody has touched for that long.
     */
    recoverInterrupted(opts: { olderThanMs?: number } = {}): JobView[] {
      const staleBefore = opts.olderThanMs === undefined ? undefined : new Date(Date.parse(iso()) - opts.olderThanMs).toISOString();
      const requeued = jobs.requeueInterrupted(iso(), staleBefore);
      for (const job of requeued) emit({ type: 'job', change: 'requeued', job });
      return requeued;
    },
    /** Recover, then run due jobs now and whenever a backoff ends, until stop(). */
    start(): void {
      this.recoverInterrupted();
      autoRun = true;
      setStatus({ state: 'idle', nextRunAt: null });
      autoPass();
    },
    async stop(): Promise<void> {
      autoRun = false;
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await currentPass?.catch(() => undefined);
      stopping = false;
      setStatus({ state: 'stopped' });
    },
    /** One pass now (CLI `behalf sync`, tests). Also lifts a block from a refused token. */
    runDue,
    /** Lift a block (call after the account token changes) and run soon. */
    kick(): void {
      if (status.state === 'blocked') setStatus({ state: 'idle', nextRunAt: null });
      if (autoRun) autoPass();
    },
    /** Jobs arrived from elsewhere (the team's changes): a pass soon, unless blocked (claims decide who runs them). */
    wake(): void {
      if (autoRun && status.state !== 'blocked') autoPass();
    },
    status: (): RunnerStatus => status,
  };
}
