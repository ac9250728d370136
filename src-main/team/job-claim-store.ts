import type pg from 'pg';
import type { ClaimAnswer, JobOutcome } from '../core/job-claims';

/**
 * `job_claims` in the team's PostgreSQL ledger: one row per Postmark job (outbox job or queued test send), named by
 * its idempotency key, which every console that has the job agrees on. A claim is one INSERT … ON CONFLICT: it
 * takes a new job, a released one, or one whose lease ran out (its console died), and nothing else — row-level
 * locking makes two consoles racing for the same row see one winner.
 */
export class JobClaimStore {
  constructor(private readonly client: pg.Pool | pg.ClientBase) {}

  async claim(jobKey: string, consoleId: string, leaseMs: number): Promise<ClaimAnswer> {
    const taken = await this.client.query(
      `INSERT INTO job_claims (job_key, state, console_id, lease_until, attempts)
       VALUES ($1, 'running', $2, clock_timestamp() + $3 * interval '1 millisecond', 1)
       ON CONFLICT (job_key) DO UPDATE
         SET state = 'running', console_id = excluded.console_id, lease_until = excluded.lease_until, attempts = job_claims.attempts + 1
         WHERE job_claims.state = 'queued'
            OR (job_claims.state = 'running' AND (job_claims.lease_until < clock_timestamp() OR job_claims.console_id = excluded.console_id))`,
      [jobKey, consoleId, leaseMs],
    );
    if (taken.rowCount === 1) return { kind: 'mine' };
    const { rows } = await this.client.query<{ state: string; console_id: string | null; lease_until: Date | null; result: JobOutcome | null }>(
      'SELECT state, console_id, lease_until, result FROM job_claims WHERE job_key = $1',
      [jobKey],
    );
    const row = rows[0];
    if (row?.state === 'done' && row.result) return { kind: 'done', by: row.console_id ?? '', outcome: row.result };
    // Held by another console (or released between the two statements: then "held until now" retries at once).
    return { kind: 'held', by: row?.console_id ?? '', until: (row?.lease_until ?? new Date()).toISOString() };
  }

  /** Keeps a running job's lease alive; false when the lease was lost (it ran out and another console took it). */
  async renew(jobKey: string, consoleId: string, leaseMs: number): Promise<boolean> {
    const r = await this.client.query(
      `UPDATE job_claims SET lease_until = clock_timestamp() + $3 * interval '1 millisecond'
       WHERE job_key = $1 AND console_id = $2 AND state = 'running'`,
      [jobKey, consoleId, leaseMs],
    );
    return r.rowCount === 1;
  }

  /** The job ended for good: recorded for the team, so no other console runs it again. */
  async finish(jobKey: string, consoleId: string, outcome: JobOutcome): Promise<void> {
    await this.client.query(
      `UPDATE job_claims SET state = 'done', console_id = $2, lease_until = NULL, done_at = clock_timestamp(), result = $3
       WHERE job_key = $1 AND state <> 'done'`,
      [jobKey, consoleId, JSON.stringify(outcome)],
    );
  }

  /** The job goes back to the team's queue (it will retry later, on whichever console gets to it first). */
  async release(jobKey: string, consoleId: string): Promise<void> {
    await this.client.query(
      `UPDATE job_claims SET state = 'queued', console_id = NULL, lease_until = NULL
       WHERE job_key = $1 AND console_id = $2 AND state = 'running'`,
      [jobKey, consoleId],
    );
  }
}
