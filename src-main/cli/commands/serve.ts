import { createDispatch } from '../../app/dispatch';
import { createHandlers } from '../../app/handlers';
import type { Services } from '../../app/services';
import { startHost } from '../../host/host-server';
import { rendererDir } from '../../host/renderer-dir';
import { GLOBAL_OPTIONS, parse } from '../args';
import type { Io } from '../output';

/** `behalf serve`: the browser door. Prints a one-time sign-in URL (a new one on request) and runs until interrupted. */
export async function serveCommand(s: Services, argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { ...GLOBAL_OPTIONS, port: { type: 'string', default: '0' } });
  // A long-lived door: queued Postmark jobs run whenever they come due.
  s.postmark.startRunner();
  const host = await startHost({
    dispatch: createDispatch(createHandlers(s), (channel, err) => io.err(`[${channel}] ${(err as Error)?.stack ?? String(err)}`)),
    bus: s.bus,
    staticDir: rendererDir(),
    // Shared with the services so sheet exports (and any other service) can register files to serve.
    downloads: s.downloads,
    port: Number(values.port),
    secret: s.env.BEHALF_HOST_SECRET || undefined,
    idleMs: () => s.settings.get().hostSessionIdleHours * 3600_000,
  });
  if (values.json) io.out(JSON.stringify({ url: host.loginUrl, port: host.port, dataDir: s.home }));
  else {
    io.out(`Behalf console (browser host) for ${s.home}`);
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
  await s.postmark.stopRunner();
  return 0;
}
