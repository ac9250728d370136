import type { Alert, WatchRound } from '../../src-preload/api/alerts';
import type { DmarcSourcesReport } from '../../src-preload/api/dmarc';
import type { DmarcScope } from '../dmarc/report-query-store';
import { toApiError } from '../../src-preload/api/errors';
import type { HealthOverview, HealthRefreshResult } from '../../src-preload/api/health';
import type { Tenant, TenantStatus } from '../../src-preload/api/tenants';
import type { EventBus } from '../core/event-bus';
import type { TenantCheck } from '../dns/dns-service';
import type { Db } from '../ledger/open';
import { AlertStore, type NewAlert } from './alert-store';
import { dkimGone, dmarcTightened, failingSenders, inTrouble, revokedKeySafe } from './facts';

/** Tenants whose DNS the watch rechecks: being verified, or live (drafts have nothing published yet). */
export const WATCHED_STATUSES: TenantStatus[] = ['awaiting-dns', 'awaiting-confirmation', 'live'];

export interface WatchDeps {
  db: Db;
  bus?: EventBus;
  tenants: { list(q: { statuses: TenantStatus[]; limit: number; offset: number }): { total: number; rows: Tenant[] } };
  dns: { checkTenant(id: string): Promise<TenantCheck> };
  health: { refresh(): Promise<HealthRefreshResult>; overview(): HealthOverview };
  dmarcSources?: (scope: DmarcScope & { resolvePtr?: boolean }) => Promise<DmarcSourcesReport>;
  now?: () => Date;
  /** After each tenant's DNS check: the DKIM calendar moves a rotation on (an old key confirmed deleted). */
  afterCheck?: (tenantId: string) => void;
}

/** Days of DMARC reports a round looks at for failing senders. */
const DMARC_DAYS = 30;

/**
 * The watch (issue #18): one round rechecks DNS of watched tenants, refreshes sending health, reads DMARC sources,
 * and raises an alert for each fact not raised before. One failing tenant never stops the round.
 */
export function createWatchService(deps: WatchDeps) {
  const store = new AlertStore(deps.db);
  const now = () => deps.now?.() ?? new Date();
  let running: Promise<WatchRound> | undefined;

  const watched = () => {
    const out: Tenant[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = deps.tenants.list({ statuses: WATCHED_STATUSES, limit: 500, offset });
      out.push(...page.rows);
      if (page.rows.length < 500 || out.length >= page.total) return out;
    }
  };

  async function round(): Promise<WatchRound> {
    const startedAt = now().toISOString();
    const raised: Alert[] = [];
    const failed: WatchRound['failed'] = [];
    const raise = (a: NewAlert) => {
      const alert = store.raise(a, now().toISOString());
      if (alert) raised.push(alert);
    };
    const tenants = watched();
    let checked = 0;
    // One at a time: the resolvers and nsd see one tenant's queries at once, like a manual recheck.
    for (const t of tenants) {
      try {
        const check = await deps.dns.checkTenant(t.id);
        checked += 1;
        [...dkimGone(t, check), ...dmarcTightened(t, check), ...revokedKeySafe(t, check)].forEach(raise);
        deps.afterCheck?.(t.id);
      } catch (err) {
        failed.push({ tenantId: t.id, name: t.name, step: 'dns', message: toApiError(err).message });
      }
      if (deps.dmarcSources) {
        try {
          const from = new Date(now().getTime() - DMARC_DAYS * 86400_000).toISOString().slice(0, 10);
          failingSenders(t, await deps.dmarcSources({ domain: t.domain, from, resolvePtr: false })).forEach(raise);
        } catch {
          // No reports for this domain yet: nothing to say about its senders.
        }
      }
    }
    const refreshed = await deps.health.refresh();
    for (const f of refreshed.failed) failed.push({ tenantId: f.tenantId, name: f.name, step: 'health', message: f.message });
    for (const row of deps.health.overview().rows) {
      const trouble = inTrouble(row);
      if (!trouble) {
        // Judged again and out of trouble: the episode closes, so a later one is a new fact. 'no-data' says nothing.
        if (row.verdict !== 'no-data') store.resolve('health-in-trouble', row.tenantId, startedAt);
        continue;
      }
      if (store.openOf('health-in-trouble', row.tenantId)) continue;
      raise({ ...trouble, factKey: `${trouble.factKey}:${startedAt}` });
    }
    // The titles go with the event so a console can show an OS notification without asking again.
    if (raised.length > 0) deps.bus?.emit('alerts.changed', { reason: 'raised', raised: raised.map((a) => ({ title: a.title, tenantId: a.tenantId })) });
    return { startedAt, checked, failed, raised };
  }

  const changed = (reason: string) => deps.bus?.emit('alerts.changed', { reason });

  return {
    /** One round; a second call while one runs joins it (the schedule and "Run now" never overlap). */
    runOnce(): Promise<WatchRound> {
      running ??= round().finally(() => (running = undefined));
      return running;
    },
    list(opts: { includeAcknowledged: boolean } = { includeAcknowledged: false }) {
      const at = now().toISOString();
      return { alerts: store.list(opts, at), unread: store.unreadCount(at) };
    },
    acknowledge(id: number) {
      const a = store.acknowledge(id, now().toISOString());
      changed('acknowledged');
      return a;
    },
    snooze(id: number, hours: number) {
      const a = store.snooze(id, new Date(now().getTime() + hours * 3600_000).toISOString(), now().toISOString());
      changed('snoozed');
      return a;
    },
  };
}

export type WatchService = ReturnType<typeof createWatchService>;
