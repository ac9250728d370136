/**
 * Team mode's "run once per team" gate for Postmark work (issue #19 item 5), as the outbox and the test-send
 * runner see it; the team folder implements it on PostgreSQL. Job keys are the jobs' idempotency keys prefixed by
 * their queue (`outbox:` / `send:`), so they name the same job on every console. In single-user mode there is no
 * gate at all and the runners work exactly as before.
 */

/** How a claimed job ended, as the team's other consoles learn it (only the state and the error: never a token). */
export interface JobOutcome {
  state: 'succeeded' | 'failed' | 'needs-attention';
  error: { code: string; message: string; hint: string } | null;
}

export type ClaimAnswer = { kind: 'mine' } | { kind: 'held'; by: string; until: string } | { kind: 'done'; by: string; outcome: JobOutcome };

export interface JobClaims {
  /** Throws when the team's server cannot be reached: the job then waits (running it could run it twice). */
  claim(jobKey: string): Promise<ClaimAnswer>;
  /** The job ended for good: no other console runs it. */
  finish(jobKey: string, outcome: JobOutcome): Promise<void>;
  /** The job goes back to the team's queue (it retries later, on whichever console gets there first). */
  release(jobKey: string): Promise<void>;
  close(): Promise<void>;
}
