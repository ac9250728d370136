import { EventBus } from './event-bus';
import { ledgerFile } from './paths';
import { openLedger, schemaVersion, type Db } from '../ledger/open';
import type { SecretVault } from '../secrets/vault';
import { SettingsService } from '../settings/settings-service';
import { TenantService } from '../tenants/tenant-service';
import { TaskRegistry } from './tasks';

export type Door = 'electron' | 'browser-host' | 'cli';

export interface ServiceOptions {
  home: string;
  door: Door;
  vault: SecretVault;
  version: string;
  env?: Record<string, string | undefined>;
}

/**
 * The composition root shared by all three doors: one ledger connection, one event bus, every service.
 * Doors only translate their transport to these calls.
 */
export function createServices(opts: ServiceOptions) {
  const env = opts.env ?? process.env;
  const file = ledgerFile(opts.home);
  const db: Db = openLedger(file);
  const bus = new EventBus();
  const settings = new SettingsService(db, bus);
  const tenants = new TenantService({ db, bus });
  const tasks = new TaskRegistry(bus);

  /** BEHALF_POSTMARK_URL wins over the setting, for proxies and the simulator. */
  const postmarkEndpoint = () => env.BEHALF_POSTMARK_URL?.trim() || settings.get().postmarkEndpoint || 'https://api.postmarkapp.com';

  return {
    ...opts,
    env,
    db,
    bus,
    settings,
    tenants,
    tasks,
    ledgerFile: file,
    schemaVersion: () => schemaVersion(db),
    postmarkEndpoint,
    postmarkSimulated: () => env.BEHALF_POSTMARK_SIMULATED === '1',
    close() {
      db.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
