import type { Tenant, TenantStatus } from '../../src-preload/api/tenants';
import type { Settings } from '../../src-preload/api/settings';
import type { Db } from '../ledger/open';
import type { PostmarkGateway } from '../postmark/gateway';
import { createServerTokenSource } from '../postmark/outbox/server-tokens';
import type { ServerTokenVault } from '../postmark/outbox/types';
import { rowStates } from '../tenants/row-states';
import type { DmarcCharts } from '../../src-preload/api/dmarc';
import { createHealthService } from './health-service';
import { createStatsFetcher, type StatsFetcher } from './stats-fetch';

/** Tenants the Health page lists: every one set up or being set up (drafts and archived ones have no mail to judge). */
export const HEALTH_STATUSES: TenantStatus[] = ['provisioning', 'awaiting-dns', 'awaiting-confirmation', 'live', 'suspended'];

export interface HealthWiring {
  db: Db;
  settings: { get(): Settings };
  tenants: { list(q: { statuses: TenantStatus[]; limit: number; offset: number }): { total: number; rows: Tenant[] }; get(id: string): Tenant };
  postmark: { serverOf(id: string): { id: number; name: string } | null; gateway: PostmarkGateway };
  vault: ServerTokenVault;
  endpoint: () => string;
  dmarcCharts: (scope: { domain: string; from: string }) => DmarcCharts;
}

/** Builds the fetcher again when the Postmark URL setting changes, so health follows Settings without a restart. */
function lazyFetcher(endpoint: () => string): StatsFetcher {
  let built: { endpoint: string; fetch: StatsFetcher } | undefined;
  return (token, from, to) => {
    const url = endpoint();
    if (built?.endpoint !== url) built = { endpoint: url, fetch: createStatsFetcher({ endpoint: url }) };
    return built.fetch(token, from, to);
  };
}

/** The composition root's one call: the health service over the tenants, Postmark, DNS and DMARC owners. */
export function wireHealth(w: HealthWiring) {
  const tokens = () => createServerTokenSource({ gateway: w.postmark.gateway, vault: w.vault });
  return createHealthService({
    db: w.db,
    settings: w.settings,
    tenants: {
      all() {
        const out: Tenant[] = [];
        for (let offset = 0; ; offset += 500) {
          const page = w.tenants.list({ statuses: HEALTH_STATUSES, limit: 500, offset });
          out.push(...page.rows);
          if (page.rows.length < 500 || out.length >= page.total) return out;
        }
      },
      get: (id) => w.tenants.get(id),
    },
    serverOf: (id) => w.postmark.serverOf(id),
    serverToken: (id, opts) => tokens().tokenFor(id, opts),
    fetchStats: lazyFetcher(w.endpoint),
    dnsStates: (ids) => rowStates(w.db, ids),
    dmarcPassRate(domain, from) {
      try {
        const { dailyVolume } = w.dmarcCharts({ domain, from });
        const messages = dailyVolume.reduce((n, d) => n + d.messages, 0);
        const passing = dailyVolume.reduce((n, d) => n + d.passing, 0);
        return messages === 0 ? null : Math.round((passing / messages) * 1000) / 10;
      } catch {
        return null; // no reports, or a domain the DMARC tables cannot read: shown as "no reports"
      }
    },
  });
}
