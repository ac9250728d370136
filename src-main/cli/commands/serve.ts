import { createDispatch } from '../../app/dispatch';
import { createHandlers } from '../../app/handlers';
import type { Services } from '../../app/services';
import { startHost } from '../../host/host-server';
import { rendererDir } from '../../host/renderer-dir';
import { GLOBAL_OPTIONS, parse } from '../args';
import type { Io } from '../output';

/** `behalf serve`: the browser door. Prints the one-time sign-in URL and runs until interrupted. */
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
  });
  if (values.json) io.out(JSON.stringify({ url: host.loginUrl, port: host.port, dataDir: s.home }));
  else {
    io.out(`Behalf console (browser host) for ${s.home}`);
    io.out(`Open: ${host.loginUrl}`);
    io.out('The link signs in this browser once; keep it private. Ctrl+C stops the server.');
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await s.postmark.stopRunner();
  return 0;
}
