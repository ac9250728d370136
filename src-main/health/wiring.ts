import type { Tenant, TenantStatus } from '../../src-preload/api/tenants';
import type { Settings } from '../../src-preload/api/settings';
import type { Db } from '../ledger/open';
import type { PostmarkGateway } from '../postmark/gateway';
import { createServerTokenSource } from '../postmark/outbox/server-tokens';
import type { ServerTokenVault } from '../postmark/outbox/types';
import { rowStates } from '../tenants/row-states';
import { createHealthService } from './health-service';
import { createStatsFetcher, type StatsFetcher } from './stats-fetch';

/** Tenants the Health page lists: every one set up or being set up (drafts and archived ones have no mail to judge). */
export const HEALTH_STATUSES: TenantStatus[] = ['provisioning', 'awaiting-dns', 'awaiting-confirmation', 'live', 'suspended'];

export interface HealthWiring {
  db: Db;
  settings: { get(): Settings };
  tenants: { withStatuses(statuses: readonly TenantStatus[]): Tenant[]; get(id: string): Tenant };
  postmark: { serverOf(id: string): { id: number; name: string } | null; gateway: PostmarkGateway };
  vault: ServerTokenVault;
  endpoint: () => string;
  /** The share of the domain's reported mail passing DMARC since `from` (percent), null without reports. */
  dmarcPassRate: (domain: string, from: string) => number | null;
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
      // One read of every tenant: paging through the list 500 at a time cost a query per page, which at 100,000
      // tenants (answered by SQL while the index builds) made the Health page take minutes (bench P8).
      all: () => w.tenants.withStatuses(HEALTH_STATUSES),
      get: (id) => w.tenants.get(id),
    },
    serverOf: (id) => w.postmark.serverOf(id),
    serverToken: (id, opts) => tokens().tokenFor(id, opts),
    fetchStats: lazyFetcher(w.endpoint),
    dnsStates: (ids) => rowStates(w.db, ids),
    dmarcPassRate(domain, from) {
      try {
        return w.dmarcPassRate(domain, from);
      } catch {
        return null; // a domain the DMARC tables cannot read: shown as "no reports"
      }
    },
  });
}
