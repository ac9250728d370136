import type { Db } from '../ledger/open';
import type { ConfirmStep, LostAnswer } from './confirm';

export interface QueueRow {
  id: number;
  send_id: number;
  idempotency_key: string;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  attempts: number;
  next_attempt_at: string | null;
  last_error_json: string | null;
  lost_at: string | null;
  confirm_misses: number;
  last_miss_at: string | null;
}

/**
 * send_queue: one retry job per test send (its idempotency key, attempts, backoff, and the "answer lost, confirm
 * with Postmark before re-sending" state). SendStore extends it, so the runner sees one store for a send.
 */
export class SendQueueStore {
  constructor(protected readonly db: Db) {}

  /** The queue row behind a send's view (its last error), if it was ever queued. */
  queueRow(sendId: number): QueueRow | undefined {
    return this.db.prepare(`SELECT * FROM send_queue WHERE send_id = ?`).get(sendId) as QueueRow | undefined;
  }

  enqueue(sendId: number, key: string, now: string): void {
    this.db
      .prepare(
        `INSERT INTO send_queue (send_id, idempotency_key, state, created_at, updated_at) VALUES (?, ?, 'queued', ?, ?)
      ON CONFLICT (send_id) DO NOTHING`,
      )
      .run(sendId, key, now, now);
  }

  /** Takes one due job: the guarded UPDATE means two runners never send the same job. */
  claimDue(now: string): { sendId: number; attempts: number } | undefined {
    const row = this.db
      .prepare(`SELECT * FROM send_queue WHERE state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT 1`)
      .get(now) as QueueRow | undefined;
    if (!row) return undefined;
    const claimed = this.db
      .prepare(`UPDATE send_queue SET state = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ? AND state = 'queued'`)
      .run(now, row.id);
    return claimed.changes === 1 ? { sendId: row.send_id, attempts: row.attempts + 1 } : undefined;
  }

  finishJob(sendId: number, state: 'done' | 'failed' | 'cancelled', error: object | null, now: string): void {
    this.db
      .prepare(`UPDATE send_queue SET state = ?, next_attempt_at = NULL, last_error_json = COALESCE(?, last_error_json), updated_at = ? WHERE send_id = ?`)
      .run(state, error ? JSON.stringify(error) : null, now, sendId);
  }

  retryLater(sendId: number, error: object, nextAt: string, now: string): void {
    this.db
      .prepare(`UPDATE send_queue SET state = 'queued', next_attempt_at = ?, last_error_json = ?, updated_at = ? WHERE send_id = ?`)
      .run(nextAt, JSON.stringify(error), now, sendId);
  }

  /** Claims one send's own job (the first attempt runs at once, not after the queue's older jobs). */
  claim(sendId: number, now: string): { sendId: number; attempts: number } | undefined {
    const claimed = this.db
      .prepare(`UPDATE send_queue SET state = 'running', attempts = attempts + 1, updated_at = ? WHERE send_id = ? AND state = 'queued'`)
      .run(now, sendId);
    if (claimed.changes !== 1) return undefined;
    return { sendId, attempts: (this.db.prepare(`SELECT attempts FROM send_queue WHERE send_id = ?`).get(sendId) as { attempts: number }).attempts };
  }

  /** The lost answer this send is confirming with Postmark, if any. */
  lostAnswer(sendId: number): LostAnswer | null {
    const q = this.db.prepare(`SELECT lost_at, confirm_misses, last_miss_at FROM send_queue WHERE send_id = ?`).get(sendId) as
      Pick<QueueRow, 'lost_at' | 'confirm_misses' | 'last_miss_at'> | undefined;
    return q?.lost_at ? { lostAt: q.lost_at, misses: q.confirm_misses, lastMissAt: q.last_miss_at } : null;
  }

  /** An attempt's answer was lost after the messages went out: start confirming from `at`. */
  markLost(sendId: number, at: string): void {
    this.db.prepare(`UPDATE send_queue SET lost_at = ?, confirm_misses = 0, last_miss_at = NULL WHERE send_id = ?`).run(at, sendId);
  }

  /** Not found yet and not safe to re-send: back to the queue until the next confirming search. */
  confirmLater(sendId: number, step: Extract<ConfirmStep, { kind: 'wait' }>, now: string): void {
    this.db
      .prepare(`UPDATE send_queue SET state = 'queued', next_attempt_at = ?, confirm_misses = ?, last_miss_at = ?, updated_at = ? WHERE send_id = ?`)
      .run(step.until, step.misses, step.lastMissAt, now, sendId);
  }

  /** The job's team-wide name and state (team mode claims it by this key before calling Postmark). */
  queueJob(sendId: number): { key: string; state: QueueRow['state'] } | undefined {
    const row = this.db.prepare(`SELECT idempotency_key, state FROM send_queue WHERE send_id = ?`).get(sendId) as
      Pick<QueueRow, 'idempotency_key' | 'state'> | undefined;
    return row ? { key: row.idempotency_key, state: row.state } : undefined;
  }

  /** Team mode: another console holds this job (or the team was not reached): back to the queue, no attempt counted. */
  defer(sendId: number, nextAt: string, error: object | null, now: string): void {
    this.db
      .prepare(
        `UPDATE send_queue SET state = 'queued', attempts = max(attempts - 1, 0), next_attempt_at = ?,
      last_error_json = COALESCE(?, last_error_json), updated_at = ? WHERE send_id = ? AND state = 'running'`,
      )
      .run(nextAt, error ? JSON.stringify(error) : null, now, sendId);
  }

  /** Runs every queued job of a tenant (or all) at once: "Retry now". */
  makeDueNow(now: string, tenantId?: string): number {
    const sql =
      `UPDATE send_queue SET next_attempt_at = NULL, updated_at = ? WHERE state = 'queued'` +
      (tenantId ? ` AND send_id IN (SELECT id FROM test_sends WHERE tenant_id = ?)` : '');
    return (tenantId ? this.db.prepare(sql).run(now, tenantId) : this.db.prepare(sql).run(now)).changes;
  }

  /**
   * Jobs a crash left running go back to the queue. Their answer is lost (the send may have gone out when the
   * job was claimed), so they confirm with Postmark before any re-send.
   */
  requeueInterrupted(now: string): number {
    return this.db.prepare(`UPDATE send_queue SET state = 'queued', lost_at = COALESCE(lost_at, updated_at), updated_at = ? WHERE state = 'running'`).run(now)
      .changes;
  }

  nextWakeAt(): string | null | undefined {
    const row = this.db
      .prepare(`SELECT next_attempt_at AS at FROM send_queue WHERE state = 'queued' ORDER BY next_attempt_at IS NOT NULL, next_attempt_at LIMIT 1`)
      .get() as { at: string | null } | undefined;
    return row ? row.at : undefined;
  }

  queuedCount(tenantId?: string): number {
    const sql =
      `SELECT COUNT(*) AS n FROM send_queue q JOIN test_sends s ON s.id = q.send_id WHERE q.state IN ('queued', 'running')` +
      (tenantId ? ` AND s.tenant_id = ?` : '');
    return ((tenantId ? this.db.prepare(sql).get(tenantId) : this.db.prepare(sql).get()) as { n: number }).n;
  }
}
