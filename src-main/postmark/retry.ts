import type { PostmarkGatewayError } from './errors';

export interface RetryPolicy {
  /** Total tries including the first. */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseMs: 500, maxMs: 8_000 };

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so many clients that failed
 * together (a Postmark blip) do not come back in lockstep. `failures` counts failures so far (1 = first retry).
 */
export function backoffDelay(failures: number, policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>, random: () => number): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

export interface RetryDeps {
  policy: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Decides per error; the default is `err.retryable`. */
  shouldRetry: (err: PostmarkGatewayError) => boolean;
  onRetry?: (info: { operation: string; failures: number; delayMs: number; error: PostmarkGatewayError }) => void;
}

/** Runs `attempt` until it succeeds, fails for good, or the attempts are used up (then the last error). */
export async function withRetry<T>(attempt: () => Promise<T>, deps: RetryDeps): Promise<T> {
  for (let failures = 0; ;) {
    try {
      return await attempt();
    } catch (err) {
      const error = err as PostmarkGatewayError;
      failures += 1;
      if (failures >= deps.policy.attempts || !deps.shouldRetry(error)) throw error;
      const delayMs = backoffDelay(failures, deps.policy, deps.random);
      deps.onRetry?.({ operation: error.operation, failures, delayMs, error });
      await deps.sleep(delayMs);
    }
  }
}
