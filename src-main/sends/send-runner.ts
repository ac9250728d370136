import type { Tenant } from '../../src-preload/api/tenants';
import type { Db } from '../ledger/open';
import { PostmarkGatewayError } from '../postmark/errors';
import type { PostmarkGateway } from '../postmark/gateway';
import type { ServerTokenSource } from '../postmark/outbox/server-tokens';
import { backoffDelay } from '../postmark/retry';
import { attemptSend, outcomeFromError, type AttemptResult } from './attempt';
import { mayHaveBeenAccepted, type ConfirmPolicy } from './confirm';
import type { SendStore } from './send-store';
import { writeTransaction } from '../ledger/write-transaction';
import type { JobClaims } from '../core/job-claims';

/**
 * Failures meaning "Postmark is not reachable now": queue the send instead of recording it as failed. A wrong
 * API URL or a proxy page (postmark.endpoint) is one too: the send waits until the endpoint is fixed.
 */
export const OUTAGE = new Set([
  'postmark.offline',
  'postmark.timeout',
  'postmark.unavailable',
  'postmark.rate-limited',
  'postmark.server-error',
  'postmark.endpoint',
]);

export interface SendRunnerDeps {
  db: Db;
  store: SendStore;
  gateway: () => PostmarkGateway;
  tokens: () => ServerTokenSource;
  tenant: (id: string) => Tenant | undefined;
  changed: (tenantId: string, sendId: number) => void;
  now: () => Date;
  random: () => number;
  backoff: { baseMs: number; maxMs: number };
  maxAttempts: number;
  confirm: ConfirmPolicy;
  /** Team mode (issue #19): each job is claimed in the team's database before Postmark is called; null: single-user. */
  claims?: () => JobClaims | null;
}

export interface RunSummary {
  ran: number;
  sent: number;
  stillQueued: number;
  failed: number;
}

/**
 * Runs send_queue jobs: one attempt per claimed job, outcome and job state committed together. An outage puts
 * the job back with its backoff (and stops the pass); anything else ends it done or failed, never silently.
 */
export function createSendRunner(deps: SendRunnerDeps) {
  const { store } = deps;
  const iso = () => deps.now().toISOString();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  /** Throws the gateway error when the job went back to the queue (Postmark unreachable). */
  async function runClaimed(sendId: number, attempts: number): Promise<void> {
    const send = store.load(sendId);
    if (!send) return;
    const tenant = deps.tenant(send.tenantId);
    const startedAt = deps.now();
    let sending = false;
    let result: AttemptResult;
    try {
      result = await attemptSend({ gateway: deps.gateway(), tokens: deps.tokens() }, send, {
        tenant: { id: send.tenantId, name: tenant?.name ?? send.tenantId, domain: tenant?.domain ?? '' },
        lost: store.lostAnswer(sendId),
        now: startedAt,
        confirm: deps.confirm,
        onSending: () => {
          sending = true;
        },
      });
    } catch (err) {
      const error =
        err instanceof PostmarkGatewayError
          ? err
          : new PostmarkGatewayError({
              code: 'postmark.invalid',
              message: err instanceof Error ? err.message : String(err),
              hint: 'This is a bug in Behalf: please report it.',
              retryable: false,
              postmarkCode: 0,
              httpStatus: 0,
              operation: 'send',
              inactiveRecipients: [],
            });
      const shape = { code: error.code, message: error.message, hint: error.hint ?? '' };
      // The messages went out and no answer came back: from now on, confirm before any re-send.
      const lost = sending && mayHaveBeenAccepted(error);
      if (lost) store.markLost(sendId, startedAt.toISOString());
      if ((lost || (OUTAGE.has(error.code) && (error.retryable || error.code === 'postmark.endpoint'))) && attempts < deps.maxAttempts) {
        store.retryLater(sendId, shape, new Date(deps.now().getTime() + backoffDelay(attempts, deps.backoff, deps.random)).toISOString(), iso());
        deps.changed(send.tenantId, sendId);
        throw error;
      }
      // Refused for good (or out of retries): every seed still waiting gets the error, visibly.
      const failed = new Map(send.recipients.filter((r) => r.state === 'queued').map((r) => [r.id, outcomeFromError(error)]));
      writeTransaction(deps.db, () => {
        store.recordOutcomes(sendId, failed, iso());
        store.finishJob(sendId, 'failed', shape, iso());
      });
      deps.changed(send.tenantId, sendId);
      return;
    }
    const { outcomes, wait } = result;
    writeTransaction(deps.db, () => {
      store.recordOutcomes(sendId, outcomes, iso());
      if (wait) store.confirmLater(sendId, wait, iso());
      else store.finishJob(sendId, 'done', null, iso());
    });
    deps.changed(send.tenantId, sendId);
  }

  /**
   * Team mode: runs the job only when the team gives it to this console, and tells the team how it ended. Held by
   * another console: back to the queue until that lease ends. Already run there: recorded as it ended. Team not
   * reachable: back to the queue with its backoff, and the error thrown (the pass stops, as for a Postmark outage).
   */
  async function runGated(sendId: number, attempts: number): Promise<void> {
    const claims = deps.claims?.() ?? null;
    const job = claims ? store.queueJob(sendId) : undefined;
    if (!claims || !job) return runClaimed(sendId, attempts);
    const key = `send:${job.key}`;
    const tenantId = store.load(sendId)?.tenantId;
    let answer;
    try {
      answer = await claims.claim(key);
    } catch (err) {
      const error = {
        code: 'team.unreachable',
        message: `The team's database could not be asked which console runs this send: ${err instanceof Error ? err.message : String(err)}.`,
        hint: 'The send waits and runs once PostgreSQL is reachable again.',
      };
      store.defer(sendId, new Date(deps.now().getTime() + backoffDelay(Math.max(attempts - 1, 0), deps.backoff, deps.random)).toISOString(), error, iso());
      if (tenantId) deps.changed(tenantId, sendId);
      throw err;
    }
    if (answer.kind === 'held') {
      store.defer(sendId, answer.until, null, iso());
      return;
    }
    if (answer.kind === 'done') {
      store.finishJob(sendId, answer.outcome.state === 'succeeded' ? 'done' : 'failed', answer.outcome.error, iso());
      if (tenantId) deps.changed(tenantId, sendId);
      return;
    }
    try {
      await runClaimed(sendId, attempts);
    } finally {
      const after = store.queueJob(sendId);
      if (after?.state === 'done' || after?.state === 'failed') {
        await claims.finish(key, { state: after.state === 'done' ? 'succeeded' : 'failed', error: null });
      } else {
        await claims.release(key);
      }
    }
  }

  /** One pass over due jobs; stops at the first outage instead of hammering every job. */
  async function runDue(tenantId?: string): Promise<RunSummary> {
    if (running) await running.catch(() => undefined);
    const pass = (async () => {
      const summary: RunSummary = { ran: 0, sent: 0, stillQueued: 0, failed: 0 };
      for (;;) {
        const job = store.claimDue(iso());
        if (!job) break;
        summary.ran += 1;
        try {
          await runGated(job.sendId, job.attempts);
          const state = store.view(job.sendId)?.state;
          if (state === 'failed') summary.failed += 1;
          else if (state !== 'queued') summary.sent += 1; // still confirming with Postmark counts as queued
        } catch {
          break; // Postmark is unreachable: the job is back in the queue with its backoff
        }
      }
      summary.stillQueued = store.queuedCount(tenantId);
      return summary;
    })();
    running = pass;
    try {
      return await pass;
    } finally {
      running = undefined;
      schedule();
    }
  }

  /** Wakes when the earliest backoff ends (only while started: the CLI runs passes on demand). */
  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    const wake = store.nextWakeAt();
    if (wake === undefined) return;
    const delay = wake === null ? 0 : Math.max(0, Date.parse(wake) - deps.now().getTime());
    timer = setTimeout(() => void runDue().catch(() => undefined), Math.min(delay, 2 ** 31 - 1));
    timer.unref?.();
  }

  return {
    /** The first attempt of a new send runs at once, ahead of older queued jobs. */
    async runNow(sendId: number): Promise<void> {
      const claimed = store.claim(sendId, iso());
      if (claimed) await runGated(sendId, claimed.attempts).catch(() => undefined);
      schedule();
    },
    runDue,
    start(): void {
      stopped = false;
      store.requeueInterrupted(iso());
      schedule();
    },
    /** Queued sends arrived from elsewhere (the team's changes): a pass soon while started. */
    wake(): void {
      schedule();
    },
    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
