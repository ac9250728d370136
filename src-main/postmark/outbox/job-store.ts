import type { Statement } from 'better-sqlite3';
import { BehalfError } from '../../../src-preload/api/errors';
import type { Db } from '../../ledger/open';
import type { JobKind, JobPayloads } from './payloads';
import type { JobError, JobState, JobView } from './types';
import { writeTransaction } from '../../ledger/write-transaction';

interface JobRow {
  id: number;
  tenant_id: string | null;
  kind: string;
  payload_json: string;
  idempotency_key: string;
  state: JobState;
  attempts: number;
  next_attempt_at: string | null;
  last_error_json: string | null;
  result_json: string | null;
  created_at: string;
  updated_at: string;
}

/** Jobs that keep later jobs of the same tenant waiting (per-tenant FIFO: create before verify). */
const BLOCKING = `('queued', 'running', 'needs-attention')`;

export interface NewJob<K extends JobKind> {
  tenantId: string | null;
  kind: K;
  payload: JobPayloads[K];
  idempotencyKey: string;
  runAfter: string | null;
}

/**
 * postmark_jobs persistence. Every state change is a guarded UPDATE (`WHERE state = …`), so a job can only
 * move along legal edges even if two callers race, and a succeeded job can never be completed again.
 */
export class JobStore {
  constructor(private readonly db: Db) {}

  insert<K extends JobKind>(job: NewJob<K>, now: string): { job: JobView; created: boolean } {
    const payloadJson = JSON.stringify(job.payload);
    const existing = this.byKey(job.idempotencyKey);
    if (existing) {
      if (existing.kind !== job.kind || JSON.stringify(existing.payload) !== payloadJson || existing.tenantId !== job.tenantId) {
        throw new BehalfError(
          'outbox.idempotency-conflict',
          `Another ${existing.kind} job already uses the idempotency key '${job.idempotencyKey}'.`,
          'Use a new idempotency key for a different change.',
        );
      }
      return { job: existing, created: false };
    }
    const info = this.db
      .prepare(
        `INSERT INTO postmark_jobs
        (tenant_id, kind, payload_json, idempotency_key, state, next_attempt_at, created_at, updated_at)
        VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)`,
      )
      .run(job.tenantId, job.kind, payloadJson, job.idempotencyKey, job.runAfter, now, now);
    return { job: this.get(Number(info.lastInsertRowid))!, created: true };
  }

  get(id: number): JobView | undefined {
    const row = this.db.prepare(`SELECT * FROM postmark_jobs WHERE id = ?`).get(id) as JobRow | undefined;
    return row ? toView(row) : undefined;
  }

  byKey(key: string): JobView | undefined {
    const row = this.db.prepare(`SELECT * FROM postmark_jobs WHERE idempotency_key = ?`).get(key) as JobRow | undefined;
    return row ? toView(row) : undefined;
  }

  list(filter: { tenantId?: string; states?: JobState[]; limit?: number } = {}): JobView[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.tenantId !== undefined) {
      where.push('tenant_id = ?');
      args.push(filter.tenantId);
    }
    if (filter.states?.length) {
      where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
      args.push(...filter.states);
    }
    const sql = `SELECT * FROM postmark_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ?`;
    return (this.db.prepare(sql).all(...args, filter.limit ?? 1000) as JobRow[]).map(toView);
  }

  /** The oldest due job whose tenant has no earlier unfinished job, moved to running in one transaction. */
  claimNextDue(now: string): JobView | undefined {
    return writeTransaction(this.db, () => {
      const row = this.db
        .prepare(
          `SELECT j.id FROM postmark_jobs j
          WHERE j.state = 'queued' AND (j.next_attempt_at IS NULL OR j.next_attempt_at <= @now)
            AND NOT EXISTS (SELECT 1 FROM postmark_jobs p
                            WHERE p.tenant_id = j.tenant_id AND p.id < j.id AND p.state IN ${BLOCKING})
          ORDER BY j.id LIMIT 1`,
        )
        .get({ now }) as { id: number } | undefined;
      if (!row) return undefined;
      this.db
        .prepare(
          `UPDATE postmark_jobs SET state = 'running', attempts = attempts + 1, updated_at = ?
                       WHERE id = ? AND state = 'queued'`,
        )
        .run(now, row.id);
      return this.get(row.id);
    });
  }

  /**
   * When a pass should next run for jobs waiting on backoff (undefined: none). A backoff that already ended counts
   * (its time is in the past, so the caller wakes at once): on a busy machine a short backoff can end before the
   * pass that scheduled it has finished, and filtering on `> now` left such a job queued with no timer at all.
   * Jobs blocked by an earlier job of their tenant need no timer: they move only when that job changes, which itself
   * kicks a pass (and counting them would wake passes that can claim nothing, over and over).
   */
  nextWakeAt(): string | undefined {
    const row = this.db
      .prepare(
        `SELECT MIN(j.next_attempt_at) AS at FROM postmark_jobs j
                                 WHERE j.state = 'queued' AND j.next_attempt_at IS NOT NULL
                                   AND NOT EXISTS (SELECT 1 FROM postmark_jobs p
                                                   WHERE p.tenant_id = j.tenant_id AND p.id < j.id AND p.state IN ${BLOCKING})`,
      )
      .get() as { at: string | null };
    return row.at ?? undefined;
  }

  succeed(id: number, result: unknown, now: string): JobView | undefined {
    return this.transition(
      id,
      ['running'],
      { state: 'succeeded', result_json: JSON.stringify(result ?? null), last_error_json: null, next_attempt_at: null },
      now,
    );
  }

  scheduleRetry(id: number, error: JobError, nextAttemptAt: string, now: string): JobView | undefined {
    return this.transition(id, ['running'], { state: 'queued', last_error_json: JSON.stringify(error), next_attempt_at: nextAttemptAt }, now);
  }

  /** Back to the queue without blaming the job (e.g. the account token was refused). */
  release(id: number, error: JobError, now: string): JobView | undefined {
    return this.transition(id, ['running'], { state: 'queued', last_error_json: JSON.stringify(error), next_attempt_at: null }, now);
  }

  needsAttention(id: number, error: JobError, now: string): JobView | undefined {
    return this.transition(id, ['running'], { state: 'needs-attention', last_error_json: JSON.stringify(error), next_attempt_at: null }, now);
  }

  fail(id: number, error: JobError, now: string): JobView | undefined {
    return this.transition(id, ['running'], { state: 'failed', last_error_json: JSON.stringify(error), next_attempt_at: null }, now);
  }

  cancel(id: number, now: string): JobView | undefined {
    return this.transition(id, ['queued', 'needs-attention', 'failed'], { state: 'cancelled', next_attempt_at: null }, now);
  }

  retryNow(id: number, now: string): JobView | undefined {
    return this.transition(id, ['queued', 'needs-attention', 'failed'], { state: 'queued', next_attempt_at: null }, now);
  }

  /**
   * Team mode: the team gave this job to another console (or could not be asked). Back to the queue until `nextAt`
   * without counting an attempt: this console never called Postmark for it.
   */
  defer(id: number, nextAt: string, error: JobError | null, now: string): JobView | undefined {
    const info = this.db
      .prepare(
        `UPDATE postmark_jobs SET state = 'queued', attempts = max(attempts - 1, 0), next_attempt_at = ?,
        last_error_json = COALESCE(?, last_error_json), updated_at = ? WHERE id = ? AND state = 'running'`,
      )
      .run(nextAt, error ? JSON.stringify(error) : null, now, id);
    return info.changes === 1 ? this.get(id) : undefined;
  }

  /** Team mode: another console ran this job; record how it ended there (its links arrive with the team's changes). */
  settleFromTeam(id: number, state: 'succeeded' | 'failed' | 'needs-attention', error: JobError | null, ranBy: string, now: string): JobView | undefined {
    const info = this.db
      .prepare(
        `UPDATE postmark_jobs SET state = ?, attempts = max(attempts - 1, 0), next_attempt_at = NULL,
        last_error_json = ?, result_json = ?, updated_at = ? WHERE id = ? AND state = 'running'`,
      )
      .run(state, error ? JSON.stringify(error) : null, JSON.stringify({ ranByConsole: ranBy }), now, id);
    return info.changes === 1 ? this.get(id) : undefined;
  }

  /** After a crash: jobs left running were interrupted mid-flight and go back to the queue. */
  /** Jobs a crash left `running`; with `staleBefore`, only those untouched since then (another process may own the rest). */
  requeueInterrupted(now: string, staleBefore?: string): JobView[] {
    const ids = (
      this.db.prepare(`SELECT id FROM postmark_jobs WHERE state = 'running' AND updated_at < ? ORDER BY id`).all(staleBefore ?? '9999') as { id: number }[]
    ).map((r) => r.id);
    return ids.flatMap((id) => this.transition(id, ['running'], { state: 'queued', next_attempt_at: null }, now) ?? []);
  }

  private transition(
    id: number,
    from: JobState[],
    set: Partial<Pick<JobRow, 'state' | 'result_json' | 'last_error_json' | 'next_attempt_at'>>,
    now: string,
  ): JobView | undefined {
    const columns = Object.keys(set);
    const sql = `UPDATE postmark_jobs SET ${columns.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @now
                 WHERE id = @id AND state IN (${from.map((s) => `'${s}'`).join(', ')})`;
    const info = this.db.prepare(sql).run({ ...set, now, id });
    return info.changes === 1 ? this.get(id) : undefined;
  }
}

function toView(row: JobRow): JobView {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    kind: row.kind as JobKind,
    payload: JSON.parse(row.payload_json) as JobPayloads[JobKind],
    idempotencyKey: row.idempotency_key,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error_json ? (JSON.parse(row.last_error_json) as JobError) : null,
    result: row.result_json ? (JSON.parse(row.result_json) as unknown) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const openCountStmts = new WeakMap<Db, Statement>();
/**
 * Open and stuck job counts of each of these tenants (one indexed query, prepared once per connection: the tenants
 * list asks for every page it shows). Tenants without jobs are left out.
 */
export function openJobCounts(db: Db, tenantIds: readonly string[]): { id: string; pending: number; attention: number }[] {
  let stmt = openCountStmts.get(db);
  if (!stmt) {
    stmt = db.prepare(
      `SELECT tenant_id AS id,
         sum(state IN ('queued', 'running')) AS pending,
         sum(state IN ('needs-attention', 'failed')) AS attention
       FROM postmark_jobs WHERE tenant_id IN (SELECT value FROM json_each(?)) GROUP BY tenant_id`,
    );
    openCountStmts.set(db, stmt);
  }
  return stmt.all(JSON.stringify(tenantIds)) as { id: string; pending: number; attention: number }[];
}
