import crypto from 'node:crypto';
import type pg from 'pg';
import { BehalfError } from '../../src-preload/api/errors';
import { connectTeam, explainConnectError, parseTeamUrl, TEAM_PASSWORD_ENV, TEAM_PASSWORD_SECRET, type TeamUrl } from './connection';
import { conflictText } from './conflict-text';
import { operatorFor, parseOperator, type Operator } from './operator';
import { migratePg } from './pg-migrate';
import { pgMigrations } from './pg-migrations';
import { SHARED_TABLES } from '../ledger/shared-tables';
import { TeamServerStore } from './team-server-store';
import { JoinCopyStore, type JoinCheckpoint } from './join-copy-store';
import { asTeamError, closeClient, processAlive, stopIfCancelled, untilCancelled, type TeamConnectOptions } from './connect-cancel';
import { syncWith, teamRunners, type SyncContext, type SyncResult } from './team-sync';
import { TeamStore, type StoredConflict } from './team-store';
import type { TeamDeps, TeamStatus } from './team-types';
import type { JobClaims } from '../core/job-claims';
import { createJobClaims } from './job-claims';

/** Rows per transaction while a join copies the team's ledger, and the page cache meanwhile (see join). */
const COPY_TRANSACTION = 25_000;
const COPY_CACHE_KIB = 128 * 1024;

export type { SyncResult } from './team-sync';
export type { TeamDeps, TeamStatus } from './team-types';
export { copiedText, type TeamConnectOptions } from './connect-cancel';

/**
 * Team mode (issue #19): publish this ledger to PostgreSQL or join one, then push this console's changes (recorded
 * by the capture triggers) and pull everyone else's. Reads never wait for the server: every screen reads the local
 * ledger, and a console that cannot reach PostgreSQL keeps working and says since when.
 */
export function createTeamService(deps: TeamDeps) {
  const store: TeamStore = new TeamStore(
    deps.db,
    deps.witness?.(() => store.dataVersion()),
  );
  const copy = new JoinCopyStore(deps.db, store);
  copy.restoreIndexes(); // a join cut off before it made them again (see JoinCopyStore.deferIndexes)
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
  const sync: SyncContext = { store, deps, iso, url, password, markOnline, markOffline };

  const takeOperator = (given?: { name?: string; email?: string }): Operator => operatorFor(given, operator());

  /**
   * Connects for a first publish/join: stores nothing yet, applies the PostgreSQL migrations. The password typed in
   * the console's field wins over one in the string, which wins over the vault's (and BEHALF_TEAM_PASSWORD).
   */
  async function open(parsed: TeamUrl, typed: string | undefined): Promise<{ client: pg.Client; display: string; pass: string | undefined }> {
    const pass = typed || parsed.password || password();
    const client = await connectTeam(parsed.display, pass);
    try {
      await migratePg(client, pgMigrations);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err instanceof BehalfError ? err : explainConnectError(err, parsed.display);
    }
    return { client, display: parsed.display, pass };
  }

  /**
   * What publish and join check before anything touches the network: a console already in a team, a missing
   * operator, a string that is not a PostgreSQL URL, a ledger a join would mix into. Answered at once, so a form
   * shows them inline; the CLI meets the same checks through init/join.
   */
  function precheck(kind: 'init' | 'join', raw: string, given?: { name?: string; email?: string }): { op: Operator; parsed: TeamUrl } {
    undoInterruptedJoin();
    if (url())
      throw new BehalfError(
        'team.already-joined',
        `This console already belongs to the team at ${url()}.`,
        'Use another data directory (--home) for another team.',
      );
    if (connecting)
      throw new BehalfError(
        'team.connect-running',
        `This console is already ${connecting === 'init' ? 'publishing its ledger' : 'joining a team'}.`,
        'Wait for it to finish, or cancel it first.',
      );
    const op = takeOperator(given);
    const parsed = parseTeamUrl(raw);
    if (kind === 'join' && copy.hasSharedData())
      throw new BehalfError(
        'team.join-not-empty',
        "This console already has tenants of its own; joining copies the team's ledger into an empty one.",
        'Join from a new data directory (--home DIR), or export this ledger first and publish it with behalf team init.',
      );
    return { op, parsed };
  }

  /** One publish or join at a time per console (two doors could start one each). */
  let connecting: 'init' | 'join' | null = null;
  async function exclusive<T>(kind: 'init' | 'join', fn: () => Promise<T>): Promise<T> {
    connecting = kind;
    try {
      return await fn();
    } finally {
      connecting = null;
    }
  }

  /**
   * A join cut off by a crash (kill -9, power) left copied rows behind and its checkpoint in team_state: put the
   * ledger back as it was before that join, so the console is never half-joined.
   */
  function undoInterruptedJoin(): void {
    const cp = store.getState<JoinCheckpoint & { pid?: number }>('joining');
    if (!cp || connecting) return;
    if (cp.pid && cp.pid !== process.pid && processAlive(cp.pid))
      // Another process on this data directory (the CLI beside the console) is joining right now.
      throw new BehalfError('team.connect-running', `Another Behalf process (pid ${cp.pid}) is joining a team into this ledger.`, 'Wait for it to finish.');
    copy.rollbackJoin(cp);
    deps.onApplied?.({ tenantIds: [], settings: true });
  }

  const keepPassword = (pass: string | undefined) => {
    if (pass !== undefined) deps.vault.setSecret(TEAM_PASSWORD_SECRET, pass);
  };

  const runners = teamRunners(sync);
  let runnerWanted = false;
  let stopRunner: (() => Promise<void>) | null = null;
  const startWantedRunner = (): void => {
    if (runnerWanted && !stopRunner && url()) stopRunner = service.startRunner();
  };

  /** Job claims on the team's server, opened on first use (team mode only). */
  let claims: JobClaims | null = null;
  const leaseMs = Number(deps.env.BEHALF_TEAM_LEASE_MS) > 0 ? Number(deps.env.BEHALF_TEAM_LEASE_MS) : undefined;

  const service = {
    status,
    /** The at-once checks of publish/join (a door answers them before starting the task); returns the safe URL. */
    checkConnect: (kind: 'init' | 'join', raw: string, given?: { name?: string; email?: string }): string => precheck(kind, raw, given).parsed.display,
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

    /**
     * `behalf team init` / Settings → Team: this ledger becomes the team's ledger of record, copied in one
     * PostgreSQL transaction with progress. Cancelled or failed before the commit: PostgreSQL holds no team.
     */
    async init(raw: string, given?: { name?: string; email?: string }, opts: TeamConnectOptions = {}): Promise<{ rows: number; url: string }> {
      const { op, parsed } = precheck('init', raw, given);
      return exclusive('init', async () => {
        const { client, display, pass } = await untilCancelled('init', opts.signal, open(parsed, opts.password), (c) => void closeClient(c.client));
        try {
          stopIfCancelled('init', opts.signal);
          const server = new TeamServerStore(client);
          const consoleId = crypto.randomUUID();
          const total = copy.sharedRowCount();
          let copied = 0;
          opts.progress?.({ copied, total });
          const batches = async function* () {
            for await (const batch of copy.publishBatches()) {
              stopIfCancelled('init', opts.signal); // thrown inside the transaction: ROLLBACK, no team
              yield batch;
              copied += batch.length;
              opts.progress?.({ copied, total });
            }
            stopIfCancelled('init', opts.signal);
          };
          let rows: number;
          try {
            rows = await untilCancelled(
              'init',
              opts.signal,
              server.publish({ teamId: crypto.randomUUID(), publishedAt: iso(), by: op.name }, batches(), { by: op.name, at: iso() }),
            );
          } catch (err) {
            if ((err as { alreadyPublished?: boolean }).alreadyPublished) {
              throw new BehalfError(
                'team.already-published',
                `${display} already holds a team ledger.`,
                'Join it instead: behalf team join with the same connection string (Settings → Team → Join a team).',
              );
            }
            throw asTeamError(err, display);
          }
          keepPassword(pass);
          store.startCapture({ operator: op, url: display, console: consoleId, cursor: await server.head(), lastSyncAt: iso() });
          deps.onStatus?.();
          startWantedRunner();
          return { rows, url: display };
        } finally {
          await closeClient(client);
        }
      });
    },

    /**
     * `behalf team join` / Settings → Team: copies the team's ledger into this (empty) one, slice by slice (the
     * tenants list fills as they arrive), with progress. Cancelled, failed or cut off by a crash, it is undone:
     * the shared tables are put back as they were (checkpoint below) and the console stays single-user.
     */
    async join(raw: string, given?: { name?: string; email?: string }, opts: TeamConnectOptions = {}): Promise<{ rows: number; url: string }> {
      const { op, parsed } = precheck('join', raw, given);
      return exclusive('join', async () => {
        const { client, display, pass } = await untilCancelled('join', opts.signal, open(parsed, opts.password), (c) => void closeClient(c.client));
        try {
          stopIfCancelled('join', opts.signal);
          const server = new TeamServerStore(client);
          if (!(await untilCancelled('join', opts.signal, server.published())))
            throw new BehalfError(
              'team.not-published',
              `${display} holds no team ledger yet.`,
              'Publish one first from the console whose ledger the team starts with: behalf team init (Settings → Team → Publish this ledger as a team).',
            );
          stopIfCancelled('join', opts.signal);
          const checkpoint = copy.joinCheckpoint();
          store.setState('joining', { ...checkpoint, pid: process.pid }); // a crash from here on is undone by the next start or join
          let copied = 0;
          // Slices are written in transactions of ~COPY_TRANSACTION rows (the first at once, so an open console shows
          // the first tenants within a second or two): every commit rewrites the index pages its rows touched, and a
          // million DMARC rows land all over three indexes. A bigger page cache keeps those pages between slices, and
          // the history tables' secondary indexes are made once at the end (TeamStore.deferIndexes).
          const cache = copy.widenCache(COPY_CACHE_KIB);
          try {
            copy.deferIndexes(SHARED_TABLES.filter((t) => t.mode === 'append').map((t) => t.name));
            let cursor = 0;
            let total = 0;
            let announced = 0;
            let pending: { table: string; rows: { keyJson: string; row: Record<string, unknown> }[] }[] = [];
            let pendingRows = 0;
            const flush = () => {
              store.insertSnapshot(pending);
              copied += pendingRows;
              // Open screens show the tenants as they arrive (at most one refresh a second).
              if (pending.some((p) => p.table === 'tenants') && Date.now() - announced >= 1000) {
                announced = Date.now();
                deps.onApplied?.({ tenantIds: [], settings: false });
              }
              pending = [];
              pendingRows = 0;
              opts.progress?.({ copied, total });
            };
            const parts = server.snapshot(
              SHARED_TABLES.map((t) => t.name),
              2000,
            );
            for (;;) {
              const step = await untilCancelled('join', opts.signal, parts.next());
              if (step.done) break;
              const part = step.value;
              stopIfCancelled('join', opts.signal);
              if ('cursor' in part) {
                ({ cursor, total } = part);
                opts.progress?.({ copied, total });
                continue;
              }
              pending.push(part);
              pendingRows += part.rows.length;
              if (copied === 0 || pendingRows >= COPY_TRANSACTION) flush();
            }
            if (pending.length) flush();
            copy.restoreIndexes();
            stopIfCancelled('join', opts.signal);
            keepPassword(pass);
            store.startCapture({ operator: op, url: display, console: crypto.randomUUID(), cursor, lastSyncAt: iso(), joining: undefined });
          } catch (err) {
            copy.rollbackJoin(checkpoint);
            copy.restoreIndexes();
            deps.onApplied?.({ tenantIds: [], settings: true });
            throw asTeamError(err, display);
          } finally {
            cache.restore();
          }
          // Every shared table may have rows now: a joined outbox job or queued test send wakes this console's runner.
          deps.onApplied?.({ tenantIds: [], settings: true, tables: SHARED_TABLES.map((t) => t.name) });
          deps.onStatus?.();
          startWantedRunner();
          return { rows: copied, url: display };
        } finally {
          await closeClient(client);
        }
      });
    },

    /**
     * Long-lived doors (the browser host, Electron): sync while open — now if this console is in a team, and
     * from the moment a publish or join from the console makes it one. Also undoes a join a crash cut off.
     */
    /** Undoes a join a crash cut off (see undoInterruptedJoin); left alone while another process is joining. */
    undoInterruptedJoin(): void {
      try {
        undoInterruptedJoin();
      } catch {
        // Another process is joining into this ledger right now: its own end (or the next start) settles it.
      }
    },

    runWhileOpen(): () => Promise<void> {
      runnerWanted = true;
      try {
        undoInterruptedJoin();
      } catch {
        // Another process is joining into this ledger right now: its own end (or the next start) settles it.
      }
      startWantedRunner();
      return async () => {
        runnerWanted = false;
        const stop = stopRunner;
        stopRunner = null;
        await stop?.();
      };
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
        return await syncWith(sync, client);
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

    /** Long-lived doors: LISTEN, push and pull, reconnect (team-sync.ts); `nudge` after a local write pushes it now. */
    startRunner: runners.start,
    nudge: runners.nudge,
  };
  return service;
}

export type TeamService = ReturnType<typeof createTeamService>;
