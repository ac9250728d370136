import crypto from 'node:crypto';
import pg from 'pg';
import { BehalfError } from '../../src-preload/api/errors';
import type { Db } from '../ledger/open';
import { clientConfig, connectTeam, explainConnectError, parseTeamUrl, TEAM_PASSWORD_ENV, TEAM_PASSWORD_SECRET } from './connection';
import { conflictText } from './conflict-text';
import { parseOperator, type Operator } from './operator';
import { migratePg } from './pg-migrate';
import { pgMigrations } from './pg-migrations';
import { SHARED_TABLES } from '../ledger/shared-tables';
import { CHANGES_CHANNEL, TeamServerStore } from './team-server-store';
import { TeamStore, type StoredConflict } from './team-store';
import type { JobClaims } from '../core/job-claims';
import { createJobClaims } from './job-claims';

export interface TeamDeps {
  /** The team's own connection to the ledger: changes it applies count as "another connection" for the services. */
  db: Db;
  vault: { getSecret(name: string): string | undefined; setSecret(name: string, value: string): void; forgetSecret(name: string): void };
  env: Record<string, string | undefined>;
  /**
   * Told which tenants (and whether settings) changed when the team's changes were applied, and which shared tables
   * (a pulled outbox job or queued test send wakes this console's runner: any console may run it, the claim decides).
   */
  onApplied?: (change: { tenantIds: string[]; settings: boolean; tables?: string[] }) => void;
  /** Told whenever the status line may have changed. */
  onStatus?: () => void;
  now?: () => Date;
}

export interface TeamStatus {
  mode: 'single' | 'team';
  url: string | null;
  consoleId: string | null;
  operator: Operator | null;
  waiting: number;
  conflicts: number;
  offlineSince: string | null;
  lastSyncAt: string | null;
  cursor: number;
}

export interface SyncResult {
  pushed: number;
  pulled: number;
  skipped: number;
  conflicts: number;
}

/** Rows per transaction while a join copies the team's ledger, and the page cache meanwhile (see join). */
const COPY_TRANSACTION = 25_000;
const COPY_CACHE_KIB = 128 * 1024;
const PUSH_BATCH = 200;
const PULL_PAGE = 5000;

/**
 * Team mode (issue #19): publish this ledger to PostgreSQL or join one, then push this console's changes (recorded
 * by the capture triggers) and pull everyone else's. Reads never wait for the server: every screen reads the local
 * ledger, and a console that cannot reach PostgreSQL keeps working and says since when.
 */
export function createTeamService(deps: TeamDeps) {
  const store = new TeamStore(deps.db);
  store.restoreIndexes(); // a join cut off before it made them again (see TeamStore.deferIndexes)
  const now = () => (deps.now ?? (() => new Date()))();
  const iso = () => now().toISOString();
  const operator = () => store.getState<Operator>('operator') ?? null;
  const url = () => store.getState<string>('url') ?? null;
  const password = () => deps.vault.getSecret(TEAM_PASSWORD_SECRET) ?? (deps.env[TEAM_PASSWORD_ENV] || undefined);

  const status = (): TeamStatus => ({
    mode: url() ? 'team' : 'single',
    url: url(),
    consoleId: store.getState<string>('console') ?? null,
    operator: operator(),
    waiting: store.waitingCount(),
    conflicts: store.openConflictCount(),
    offlineSince: store.getState<string>('offlineSince') ?? null,
    lastSyncAt: store.getState<string>('lastSyncAt') ?? null,
    cursor: store.getState<number>('cursor') ?? 0,
  });

  const requireTeam = (): string => {
    const u = url();
    if (!u)
      throw new BehalfError(
        'team.not-joined',
        'This console is not part of a team.',
        "Run behalf team join postgres://… (or team init to publish this ledger as the team's).",
      );
    return u;
  };

  const markOffline = () => {
    if (!store.getState('offlineSince')) store.setState('offlineSince', iso());
    deps.onStatus?.();
  };
  const markOnline = () => {
    if (store.getState('offlineSince')) store.setState('offlineSince', undefined);
  };

  /** The operator given now, or the one set before; team mode refuses to start without one. */
  const takeOperator = (given?: { name?: string; email?: string }): Operator => {
    if (given?.name || given?.email) return parseOperator(given.name, given.email);
    const known = operator();
    if (!known)
      throw new BehalfError(
        'team.operator',
        'Team mode needs your name and e-mail: every change and audit row names who made it.',
        'Add --name "Jane Doe" --email jane@vendor.example.',
      );
    return known;
  };

  /** Connects for a first publish/join: parses, stores the password in the vault, applies the PostgreSQL migrations. */
  async function open(raw: string): Promise<{ client: pg.Client; display: string; pass: string | undefined }> {
    const parsed = parseTeamUrl(raw);
    const pass = parsed.password ?? password();
    const client = await connectTeam(parsed.display, pass);
    try {
      await migratePg(client, pgMigrations);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err instanceof BehalfError ? err : explainConnectError(err, parsed.display);
    }
    return { client, display: parsed.display, pass };
  }

  const keepPassword = (pass: string | undefined) => {
    if (pass !== undefined) deps.vault.setSecret(TEAM_PASSWORD_SECRET, pass);
  };

  async function* localBatches(): AsyncGenerator<{ table: string; keyJson: string; row: Record<string, unknown> }[]> {
    for (const table of SHARED_TABLES) {
      for (let after: unknown[] | null = null; ;) {
        const page = store.sharedRows(table, after, 1000);
        if (page.rows.length === 0) break;
        yield page.rows.map((r) => ({ table: table.name, keyJson: r.keyJson, row: r.row }));
        after = page.last;
      }
    }
  }

  /** Job claims on the team's server, opened on first use (team mode only). */
  let claims: JobClaims | null = null;
  const leaseMs = Number(deps.env.BEHALF_TEAM_LEASE_MS) > 0 ? Number(deps.env.BEHALF_TEAM_LEASE_MS) : undefined;

  return {
    status,
    /** The team connection's data_version (see app/follow-ledger.ts: telling other processes' commits from ours). */
    ledgerVersion: () => store.dataVersion(),
    /** Team mode: the gate the outbox and the test-send runner pass before calling Postmark. null: single-user. */
    jobClaims(): JobClaims | null {
      const u = url();
      const consoleId = store.getState<string>('console');
      if (!u || !consoleId) return null;
      claims ??= createJobClaims({ url: u, password: password(), consoleId, ...(leaseMs ? { leaseMs } : {}) });
      return claims;
    },
    async close(): Promise<void> {
      await claims?.close();
      claims = null;
    },
    conflicts: (includeResolved = false) => store.conflicts(includeResolved).map((c) => ({ ...c, text: conflictText(c) })),

    setOperator(name: string | undefined, email: string | undefined): Operator {
      const op = parseOperator(name, email);
      store.setState('operator', op);
      deps.onStatus?.();
      return op;
    },

    /** `behalf team init`: this ledger becomes the team's ledger of record. */
    async init(raw: string, given?: { name?: string; email?: string }): Promise<{ rows: number; url: string }> {
      if (url())
        throw new BehalfError(
          'team.already-joined',
          `This console already belongs to the team at ${url()}.`,
          'Use another data directory (--home) for another team.',
        );
      const op = takeOperator(given);
      const { client, display, pass } = await open(raw);
      try {
        const server = new TeamServerStore(client);
        const consoleId = crypto.randomUUID();
        let rows: number;
        try {
          rows = await server.publish({ teamId: crypto.randomUUID(), publishedAt: iso(), by: op.name }, localBatches(), { by: op.name, at: iso() });
        } catch (err) {
          if ((err as { alreadyPublished?: boolean }).alreadyPublished) {
            throw new BehalfError(
              'team.already-published',
              `${display} already holds a team ledger.`,
              'Join it instead: behalf team join with the same connection string.',
            );
          }
          throw err;
        }
        keepPassword(pass);
        store.startCapture({ operator: op, url: display, console: consoleId, cursor: await server.head(), lastSyncAt: iso() });
        deps.onStatus?.();
        return { rows, url: display };
      } finally {
        await client.end().catch(() => undefined);
      }
    },

    /** `behalf team join` / Settings → Team: copies the team's ledger into this (empty) one, with progress. */
    async join(
      raw: string,
      given?: { name?: string; email?: string },
      progress?: (p: { copied: number; total: number }) => void,
    ): Promise<{ rows: number; url: string }> {
      if (url())
        throw new BehalfError(
          'team.already-joined',
          `This console already belongs to the team at ${url()}.`,
          'Use another data directory (--home) for another team.',
        );
      const op = takeOperator(given);
      if (store.hasSharedData())
        throw new BehalfError(
          'team.join-not-empty',
          "This console already has tenants of its own; joining copies the team's ledger into an empty one.",
          'Join from a new data directory (--home DIR), or export this ledger first and publish it with behalf team init.',
        );
      const { client, display, pass } = await open(raw);
      try {
        const server = new TeamServerStore(client);
        if (!(await server.published()))
          throw new BehalfError(
            'team.not-published',
            `${display} holds no team ledger yet.`,
            'Publish one first from the console whose ledger the team starts with: behalf team init.',
          );
        let cursor = 0;
        let total = 0;
        let copied = 0;
        // Slices are written in transactions of ~COPY_TRANSACTION rows (the first at once, so an open console shows
        // the first tenants within a second or two): every commit rewrites the index pages its rows touched, and a
        // million DMARC rows land all over three indexes. A bigger page cache keeps those pages between slices.
        let pending: { table: string; rows: { keyJson: string; row: Record<string, unknown> }[] }[] = [];
        let pendingRows = 0;
        const flush = () => {
          store.insertSnapshot(pending);
          copied += pendingRows;
          pending = [];
          pendingRows = 0;
          progress?.({ copied, total });
        };
        const cache = store.widenCache(COPY_CACHE_KIB);
        store.deferIndexes(SHARED_TABLES.filter((t) => t.mode === 'append').map((t) => t.name));
        try {
          for await (const part of server.snapshot(
            SHARED_TABLES.map((t) => t.name),
            2000,
          )) {
            if ('cursor' in part) {
              ({ cursor, total } = part);
              progress?.({ copied, total });
              continue;
            }
            pending.push(part);
            pendingRows += part.rows.length;
            if (copied === 0 || pendingRows >= COPY_TRANSACTION) flush();
          }
          if (pending.length) flush();
        } finally {
          store.restoreIndexes();
          cache.restore();
        }
        keepPassword(pass);
        store.startCapture({ operator: op, url: display, console: crypto.randomUUID(), cursor, lastSyncAt: iso() });
        deps.onApplied?.({ tenantIds: [], settings: true, tables: SHARED_TABLES.map((t) => t.name) });
        deps.onStatus?.();
        return { rows: copied, url: display };
      } finally {
        await client.end().catch(() => undefined);
      }
    },

    /** One round: push what waits, then pull until caught up. Offline: nothing lost, the status says since when. */
    async syncOnce(): Promise<SyncResult> {
      const display = requireTeam();
      let client: pg.Client;
      try {
        client = await connectTeam(display, password());
      } catch (err) {
        markOffline();
        throw err;
      }
      try {
        return await syncWith(client);
      } catch (err) {
        markOffline();
        throw err instanceof BehalfError ? err : explainConnectError(err, display);
      } finally {
        await client.end().catch(() => undefined);
      }
    },

    resolve(id: number, resolution: 'keep-theirs' | 'apply-mine'): StoredConflict & { text: string } {
      const c = store.conflicts(true).find((x) => x.id === id);
      if (!c) throw new BehalfError('team.no-conflict', `There is no conflict #${id}.`, 'List them with behalf team conflicts.');
      if (c.resolvedAt) throw new BehalfError('team.conflict-resolved', `Conflict #${id} was already resolved (${c.resolution}).`);
      const done = store.resolve(id, resolution, operator() ?? undefined, iso());
      deps.onApplied?.({ tenantIds: c.table === 'tenants' ? [JSON.parse(c.keyJson)[0]] : [], settings: c.table === 'settings' });
      deps.onStatus?.();
      return { ...done, text: conflictText(done) };
    },

    /**
     * Long-lived doors: one connection that LISTENs for the team's pushes and pulls at once, pushes this console's
     * changes as they are recorded, and reconnects (backing off to 10 s) when the server goes away.
     */
    startRunner(opts: { pollMs?: number } = {}): () => Promise<void> {
      let stopped = false;
      let client: pg.Client | null = null;
      let connecting = false;
      let running: Promise<void> | null = null;
      let again = false;
      let backoff = 500;
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
            await syncWith(c);
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
          const c = new pg.Client(clientConfig(url()!, password()));
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
          backoff = Math.min(backoff * 2, 10_000);
          if (!stopped) setTimeout(() => void connect(), backoff).unref?.();
        } finally {
          connecting = false;
        }
      };
      const tick = setInterval(() => {
        if (!client) return void connect();
        if (store.waitingCount() > 0) sync();
      }, opts.pollMs ?? 250);
      void connect();
      return async () => {
        stopped = true;
        clearInterval(tick);
        await running;
        const c = client;
        client = null;
        await c?.end().catch(() => undefined);
      };
    },
  };

  async function syncWith(client: pg.Client): Promise<SyncResult> {
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
    markOnline();
    store.setState('lastSyncAt', iso());
    return result;
  }
}

export type TeamService = ReturnType<typeof createTeamService>;
