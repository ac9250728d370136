import { pgModule } from './pg-module';
import { clientConfig } from './connection';
import type { JobClaims, JobOutcome } from '../core/job-claims';
import { JobClaimStore } from './job-claim-store';

/** The default lease: far longer than one Postmark call with its retries; renewed every third of it while running. */
export const DEFAULT_LEASE_MS = 120_000;

/** JobClaims on the team's PostgreSQL server, with a lease renewed while this console runs the job. */
export function createJobClaims(opts: { url: string; password: string | undefined; consoleId: string; leaseMs?: number }): JobClaims {
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  // One small pool per console; idle connections do not keep a CLI process alive.
  const pool = new (pgModule().Pool)({ ...clientConfig(opts.url, opts.password), max: 2, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
  pool.on('error', () => undefined); // an idle connection the server dropped: the next query reconnects
  const store = new JobClaimStore(pool);
  const renewals = new Map<string, NodeJS.Timeout>();
  /** Outcomes not yet recorded because the server went away: sent before the next claim (so none is forgotten). */
  const unreported = new Map<string, JobOutcome>();

  const hold = (jobKey: string) => {
    const timer = setInterval(() => void store.renew(jobKey, opts.consoleId, leaseMs).catch(() => undefined), Math.max(50, Math.floor(leaseMs / 3)));
    timer.unref?.();
    renewals.set(jobKey, timer);
  };
  const letGo = (jobKey: string) => {
    clearInterval(renewals.get(jobKey));
    renewals.delete(jobKey);
  };
  const flush = async () => {
    for (const [key, outcome] of unreported) {
      await store.finish(key, opts.consoleId, outcome);
      unreported.delete(key);
    }
  };

  return {
    async claim(jobKey) {
      await flush();
      const answer = await store.claim(jobKey, opts.consoleId, leaseMs);
      if (answer.kind === 'mine') hold(jobKey);
      return answer;
    },
    async finish(jobKey, outcome) {
      letGo(jobKey);
      try {
        await store.finish(jobKey, opts.consoleId, outcome);
      } catch {
        unreported.set(jobKey, outcome);
      }
    },
    async release(jobKey) {
      letGo(jobKey);
      // Not reached: the lease runs out instead, and the job is free again then.
      await store.release(jobKey, opts.consoleId).catch(() => undefined);
    },
    async close() {
      for (const key of [...renewals.keys()]) letGo(key);
      await flush().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}
