import type pg from 'pg';
import { pgModule } from './pg-module';
import { clientConfig } from './connection';
import { CHANGES_CHANNEL, TeamServerStore } from './team-server-store';
import type { TeamStore } from './team-store';
import type { TeamDeps } from './team-types';

export interface SyncResult {
  pushed: number;
  pulled: number;
  skipped: number;
  conflicts: number;
}

const PUSH_BATCH = 200;
const PULL_PAGE = 5000;

/** What syncing needs of the team service: the local store, its hooks, and the connection's settings and status. */
export interface SyncContext {
  store: TeamStore;
  deps: Pick<TeamDeps, 'onApplied' | 'onStatus'>;
  iso: () => string;
  url: () => string | null;
  password: () => string | undefined;
  markOnline: () => void;
  markOffline: () => void;
}

/**
 * One round on an open connection: push what waits (in batches of PUSH_BATCH, each recorded as sent with its
 * conflicts), then pull until caught up, the cursor moving with each applied page.
 */
export async function syncWith(ctx: SyncContext, client: pg.Client): Promise<SyncResult> {
  const { store, deps, iso } = ctx;
  const server = new TeamServerStore(client);
  const consoleId = store.getState<string>('console')!;
  const result: SyncResult = { pushed: 0, pulled: 0, skipped: 0, conflicts: 0 };
  for (;;) {
    const batch = store.waiting(PUSH_BATCH);
    if (batch.length === 0) break;
    const pushed = await server.push(consoleId, batch);
    store.recordPushed(pushed, iso());
    result.pushed += pushed.length;
    result.conflicts += pushed.reduce((n, p) => n + p.conflicts.length, 0);
    if (pushed.some((p) => p.conflicts.length)) {
      deps.onApplied?.({
        tenantIds: pushed.filter((p) => p.change.table === 'tenants').map((p) => JSON.parse(p.change.keyJson ?? '[]')[0]),
        settings: pushed.some((p) => p.change.table === 'settings'),
      });
    }
  }
  for (;;) {
    const cursor = store.getState<number>('cursor') ?? 0;
    const { changes, last } = await server.pull(cursor, consoleId, PULL_PAGE);
    if (last === cursor) break;
    const applied = store.applyPulled(changes, last);
    result.pulled += applied.applied;
    result.skipped += applied.skipped;
    if (changes.length) deps.onApplied?.({ tenantIds: applied.tenantIds, settings: changes.some((c) => c.table === 'settings'), tables: applied.tables });
  }
  ctx.markOnline();
  store.setState('lastSyncAt', iso());
  return result;
}

/** Stops the runner (resolves when its round in flight is over); `nudge`: this console just recorded a change. */
export type TeamRunner = (() => Promise<void>) & { nudge(): void };

/** The runners started in this process (a door's, the CLI's `team watch`): a local write nudges each. */
export function teamRunners(ctx: SyncContext) {
  const running = new Set<TeamRunner>();
  return {
    start(opts: { pollMs?: number } = {}): () => Promise<void> {
      const runner = startTeamRunner(ctx, opts);
      running.add(runner);
      return async () => {
        running.delete(runner);
        await runner();
      };
    },
    nudge(): void {
      for (const runner of running) runner.nudge();
    },
  };
}

/**
 * Long-lived doors: one connection that LISTENs for the team's pushes and pulls at once, pushes this console's
 * changes as they are recorded (at once when nudged after a local write, else on the next poll), and reconnects
 * (backing off to 10 s) when the server goes away.
 */
export function startTeamRunner(ctx: SyncContext, opts: { pollMs?: number } = {}): TeamRunner {
  const { store, deps, url, password, markOffline } = ctx;
  let stopped = false;
  let client: pg.Client | null = null;
  let connecting = false;
  let running: Promise<void> | null = null;
  let again = false;
  let backoff = 500;
  let retryAt = 0; // while offline: the poll, too, reconnects no sooner than the backoff allows
  let nudged = false;
  const drop = (c: pg.Client) => {
    if (client !== c) return;
    client = null;
    markOffline();
    void c.end().catch(() => undefined);
  };
  const sync = (): void => {
    if (!client) return;
    if (running) {
      again = true;
      return;
    }
    const c = client;
    running = (async () => {
      do {
        again = false;
        await syncWith(ctx, c);
      } while (again && !stopped);
    })()
      .catch(() => drop(c))
      .finally(() => {
        running = null;
        deps.onStatus?.();
      });
  };
  const connect = async () => {
    if (connecting || client || stopped || !url()) return;
    connecting = true;
    try {
      const c = new (pgModule().Client)(clientConfig(url()!, password()));
      c.on('error', () => drop(c));
      c.on('end', () => drop(c));
      c.on('notification', (n) => {
        if (n.channel === CHANGES_CHANNEL && n.payload !== store.getState<string>('console')) sync();
      });
      try {
        await c.connect();
        await c.query(`LISTEN ${CHANGES_CHANNEL}`);
      } catch (err) {
        await c.end().catch(() => undefined);
        throw err;
      }
      if (stopped) return void (await c.end().catch(() => undefined));
      client = c;
      backoff = 500;
      sync();
    } catch {
      markOffline();
      retryAt = Date.now() + backoff;
      if (!stopped) setTimeout(() => void connect(), backoff).unref?.();
      backoff = Math.min(backoff * 2, 10_000);
    } finally {
      connecting = false;
    }
  };
  const tick = setInterval(() => {
    if (!client) {
      if (Date.now() >= retryAt) void connect();
      return;
    }
    if (store.waitingCount() > 0) sync();
  }, opts.pollMs ?? 250);
  void connect();
  const stop = async () => {
    stopped = true;
    clearInterval(tick);
    await running;
    const c = client;
    client = null;
    await c?.end().catch(() => undefined);
  };
  // After the turn that wrote (its transaction is committed by then), once for any number of writes in it.
  const nudge = () => {
    if (nudged || stopped) return;
    nudged = true;
    setImmediate(() => {
      nudged = false;
      if (client && store.waitingCount() > 0) sync();
    }).unref?.();
  };
  return Object.assign(stop, { nudge });
}
