import { createServices, type Services } from '../app/services';
import { resolveHome } from '../app/paths';
import { MemoryVault } from '../secrets/memory-vault';
import { backupCommand, restoreCommand } from './commands/backup';
import { checkCommand } from './commands/check';
import { exportCommand, importLedgerCommand } from './commands/export';
import { dmarcCommand } from './commands/dmarc';
import { doctorCommand } from './commands/doctor';
import { healthCommand } from './commands/health';
import { dkimCommand } from './commands/dkim';
import { rulesCommand } from './commands/rules';
import { alertsCommand, watchCommand } from './commands/watch';
import { outboxCommand, provisionCommand, syncCommand } from './commands/postmark';
import { seedsCommand } from './commands/seeds';
import { sendCommand } from './commands/send';
import { serveCommand, serveRecovery } from './commands/serve';
import { applyLongLivedHeapPolicy } from '../app/heap-policy';
import { isCorruption } from '../backups/recovery';
import type { BehalfError } from '../../src-preload/api/errors';
import { settingsCommand } from './commands/settings';
import { sheetCommand } from './commands/sheet';
import { teamCommand } from './commands/team';
import { tenantsCommand } from './commands/tenants';
import { EXIT, printError, processIo, UsageError, type Io } from './output';

declare const __BEHALF_VERSION__: string | undefined;
const VERSION = typeof __BEHALF_VERSION__ === 'string' ? __BEHALF_VERSION__ : '0.0.0-dev';

const HELP = `Behalf ${VERSION}: operator console for sending through Postmark on behalf of customers.

Usage: behalf <command> [options]     (global: --home DIR or BEHALF_HOME selects the data directory; --json)

  tenants list|add|import   the tenant ledger
  sheet --tenant X --format pdf|html|md|csv|zone [--provider P] [--paper a4|letter] --out FILE
                            a tenant's DNS instruction sheet
  sheet --tenant X --send-to ADDR [--note TEXT]   email it (HTML + PDF) via the vendor's Postmark server
  check --domain D | --tenant X | --all [--dns-server host:port]...
                            DNS records: observed vs expected, cause codes (exit 1 when any is not ok)
  dmarc import|sources|readiness|record
                            DMARC reports (xml/gz/zip/eml), who sends as a domain, p=reject readiness, records
  serve [--port N]          the console in a browser on 127.0.0.1 (prints the sign-in URL)
  provision --tenant X [--run] [--return-path LABEL] [--note TEXT]
                            queue a tenant's Postmark setup (server + domain or sender signature)
  sync                      run queued Postmark jobs, then import the account's objects (reconcile)
  outbox [--tenant X] [--state S]... [--all]
                            Postmark jobs waiting, failed or needing attention
  send --tenant X [--seed ADDR]... [--subject S] [--body-file F] | --retry-queued | --refresh --tenant X
                            a test send to seed inboxes through the tenant's own Postmark server
  seeds list|add|import|export
                            the seed inbox list
  backup [--out FILE]       a verified snapshot of the ledger now (Settings → Backups sets folder, interval, keep)
  restore FILE --yes        replace the ledger with a snapshot (the current one is kept as a snapshot first)
  export --out DIR [--format json|csv]   every table you own, no secrets (docs/backups.md)
  import-ledger DIR         read such an export into an empty ledger
  settings show|set|endpoint
                            settings from a terminal; \`settings endpoint URL --yes\` moves the Postmark API URL
  team init|join|status|sync|watch|conflicts|resolve|operator
                            share this ledger with a team through PostgreSQL (docs/team.md)
  doctor [--json]           read-only checks: Postmark URL and tokens, account approval, DMARC token, DNS,
                            ledger, disk (exit 1 when any fails)
  health [--tenant X] [--refresh] [--json]
                            sending health from Postmark stats, cached per day (exit 1 when any tenant is in trouble)
  rules [--tenant X] [--bulk-mail none|broadcast|transactional|unknown] [--json]
                            Gmail/Yahoo/Outlook bulk-sender rules per tenant (exit 1 when any applicable rule fails)
  watch --once [--json]     one watch round (recheck DNS, refresh health, DMARC sources) and the alerts it raised
  alerts [--all] [--json]   the alerts inbox (--all adds acknowledged ones)
  dkim list|due [--tenant X] [--json]
                            option-1 DKIM keys: age, length, state, rotation (due: exit 1 when any key is due)
  dkim rotate --tenant X... | --all-due [--json]
                            queue DKIM rotations through the outbox and email each customer the new sheet
  dkim progress [--tenant X] [--json]
                            verify new keys with Postmark and check DNS until the old key is deleted
  help                      this text

Postmark: set POSTMARK_ACCOUNT_TOKEN (and BEHALF_POSTMARK_URL for a proxy or the simulator).`;

type Command = (s: Services, argv: string[], io: Io) => Promise<number> | number;
const COMMANDS: Record<string, Command> = {
  tenants: tenantsCommand,
  team: teamCommand,
  serve: serveCommand,
  provision: provisionCommand,
  sync: syncCommand,
  outbox: outboxCommand,
  dmarc: dmarcCommand,
  check: checkCommand,
  sheet: sheetCommand,
  send: sendCommand,
  seeds: seedsCommand,
  settings: settingsCommand,
  doctor: doctorCommand,
  health: healthCommand,
  rules: rulesCommand,
  watch: watchCommand,
  alerts: alertsCommand,
  dkim: dkimCommand,
  backup: backupCommand,
  export: exportCommand,
  'import-ledger': importLedgerCommand,
};
/** Commands that must run when the ledger cannot be opened: they get the data directory, not the services. */
const HOME_COMMANDS: Record<string, (home: string, argv: string[], io: Io) => Promise<number>> = {
  restore: restoreCommand,
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
  if (name === '--version') return (io.out(VERSION), EXIT.ok);
  const homeCommand = HOME_COMMANDS[name];
  if (homeCommand) {
    try {
      return await homeCommand(resolveHome(home, env), args, io);
    } catch (err) {
      return printError(io, err, json);
    }
  }
  const command = COMMANDS[name];
  if (!command) return printError(io, new UsageError(`unknown command "${name}".`), json);
  // The browser door stays open all day, as the desktop app's main process does: the same heap policy.
  if (name === 'serve') applyLongLivedHeapPolicy();
  let services: Services | undefined;
  const build = () =>
    createServices({ home: resolveHome(home, env), door: name === 'serve' ? 'browser-host' : 'cli', vault: new MemoryVault(env), version: VERSION, env });
  try {
    services = build();
    return await command(services, args, io);
  } catch (err) {
    // A damaged ledger: the console serves its recovery screen; every other command exits 3 naming the snapshot.
    if (name === 'serve' && !services && isCorruption(err))
      return await serveRecovery({ home: resolveHome(home, env), env, damage: err as BehalfError, build }, args, io).catch((e) => printError(io, e, json));
    return printError(io, err, json, name);
  } finally {
    services?.close();
  }
}

// Run when executed as the bundle entry (not when imported by tests).
if (process.argv[1] && /cli\.(js|mjs)$/.test(process.argv[1])) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
