import type { PostmarkGatewayError } from '../postmark/errors';

/**
 * After a lost answer, has Postmark got the message? Its search is eventually consistent (the official
 * client's live tests wait and retry; details answer 422/701 for a fresh message), so one empty search right
 * after a send proves nothing. A send is re-sent only when two searches, both at least `windowMs` after the lost
 * attempt and `spacingMs` apart, miss it. Until then it waits, visibly "confirming with Postmark".
 */
export interface ConfirmPolicy {
  /** How long Postmark may take to index an accepted message. Default 60 s (its own tests give up after ~15 s). */
  windowMs: number;
  /** Between the two confirming searches. */
  spacingMs: number;
}

export const DEFAULT_CONFIRM: ConfirmPolicy = { windowMs: 60_000, spacingMs: 30_000 };

/** What the queue remembers of a lost answer. */
export interface LostAnswer {
  lostAt: string;
  misses: number;
  lastMissAt: string | null;
}

export type ConfirmStep = { kind: 'wait'; until: string; misses: number; lastMissAt: string | null } | { kind: 'resend' };

/** The search just missed some recipients: wait (counting a miss if it was past the window) or re-send. */
export function afterMiss(lost: LostAnswer, now: Date, policy: ConfirmPolicy): ConfirmStep {
  const t = now.getTime();
  const windowEnd = Date.parse(lost.lostAt) + policy.windowMs;
  if (t < windowEnd) return { kind: 'wait', until: new Date(windowEnd).toISOString(), misses: lost.misses, lastMissAt: lost.lastMissAt };
  if (lost.misses === 0 || lost.lastMissAt === null) {
    return { kind: 'wait', until: new Date(t + policy.spacingMs).toISOString(), misses: 1, lastMissAt: now.toISOString() };
  }
  const secondAt = Date.parse(lost.lastMissAt) + policy.spacingMs;
  if (t < secondAt) return { kind: 'wait', until: new Date(secondAt).toISOString(), misses: lost.misses, lastMissAt: lost.lastMissAt };
  return { kind: 'resend' };
}

/**
 * Did Postmark perhaps act on a request whose answer never came? 429 and 503 are Postmark refusing before acting;
 * an answer that was not Postmark's (postmark.endpoint) never reached it. Everything else that is retryable
 * (timeout, dropped connection, 500, a proxy's 502/504) may have been accepted.
 */
export function mayHaveBeenAccepted(err: PostmarkGatewayError): boolean {
  return err.retryable && err.httpStatus !== 429 && err.httpStatus !== 503 && err.code !== 'postmark.endpoint';
}

/** Settings from the environment: BEHALF_POSTMARK_INDEX_WINDOW_S (seconds, at least 1). */
export function confirmPolicyFromEnv(env: Record<string, string | undefined>): ConfirmPolicy {
  const s = Number(env.BEHALF_POSTMARK_INDEX_WINDOW_S);
  if (!Number.isFinite(s) || s < 1) return DEFAULT_CONFIRM;
  return { windowMs: s * 1000, spacingMs: Math.round((s * 1000) / 2) };
}
