import { createServices, type Services } from '../app/services';
import { resolveHome } from '../app/paths';
import { MemoryVault } from '../secrets/memory-vault';
import { serveCommand } from './commands/serve';
import { tenantsCommand } from './commands/tenants';
import { EXIT, printError, processIo, UsageError, type Io } from './output';

declare const __BEHALF_VERSION__: string | undefined;
const VERSION = typeof __BEHALF_VERSION__ === 'string' ? __BEHALF_VERSION__ : '0.0.0-dev';

const HELP = `Behalf ${VERSION}: operator console for sending through Postmark on behalf of customers.

Usage: behalf <command> [options]     (global: --home DIR or BEHALF_HOME selects the data directory; --json)

  tenants list|add|import   the tenant ledger
  serve [--port N]          the console in a browser on 127.0.0.1 (prints the sign-in URL)
  help                      this text

Postmark: set POSTMARK_ACCOUNT_TOKEN (and BEHALF_POSTMARK_URL for a proxy or the simulator).`;

type Command = (s: Services, argv: string[], io: Io) => Promise<number> | number;
const COMMANDS: Record<string, Command> = {
  tenants: tenantsCommand,
  serve: serveCommand,
};

/** Pulls --home out wherever it appears so every command shares it. */
function takeHome(argv: string[]): { home: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let home: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--home') home = argv[++i];
    else if (a.startsWith('--home=')) home = a.slice(7);
    else rest.push(a);
  }
  return { home, rest };
}

export async function runCli(argv: string[], io: Io = processIo, env = process.env): Promise<number> {
  const json = argv.includes('--json');
  const { home, rest } = takeHome(argv);
  const [name, ...args] = rest;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(HELP);
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version') return io.out(VERSION), EXIT.ok;
  const command = COMMANDS[name];
  if (!command) return printError(io, new UsageError(`unknown command "${name}".`), json);
  let services: Services | undefined;
  try {
    services = createServices({ home: resolveHome(home, env), door: name === 'serve' ? 'browser-host' : 'cli', vault: new MemoryVault(env), version: VERSION, env });
    return await command(services, args, io);
  } catch (err) {
    return printError(io, err, json);
  } finally {
    services?.close();
  }
}

// Run when executed as the bundle entry (not when imported by tests).
if (process.argv[1] && /cli\.(js|mjs)$/.test(process.argv[1])) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
