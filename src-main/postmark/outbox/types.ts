import type { PostmarkErrorDetails } from '../errors';
import type { JobKind, JobPayloads } from './payloads';

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'needs-attention' | 'cancelled';

/** A job as the UI and CLI see it (nothing secret in it). */
export interface JobView<K extends JobKind = JobKind> {
  id: number;
  tenantId: string | null;
  kind: K;
  payload: JobPayloads[K];
  idempotencyKey: string;
  state: JobState;
  attempts: number;
  /** ISO time; null means "as soon as possible". */
  nextAttemptAt: string | null;
  lastError: JobError | null;
  result: unknown;
  createdAt: string;
  updatedAt: string;
}

/** A Postmark failure, or a Behalf failure while running the job (code `outbox.*`). */
export type JobError = PostmarkErrorDetails | { code: string; message: string; hint: string; retryable: false };

export type ObjectKind = 'server' | 'domain' | 'sender';

export interface PostmarkObjectLink {
  tenantId: string;
  kind: ObjectKind;
  postmarkId: number;
  /** Server name, domain name or sender email, as Postmark spells it. */
  name: string;
  /** What Postmark last returned, minus tokens. */
  details: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** `team-settled`: another console of the team ran the job; this one only records how it ended (issue #19). */
export type JobChange = 'queued' | 'started' | 'succeeded' | 'retry-scheduled' | 'needs-attention' | 'failed' | 'cancelled' | 'requeued' | 'team-settled';

export type RunnerStatus =
  | { state: 'idle'; nextRunAt: string | null }
  | { state: 'running' }
  /** Postmark refused the account token: nothing runs until kick() (call it after the token changes). */
  | { state: 'blocked'; error: JobError }
  | { state: 'stopped' };

export type OutboxEvent =
  | { type: 'job'; change: JobChange; job: JobView }
  | { type: 'object'; change: 'upserted' | 'removed'; tenantId: string; kind: ObjectKind; postmarkId: number; name: string }
  | { type: 'runner'; status: RunnerStatus };

/** Where server tokens go (the lead's SecretVault satisfies this). */
export interface ServerTokenVault {
  setServerToken(serverId: number, token: string): void;
  getServerToken(serverId: number): string | undefined;
  forgetServerToken?(serverId: number): void;
}
