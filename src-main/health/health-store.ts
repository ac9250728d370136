import type { Db } from '../ledger/open';
import { writeTransaction } from '../ledger/write-transaction';
import type { HealthDay, RecentBounce } from '../../src-preload/api/health';
import type { FetchedStats } from './stats-fetch';

interface DayRow {
  tenant_id: string;
  day: string;
  sent: number;
  hard_bounces: number;
  soft_bounces: number;
  transient: number;
  smtp_errors: number;
  complaints: number;
}

interface FetchRow {
  tenant_id: string;
  server_id: number;
  attempted_at: string;
  fetched_at: string | null;
  error_code: string | null;
  error_message: string | null;
  delivery_json: string;
  recent_json: string;
}

export interface StoredFetch {
  serverId: number;
  attemptedAt: string;
  fetchedAt: string | null;
  error: { code: string; message: string } | null;
  bouncesByType: { type: string; name: string; count: number }[];
  inactiveAddresses: number | null;
  recent: RecentBounce[];
}

const toDay = (r: DayRow): HealthDay => ({
  day: r.day,
  sent: r.sent,
  hard: r.hard_bounces,
  soft: r.soft_bounces,
  transient: r.transient,
  bounced: r.hard_bounces + r.soft_bounces + r.transient,
  smtpErrors: r.smtp_errors,
  complaints: r.complaints,
});

function toFetch(r: FetchRow): StoredFetch {
  const delivery = JSON.parse(r.delivery_json) as { bouncesByType?: StoredFetch['bouncesByType']; inactiveAddresses?: number };
  return {
    serverId: r.server_id,
    attemptedAt: r.attempted_at,
    fetchedAt: r.fetched_at,
    error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
    bouncesByType: delivery.bouncesByType ?? [],
    inactiveAddresses: delivery.inactiveAddresses ?? null,
    recent: JSON.parse(r.recent_json) as RecentBounce[],
  };
}

/** health_days and health_fetches: the sending-health cache (migration 016). Owned by the health feature. */
export class HealthStore {
  constructor(private readonly db: Db) {}

  /** One fetch's answer replaces the cached days it covers, in one short transaction. */
  saveFetch(tenantId: string, serverId: number, stats: FetchedStats, at: string): void {
    const upsert = this.db.prepare(`INSERT INTO health_days (tenant_id, day, sent, hard_bounces, soft_bounces, transient, smtp_errors, complaints, fetched_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (tenant_id, day) DO UPDATE SET sent = excluded.sent, hard_bounces = excluded.hard_bounces, soft_bounces = excluded.soft_bounces,
        transient = excluded.transient, smtp_errors = excluded.smtp_errors, complaints = excluded.complaints, fetched_at = excluded.fetched_at`);
    const fetch = this.db
      .prepare(`INSERT INTO health_fetches (tenant_id, server_id, attempted_at, fetched_at, error_code, error_message, delivery_json, recent_json)
      VALUES (@tenantId, @serverId, @at, @at, NULL, NULL, @delivery, @recent)
      ON CONFLICT (tenant_id) DO UPDATE SET server_id = excluded.server_id, attempted_at = excluded.attempted_at, fetched_at = excluded.fetched_at,
        error_code = NULL, error_message = NULL, delivery_json = excluded.delivery_json, recent_json = excluded.recent_json`);
    writeTransaction(this.db, () => {
      for (const d of stats.days) upsert.run(tenantId, d.day, d.sent, d.hard, d.soft, d.transient, d.smtpErrors, d.complaints, at);
      fetch.run({
        tenantId,
        serverId,
        at,
        delivery: JSON.stringify({ bouncesByType: stats.bouncesByType, inactiveAddresses: stats.inactiveAddresses }),
        recent: JSON.stringify(stats.recent),
      });
    });
  }

  /** A failed fetch keeps what was cached and says why the refresh did not work. */
  saveFailure(tenantId: string, serverId: number, error: { code: string; message: string }, at: string): void {
    writeTransaction(this.db, () => {
      this.db
        .prepare(
          `INSERT INTO health_fetches (tenant_id, server_id, attempted_at, error_code, error_message) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (tenant_id) DO UPDATE SET server_id = excluded.server_id, attempted_at = excluded.attempted_at,
          error_code = excluded.error_code, error_message = excluded.error_message`,
        )
        .run(tenantId, serverId, at, error.code, error.message);
    });
  }

  days(tenantId: string, from: string, to: string): HealthDay[] {
    const rows = this.db.prepare('SELECT * FROM health_days WHERE tenant_id = ? AND day BETWEEN ? AND ? ORDER BY day').all(tenantId, from, to) as DayRow[];
    return rows.map(toDay);
  }

  /** Every cached day from `from` on, for many tenants at once (the Health page). */
  daysForMany(ids: readonly string[], from: string, to: string): Map<string, HealthDay[]> {
    const out = new Map<string, HealthDay[]>(ids.map((id) => [id, []]));
    const rows = this.db
      .prepare(`SELECT * FROM health_days WHERE tenant_id IN (SELECT value FROM json_each(?)) AND day BETWEEN ? AND ? ORDER BY tenant_id, day`)
      .all(JSON.stringify(ids), from, to) as DayRow[];
    for (const r of rows) out.get(r.tenant_id)?.push(toDay(r));
    return out;
  }

  fetchOf(tenantId: string): StoredFetch | null {
    const row = this.db.prepare('SELECT * FROM health_fetches WHERE tenant_id = ?').get(tenantId) as FetchRow | undefined;
    return row ? toFetch(row) : null;
  }

  fetchesOf(ids: readonly string[]): Map<string, StoredFetch> {
    const rows = this.db.prepare('SELECT * FROM health_fetches WHERE tenant_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as FetchRow[];
    return new Map(rows.map((r) => [r.tenant_id, toFetch(r)]));
  }
}
