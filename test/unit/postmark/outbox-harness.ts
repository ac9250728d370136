import fs from 'node:fs';
import path from 'node:path';
import { openLedger, type Db } from '../../../src-main/ledger/open';
import { createPostmarkGateway, type PostmarkGateway } from '../../../src-main/postmark';
import { createOutbox, type Outbox, type OutboxEvent } from '../../../src-main/postmark/outbox';
import { MemoryVault } from '../../../src-main/secrets/memory-vault';
import type { JobClaims } from '../../../src-main/core/job-claims';
import { createFakeResolver, startPostmarkSimulator, type FakeResolver, type PostmarkSimulator } from '../../support/postmark-sim';
import { tempDir } from '../../support/temp';

/**
 * A real SQLite ledger file, the simulator behind the real gateway, a memory vault and a hand-moved clock.
 * `reopen()` closes the database file and opens it again with a fresh outbox, as after a restart.
 */
export interface OutboxHarness {
  sim: PostmarkSimulator;
  dns: FakeResolver;
  vault: MemoryVault;
  gateway: PostmarkGateway;
  file: string;
  db: Db;
  outbox: Outbox;
  events: OutboxEvent[];
  clock: { now: number };
  advance(ms: number): void;
  reopen(opts?: { gateway?: PostmarkGateway }): void;
  /** Runs passes, moving the clock to each backoff's end, until nothing is queued (or `maxPasses`). */
  drain(maxPasses?: number): Promise<void>;
  close(): Promise<void>;
  ledgerBytes(): string;
}

export async function outboxHarness(
  opts: { accountToken?: () => string | undefined; timeoutSeconds?: number; claims?: () => JobClaims | null } = {},
): Promise<OutboxHarness> {
  const dns = createFakeResolver();
  const sim = await startPostmarkSimulator({ resolver: dns });
  const vault = new MemoryVault({});
  const gateway = createPostmarkGateway({
    accountToken: opts.accountToken ?? sim.accountToken,
    endpoint: sim.url,
    timeoutSeconds: opts.timeoutSeconds ?? 0.3,
    retry: { attempts: 2, baseMs: 1, maxMs: 2 },
    sleep: async () => {},
  });
  const file = path.join(tempDir('behalf-outbox-'), 'ledger.sqlite');
  const clock = { now: Date.parse('2026-03-01T09:00:00.000Z') };
  const events: OutboxEvent[] = [];
  const build = (db: Db, gw: PostmarkGateway) =>
    createOutbox({
      db,
      gateway: gw,
      vault,
      now: () => new Date(clock.now),
      random: () => 0.5,
      backoff: { baseMs: 1_000, maxMs: 60_000 },
      maxAttempts: 6,
      onEvent: (e) => events.push(e),
      ...(opts.claims ? { claims: opts.claims } : {}),
    });

  const h: OutboxHarness = {
    sim,
    dns,
    vault,
    gateway,
    file,
    events,
    clock,
    db: openLedger(file),
    outbox: undefined as unknown as Outbox,
    advance(ms) {
      clock.now += ms;
    },
    reopen(reopenOpts = {}) {
      h.db.close();
      h.db = openLedger(file);
      h.outbox = build(h.db, reopenOpts.gateway ?? gateway);
    },
    async drain(maxPasses = 20) {
      for (let i = 0; i < maxPasses; i += 1) {
        const summary = await h.outbox.runDue();
        const queued = h.outbox.list({ states: ['queued'] });
        if (queued.length === 0) return;
        // Jump to the earliest backoff end; jobs without one are due but wait behind an earlier job.
        const future = queued.flatMap((j) => (j.nextAttemptAt && Date.parse(j.nextAttemptAt) > clock.now ? [Date.parse(j.nextAttemptAt)] : []));
        if (future.length > 0) clock.now = Math.min(...future);
        else if (summary.ran === 0) throw new Error('Queued jobs are stuck behind a job that will not run');
      }
      throw new Error(`Outbox did not drain in ${maxPasses} passes`);
    },
    async close() {
      try {
        h.db.close();
      } catch {
        // already closed by a simulated crash
      }
      await sim.close();
    },
    /** The ledger file and its WAL as text, to prove no token was ever written. */
    ledgerBytes() {
      return [file, `${file}-wal`]
        .filter((f) => fs.existsSync(f))
        .map((f) => fs.readFileSync(f).toString('latin1'))
        .join('\n');
    },
  };
  h.outbox = build(h.db, gateway);
  return h;
}
