import {
  HEALTH_VERDICTS,
  type HealthOverview,
  type HealthRefreshResult,
  type HealthRow,
  type HealthThresholds,
  type HealthVerdict,
  type TenantHealth,
} from '../../src-preload/api/health';
import { toApiError } from '../../src-preload/api/errors';
import type { Tenant } from '../../src-preload/api/tenants';
import type { Settings } from '../../src-preload/api/settings';
import type { Db } from '../ledger/open';
import { mapLimit } from '../postmark/service/map-limit';
import { HealthStore, type StoredFetch } from './health-store';
import { addDays, dayRange, easternToday } from './days';
import type { StatsFetcher } from './stats-fetch';
import { judgeHealth, VERDICT_RANK } from './verdict';
import { TopRows } from '../core/top-rows';

/** Tenants read together for the overview (their days, fetches and DNS states in one query each). */
const OVERVIEW_SLICE = 2_000;

export interface HealthServiceDeps {
  db: Db;
  settings: { get(): Settings };
  /** Every tenant the Health page considers (not draft, not archived), and one by id. */
  tenants: { all(): Tenant[]; get(id: string): Tenant };
  serverOf(tenantId: string): { id: number; name: string } | null;
  /** The server's token from the vault (or re-read from Postmark); `refresh` after a 401. Never leaves main. */
  serverToken(serverId: number, opts?: { refresh?: boolean }): Promise<string>;
  fetchStats: StatsFetcher;
  dnsStates(ids: readonly string[]): Record<string, { lastCheck: { status: 'ok' | 'warning' | 'failing' | 'error' } | null }>;
  dmarcPassRate(domain: string, from: string): number | null;
  now?: () => Date;
}

export interface RefreshContext {
  signal?: AbortSignal;
  progress?: (done: number, total: number, message?: string) => void;
}

/** Days kept and shown: the chart's 30 and the 7-day window inside them. */
const WINDOW_DAYS = 30;

export function thresholdsFrom(s: Settings): HealthThresholds {
  return {
    bounceRateMax: s.healthBounceRateMax,
    complaintRateMax: s.healthComplaintRateMax,
    complaintRateAim: s.healthComplaintRateAim,
    quietDays: s.healthQuietDays,
    minVolume: s.healthMinVolume,
  };
}

/**
 * Sending health (issue #18): reads each tenant's Stats and Bounce API numbers with its server token, caches them per
 * day, and judges them. Every read works from the cache, so the page works offline and says how old it is.
 */
export function createHealthService(deps: HealthServiceDeps) {
  const store = new HealthStore(deps.db);
  const now = () => deps.now?.() ?? new Date();
  const window = () => {
    const to = easternToday(now().getTime());
    return { from: addDays(to, -(WINDOW_DAYS - 1)), to };
  };

  /** Missing days are zeros: a day Postmark reported nothing for had no mail. */
  const fill = (cached: ReturnType<HealthStore['days']>, from: string, to: string, range = dayRange(from, to)) => {
    const byDay = new Map(cached.map((d) => [d.day, d]));
    return range.map((day) => byDay.get(day) ?? { day, sent: 0, bounced: 0, hard: 0, soft: 0, transient: 0, smtpErrors: 0, complaints: 0 });
  };

  /** One collator for the whole sort (localeCompare builds one per call: seconds at 100,000 rows). */
  const byName = new Intl.Collator();

  /** The 30-day window and its days, worked out once per page rather than once per tenant. */
  const period = () => {
    const { from, to } = window();
    return { from, to, range: dayRange(from, to) };
  };

  function rowFor(
    t: Tenant,
    days: ReturnType<HealthStore['days']>,
    fetch: StoredFetch | null,
    dns: HealthRow['dns'],
    thresholds: HealthThresholds,
    { from, to, range } = period(),
  ): HealthRow {
    const server = deps.serverOf(t.id);
    const judged = judgeHealth({
      days: fill(days, from, to, range),
      status: t.status,
      hasServer: server !== null,
      fetched: Boolean(fetch?.fetchedAt),
      thresholds,
    });
    return {
      tenantId: t.id,
      name: t.name,
      domain: t.domain,
      status: t.status,
      option: t.option,
      serverName: server?.name ?? null,
      ...judged,
      dns,
      dmarcPassRate: deps.dmarcPassRate(t.domain, from),
      fetch: { fetchedAt: fetch?.fetchedAt ?? null, error: fetch?.error ?? null },
    };
  }

  async function refreshOne(t: Tenant): Promise<'refreshed' | 'skipped'> {
    const server = deps.serverOf(t.id);
    if (!server) return 'skipped';
    const { from, to } = window();
    const at = now().toISOString();
    try {
      let token = await deps.serverToken(server.id);
      let stats;
      try {
        stats = await deps.fetchStats(token, from, to);
      } catch (err) {
        // A server token rotated in Postmark: read the current one once, then try again.
        if (toApiError(err).code !== 'postmark.unauthorized') throw err;
        token = await deps.serverToken(server.id, { refresh: true });
        stats = await deps.fetchStats(token, from, to);
      }
      store.saveFetch(t.id, server.id, stats, at);
      return 'refreshed';
    } catch (err) {
      const e = toApiError(err);
      store.saveFailure(t.id, server.id, { code: e.code, message: e.message }, at);
      throw err;
    }
  }

  return {
    thresholds: () => thresholdsFrom(deps.settings.get()),

    /**
     * Every tenant's row, worst first, with how many there are of each verdict. `verdict` keeps one kind and `limit`
     * the worst N of them (the page asks for a few hundred: at 100,000 tenants the whole list is tens of MB).
     */
    overview(opts: { verdict?: HealthVerdict | 'all'; limit?: number } = {}): HealthOverview {
      const thresholds = thresholdsFrom(deps.settings.get());
      const tenants = deps.tenants.all();
      const p = period();
      const counts = Object.fromEntries(HEALTH_VERDICTS.map((v) => [v, 0])) as Record<HealthVerdict, number>;
      const top = new TopRows<HealthRow>(
        (a, b) =>
          VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] ||
          (b.last7.complaintRate ?? -1) - (a.last7.complaintRate ?? -1) ||
          (b.last7.bounceRate ?? -1) - (a.last7.bounceRate ?? -1) ||
          byName.compare(a.name, b.name),
        opts.limit,
      );
      let oldestFetchAt: string | null = null;
      // A slice of tenants at a time, keeping only the worst `limit`: at 100,000 tenants the whole list of rows
      // took the host past 500 MB (bench P8).
      for (let i = 0; i < tenants.length; i += OVERVIEW_SLICE) {
        const slice = tenants.slice(i, i + OVERVIEW_SLICE);
        const ids = slice.map((t) => t.id);
        const days = store.daysForMany(ids, p.from, p.to);
        const fetches = store.fetchesOf(ids);
        const dns = deps.dnsStates(ids);
        for (const t of slice) {
          const r = rowFor(t, days.get(t.id) ?? [], fetches.get(t.id) ?? null, dns[t.id]?.lastCheck?.status ?? null, thresholds, p);
          counts[r.verdict] += 1;
          if (r.fetch.fetchedAt !== null && (oldestFetchAt === null || r.fetch.fetchedAt < oldestFetchAt)) oldestFetchAt = r.fetch.fetchedAt;
          if (!opts.verdict || opts.verdict === 'all' || r.verdict === opts.verdict) top.add(r);
        }
      }
      return { rows: top.rows(), total: top.count, counts, thresholds, oldestFetchAt };
    },

    tenant(id: string): TenantHealth {
      const t = deps.tenants.get(id);
      const thresholds = thresholdsFrom(deps.settings.get());
      const { from, to } = window();
      const fetch = store.fetchOf(id);
      const row = rowFor(t, store.days(id, from, to), fetch, deps.dnsStates([id])[id]?.lastCheck?.status ?? null, thresholds);
      return {
        ...row,
        days: fill(store.days(id, from, to), from, to),
        thresholds,
        bouncesByType: fetch?.bouncesByType ?? [],
        inactiveAddresses: fetch?.inactiveAddresses ?? null,
        recent: fetch?.recent ?? [],
      };
    },

    /**
     * Refreshes one tenant (its error is thrown) or every tenant with a server (errors listed, the rest go on).
     * `ctx` reports "done of total" after each tenant and stops starting new ones once its signal aborts (the
     * tenants already done keep their new numbers; the result counts only them).
     */
    async refresh(id?: string, ctx: RefreshContext = {}): Promise<HealthRefreshResult> {
      if (id !== undefined) {
        const outcome = await refreshOne(deps.tenants.get(id));
        return { refreshed: outcome === 'refreshed' ? 1 : 0, skipped: outcome === 'skipped' ? 1 : 0, failed: [] };
      }
      const result: HealthRefreshResult = { refreshed: 0, skipped: 0, failed: [] };
      const all = deps.tenants.all();
      let done = 0;
      ctx.progress?.(0, all.length);
      await mapLimit(all, 3, async (t) => {
        if (ctx.signal?.aborted) return;
        try {
          result[await refreshOne(t)] += 1;
        } catch (err) {
          const e = toApiError(err);
          result.failed.push({ tenantId: t.id, name: t.name, code: e.code, message: e.message });
        }
        done += 1;
        ctx.progress?.(done, all.length, t.name);
      });
      return result;
    },
  };
}

export type HealthService = ReturnType<typeof createHealthService>;
