import { createDispatch, type Dispatch } from '../../app/dispatch';
import { EventBus } from '../../core/event-bus';
import { createRecoveryDispatch } from '../../app/recovery-dispatch';
import type { BehalfError } from '../../../src-preload/api/errors';
import { createHandlers } from '../../app/handlers';
import type { Services } from '../../app/services';
import { followLedger } from '../../app/follow-ledger';
import { startHost } from '../../host/host-server';
import { rendererDir } from '../../host/renderer-dir';
import { GLOBAL_OPTIONS, parse } from '../args';
import type { Io } from '../output';

/** `behalf serve`: the browser door. Prints a one-time sign-in URL (a new one on request) and runs until interrupted. */
export async function serveCommand(s: Services, argv: string[], io: Io): Promise<number> {
  const onError = (channel: string, err: unknown) => io.err(`[${channel}] ${(err as Error)?.stack ?? String(err)}`);
  const stopWork = startLongLivedWork(s);
  try {
    return await runHost(
      {
        dispatch: createDispatch(createHandlers(s), onError),
        bus: s.bus,
        home: s.home,
        env: s.env,
        idleHours: () => s.settings.get().hostSessionIdleHours,
        downloads: s.downloads,
      },
      argv,
      io,
    );
  } finally {
    await stopWork();
  }
}

/**
 * `behalf serve` when the ledger cannot be opened: the same host, serving the recovery screen (latest good
 * snapshots, Restore). After a restore it builds the services and serves the full console without a restart.
 */
export async function serveRecovery(
  opts: { home: string; env: NodeJS.ProcessEnv; damage: BehalfError; build: () => Services },
  argv: string[],
  io: Io,
): Promise<number> {
  io.err(`behalf: ${opts.damage.message}\n  Serving the recovery screen; restore a snapshot there, or: ${opts.damage.hint ?? ''}`);
  const bus = new EventBus();
  let restored: { s: Services; stop: () => Promise<void> } | undefined;
  const onError = (channel: string, err: unknown) => io.err(`[${channel}] ${(err as Error)?.stack ?? String(err)}`);
  const dispatch = createRecoveryDispatch({
    home: opts.home,
    damage: opts.damage,
    onError,
    whenRestored: () => {
      const s = opts.build();
      s.bus.onAny((name, payload) => bus.emit(name, payload as never));
      restored = { s, stop: startLongLivedWork(s) };
      return createDispatch(createHandlers(s), onError);
    },
  });
  try {
    return await runHost(
      { dispatch, bus, home: opts.home, env: opts.env, idleHours: () => restored?.s.settings.get().hostSessionIdleHours ?? 12, downloads: undefined },
      argv,
      io,
    );
  } finally {
    await restored?.stop();
    restored?.s.close();
  }
}

/** What a long-lived door runs beside its requests: the Postmark runner, the snapshot schedule and the watch. */
function startLongLivedWork(s: Services): () => Promise<void> {
  // Queued Postmark jobs run whenever they come due.
  s.postmark.startRunner();
  // A snapshot now and every Settings → Backups interval (issue #20).
  const schedule = s.backups.schedule();
  // Team mode (issue #19): push this console's changes as they are made, pull the team's the moment they are pushed
  // (from startup in a team, or from a publish/join made in Settings → Team).
  const stopTeam = s.team().runWhileOpen();
  // Commits by other processes (a CLI on this data directory) reach open pages; a `behalf team join` typed in a
  // terminal while this runs starts the runner here too.
  const stopFollowing = followLedger(s, () => void s.team().runWhileOpen());
  // A watch round every Settings → Watch interval, outside the quiet hours (issue #18).
  const watch = s.watchSchedule();
  return async () => {
    await watch.stop();
    stopFollowing();
    await stopTeam?.();
    await schedule.stop();
    await s.postmark.stopRunner();
  };
}

interface HostParts {
  dispatch: Dispatch;
  bus: EventBus;
  home: string;
  env: NodeJS.ProcessEnv | Record<string, string | undefined>;
  idleHours: () => number;
  downloads: Services['downloads'] | undefined;
}

async function runHost(p: HostParts, argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { ...GLOBAL_OPTIONS, port: { type: 'string', default: '0' } });
  const host = await startHost({
    dispatch: p.dispatch,
    bus: p.bus,
    staticDir: rendererDir(),
    // Shared with the services so sheet exports (and any other service) can register files to serve.
    ...(p.downloads ? { downloads: p.downloads } : {}),
    port: Number(values.port),
    secret: p.env.BEHALF_HOST_SECRET || undefined,
    idleMs: () => p.idleHours() * 3600_000,
  });
  if (values.json) io.out(JSON.stringify({ url: host.loginUrl, port: host.port, dataDir: p.home }));
  else {
    io.out(`Behalf console (browser host) for ${p.home}`);
    io.out(`Open: ${host.loginUrl}`);
    io.out('The link works once and signs in one browser tab; keep it private. Press Enter here for a new link. Ctrl+C stops the server.');
  }
  // A new one-time link on request: Enter in an interactive terminal, or SIGUSR1 (`kill -USR1 PID`) from anywhere.
  const printNewLink = () => io.out(values.json ? JSON.stringify({ url: host.newLoginUrl() }) : `Open: ${host.newLoginUrl()}`);
  process.on('SIGUSR1', printNewLink);
  if (process.stdin.isTTY) process.stdin.on('data', printNewLink);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.off('SIGUSR1', printNewLink);
  if (process.stdin.isTTY) process.stdin.off('data', printNewLink).pause();
  await host.close();
  return 0;
}
