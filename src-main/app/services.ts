import { EventBus } from '../core/event-bus';
import { ledgerFile } from './paths';
import { openLedger, schemaVersion, type Db } from '../ledger/open';
import { createTeamService, type TeamService } from '../team/team-service';
import { TeamStore } from '../team/team-store';
import { openLedgerOrExplain } from '../backups/recovery';
import { backupFolder, createBackupService } from '../backups/backup-service';
import type { SecretVault } from '../secrets/vault';
import type { PostmarkState } from '../../src-preload/api/postmark';
import type { ConfirmInMain } from '../core/confirm-in-main';
import { OptionsService } from '../options/options-service';
import { createSwitcher } from '../postmark/switch/switch-apply';
import { DnsService } from '../dns/dns-service';
import { DmarcService } from '../dmarc/dmarc-service';
import { createPostmarkDmarcService } from '../dmarc/postmark-dmarc/service';
import { createMailboxService } from '../dmarc/mailbox/mailbox-service';
import { SettingsService } from '../settings/settings-service';
import { bindTokensToEndpoint } from '../settings/postmark-endpoint';
import { DEFAULT_POSTMARK_ENDPOINT } from '../postmark/endpoint';
import { TenantService } from '../tenants/tenant-service';
import { TaskRegistry } from '../core/tasks';
import { Downloads, type SaveFile } from '../core/downloads';
import { createSheetService } from '../sheets/sheet-service';
import { createSheetSender } from '../sheets/sheet-send';
import { createPostmarkService } from '../postmark/service/postmark-service';
import { createLazyGateway } from '../postmark/service/lazy-gateway';
import { createSendService } from '../sends';
import { createSeedMailboxService } from '../sends/seed-mailbox/seed-mailbox-service';
import { confirmPolicyFromEnv } from '../sends/confirm';
import { createDoctor } from '../doctor/doctor-service';
import { resolverOptions } from '../dns/dns-service';
import { wireHealth } from '../health/wiring';
import { createWatchService, startWatchSchedule } from '../watch';
import { createDkimService } from '../dkim/dkim-service';
import { createRulesService, customerRules } from '../rules';

export type Door = 'electron' | 'browser-host' | 'cli';

export type { ConfirmInMain } from '../core/confirm-in-main';

export interface ServiceOptions {
  home: string;
  door: Door;
  vault: SecretVault;
  version: string;
  env?: Record<string, string | undefined>;
  /** Electron only: the system save dialog + write (the browser host downloads, the CLI writes --out). */
  saveFile?: SaveFile;
  /** Electron only: confirmation for changes the contract alone may not make (the Postmark API URL). */
  confirmInMain?: ConfirmInMain;
}

/**
 * The composition root shared by all three doors: one ledger connection, one event bus, every service.
 * Doors only translate their transport to these calls.
 */
export function createServices(opts: ServiceOptions) {
  const env = opts.env ?? process.env;
  const file = ledgerFile(opts.home);
  // A damaged ledger is never opened for writing: the doors name the latest good snapshot instead (issue #20).
  const db: Db = openLedgerOrExplain(file, backupFolder(opts.home, ''));
  const bus = new EventBus();
  const settings = new SettingsService(db, bus);
  /** BEHALF_POSTMARK_URL wins over the setting, for proxies and the simulator. */
  const postmarkEndpoint = () => env.BEHALF_POSTMARK_URL?.trim() || settings.get().postmarkEndpoint || DEFAULT_POSTMARK_ENDPOINT;
  /** Postmark tokens are handed out only for the URL they were given for (another process may change it). */
  const vault = bindTokensToEndpoint(opts.vault, postmarkEndpoint);
  const tenants = new TenantService({ db, bus });
  const tasks = new TaskRegistry(bus);
  /** Files the browser host serves once at /download/<id> (sheet exports). */
  const downloads = new Downloads();
  // The sheet lists the sender rules a tenant fails (late-bound: rules needs health, built below).
  const sheets = createSheetService({ db, tenants, settings, env, failingSenderRules: (id) => customerRules(rules.tenant(id)) });
  /** Change of mind carried out through the Postmark outbox (late-bound: postmark is built below and calls back). */
  const switcher = createSwitcher({ db, settings, tenants, postmark: () => postmark, hasToken: () => vault.hasAccountToken() });
  const options = new OptionsService({ db, settings, tenants, switcher });
  const dns = new DnsService({ db, env, settings, tenants, tasks });
  /** Postmark is recognised in DMARC sources by the tenant's own DKIM key too, asked of the Postmark service (late-bound). */
  const dmarc = new DmarcService({ db, env, settings, tenants, tasks, postmarkDkim: (id) => postmark.dkimIdentity(id) });
  /** Postmark DMARC monitoring (BEHALF_POSTMARK_DMARC_URL for the simulator); its token lives in the vault. */
  const postmarkDmarc = createPostmarkDmarcService({ db, env, vault, tasks });

  /**
   * Team mode (issue #19 item 5): Postmark jobs and queued test sends are claimed in the team's database first, so
   * each runs once per team. Asked per pass; single-user mode (no team URL in the ledger) gets null and no change.
   */
  const teamState = new TeamStore(db);
  const jobClaims = () => (teamState.getState<string>('url') ? team().jobClaims() : null);

  const postmarkSimulated = () => env.BEHALF_POSTMARK_SIMULATED === '1';
  /** Provisioning + outbox; doors that live long call postmark.startRunner(), the CLI calls runDue(). */
  const postmark = createPostmarkService({
    db,
    vault,
    tenants,
    settings,
    endpoint: postmarkEndpoint,
    simulated: postmarkSimulated,
    claims: jobClaims,
    emit: (name, payload) => bus.emit(name, payload),
    afterFollow: (id, state) => (void switcher.release(id), observeDkim(id, state)),
    // A verify that turns a tenant live is followed by a DNS check, so the DNS tab and the list never keep showing
    // the last (failing) check beside "live". Best effort: a failed check is itself recorded by the next one.
    afterLive: (id) =>
      void dns.checkTenant(id).then(
        () => bus.emit('tenants.changed', { ids: [id], reason: 'dns-checked' }),
        () => undefined,
      ),
  });
  /** Sheets by email go out from the vendor's own Postmark server (Settings), not a tenant's. */
  const sheetSender = createSheetSender({ sheets, tenants, settings, gateway: () => postmark.gateway, vault });
  /** Test sends (#7) through each tenant's own server token; long-lived doors retry queued sends in the background. */
  const sendsGateway = createLazyGateway({ accountToken: () => vault.getAccountToken(), endpoint: postmarkEndpoint });
  /** Snapshots and restore (issue #20); long-lived doors start its schedule. */
  const backups = createBackupService({ db, home: opts.home, ledgerFile: file, settings, bus, log: (line) => console.error(line) });
  /** Seed mailboxes (#24): placement and the receiver's authentication results read back after a send. */
  const seedMailboxes = createSeedMailboxService({ db, env, vault, now: () => new Date() });
  const sends = createSendService({
    db,
    bus,
    settings,
    tenants,
    vault,
    gateway: () => sendsGateway,
    autoRetry: opts.door !== 'cli',
    confirm: confirmPolicyFromEnv(env),
    mailboxes: seedMailboxes,
    claims: jobClaims,
  });

  /** `behalf doctor` / Settings → Check connection: read-only checks of everything above. */
  const doctor = createDoctor({
    db,
    ledgerFile: file,
    home: opts.home,
    endpoint: postmarkEndpoint,
    accountToken: () => vault.getAccountToken(),
    servers: () => postmark.serverLinks().map((s) => ({ ...s, token: vault.getServerToken(s.id) })),
    lastApprovalRefusal: () => sends.approvalRefusal(),
    dmarc: { configured: () => postmarkDmarc.status().configured, record: () => postmarkDmarc.record() },
    dnsServers: () => resolverOptions(env, settings.get()).servers,
  });
  /** Sending health per tenant (#18): Postmark stats with each tenant's server token, cached per day in the ledger. */
  const health = wireHealth({
    db,
    settings,
    tenants,
    postmark,
    vault,
    endpoint: postmarkEndpoint,
    dmarcPassRate: (domain, from) => dmarc.passRate(domain, from),
  });
  /** The DKIM rotation calendar (#18): keys, their age and length, rotations through the outbox to "old key deleted". */
  const dkim = createDkimService({
    db,
    tenants,
    settings,
    postmark,
    dns,
    sendSheet: (input) => sheetSender.send(input),
    runOutbox: async () => void (vault.hasAccountToken() ? await postmark.outbox.runDue() : undefined),
  });
  /** Postmark's answers are when a key is first seen pending or active (best effort: the calendar looks again on list). */
  function observeDkim(tenantId: string, state?: PostmarkState): void {
    try {
      dkim.observe(tenantId, state);
    } catch (err) {
      console.error(`DKIM calendar: could not record the keys of ${tenantId}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  /** The mailbox providers' bulk-sender rules per tenant (#18 part 4), from DNS checks, health and the bulk-mail fact. */
  const rules = createRulesService({ db, settings, tenants, health, onChanged: (id) => bus.emit('tenants.changed', { ids: [id], reason: 'bulk-mail' }) });
  /** The watch (#18): rechecks DNS, refreshes health, reads DMARC sources, raises each new fact once as an alert. */
  const watch = createWatchService({ db, bus, tenants, dns, health, dmarcSources: (scope) => dmarc.sources(scope), afterCheck: (id) => observeDkim(id) });
  /** Long-lived doors start it; every Settings → Watch interval, outside the quiet hours. */
  const watchSchedule = () =>
    startWatchSchedule({
      intervalHours: () => settings.get().watchIntervalHours,
      quiet: () => ({ from: settings.get().watchQuietFrom, to: settings.get().watchQuietTo }),
      run: () => watch.runOnce(),
      onError: (err) => console.error(`Watch round failed: ${err instanceof Error ? err.message : String(err)}`),
    });
  /** The rua mailbox over IMAP (#14); long-lived doors poll it every N minutes (Settings → DMARC mailbox). */
  const dmarcMailbox = createMailboxService({ db, env, vault, tasks });
  const stopMailboxPoll =
    opts.door === 'cli'
      ? () => undefined
      : dmarcMailbox.startPolling((err) => console.warn(`DMARC mailbox poll failed: ${err instanceof Error ? err.message : String(err)}`));

  /**
   * Team mode (issue #19), on its own connection to the ledger: the team's changes it applies are then "another
   * connection's" commits, which the tenant index and settings already notice. Opened on first use.
   */
  let teamService: { team: TeamService; db: Db } | undefined;
  const team = (): TeamService => {
    if (!teamService) {
      const teamDb = openLedger(file);
      teamService = {
        db: teamDb,
        team: createTeamService({
          db: teamDb,
          vault,
          env,
          witness: (teamVersion) => tenants.siblingWitness(teamVersion),
          onApplied: ({ tenantIds, settings: settingsChanged, tables = [] }) => {
            bus.emit('tenants.changed', { ids: tenantIds, reason: 'team' });
            if (settingsChanged) bus.emit('settings.changed', {});
            // Work another console queued may run here (the team's claim decides which console runs it).
            if (tables.includes('postmark_jobs')) postmark.wake();
            if (tables.includes('send_queue')) sends.wake();
          },
          onStatus: () => bus.emit('team.changed', {}),
        }),
      };
    }
    return teamService.team;
  };
  // A write on this console (any event but the team's own news) is pushed at once, not on the runner's next poll.
  bus.onAny((name, payload) => {
    if (!teamService || name === 'team.changed') return;
    const reason = name === 'tenants.changed' ? (payload as { reason?: string }).reason : undefined;
    if (reason !== 'team' && reason !== 'external') teamService.team.nudge();
  });
  // A join cut off by a crash is undone before any door reads the ledger: a console is never half-joined.
  if (teamState.getState('joining')) team().undoInterruptedJoin();

  return {
    ...opts,
    team,
    vault,
    env,
    doctor,
    db,
    bus,
    settings,
    tenants,
    tasks,
    downloads,
    sheets,
    sheetSender,
    options,
    dns,
    dmarc,
    postmarkDmarc,
    dmarcMailbox,
    ledgerFile: file,
    schemaVersion: () => schemaVersion(db),
    postmarkEndpoint,
    postmarkSimulated,
    postmark,
    sends,
    seedMailboxes,
    backups,
    health,
    dkim,
    rules,
    watch,
    watchSchedule,
    close() {
      stopMailboxPoll();
      sends.stop();
      if (teamService) void teamService.team.close();
      teamService?.db.close();
      db.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
