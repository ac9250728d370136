import type { Alert, AlertKind } from '../../src-preload/api/alerts';
import { BehalfError } from '../../src-preload/api/errors';
import type { Db } from '../ledger/open';
import { ownedTables } from '../ledger/table-rows-repo';
import { writeTransaction } from '../ledger/write-transaction';

interface AlertRow {
  id: number;
  fact_key: string;
  kind: AlertKind;
  tenant_id: string | null;
  tenant_name: string | null;
  title: string;
  detail: string;
  raised_at: string;
  acknowledged_at: string | null;
  snoozed_until: string | null;
  resolved_at: string | null;
}

export interface NewAlert {
  factKey: string;
  kind: AlertKind;
  tenantId: string | null;
  title: string;
  detail: string;
}

const SELECT = `SELECT a.*, t.name AS tenant_name FROM alerts a LEFT JOIN tenants t ON t.id = a.tenant_id`;

const toAlert = (r: AlertRow, now: string): Alert => ({
  id: r.id,
  factKey: r.fact_key,
  kind: r.kind,
  tenantId: r.tenant_id,
  tenantName: r.tenant_name,
  title: r.title,
  detail: r.detail,
  raisedAt: r.raised_at,
  acknowledgedAt: r.acknowledged_at,
  snoozedUntil: r.snoozed_until,
  resolvedAt: r.resolved_at,
  unread: r.acknowledged_at === null && (r.snoozed_until === null || r.snoozed_until <= now),
});

/** The alerts table (migration 019); owned by the watch. The unique fact key is what keeps a fact from being raised twice. */
export class AlertStore {
  constructor(private readonly db: Db) {}

  /** Raises the alert unless its fact was raised before (at any time, acknowledged or not); returns it only when new. */
  raise(a: NewAlert, at: string): Alert | null {
    return writeTransaction(this.db, () => {
      const info = this.db
        .prepare('INSERT OR IGNORE INTO alerts (fact_key, kind, tenant_id, title, detail, raised_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(a.factKey, a.kind, a.tenantId, a.title, a.detail, at);
      return info.changes === 0 ? null : this.get(Number(info.lastInsertRowid), at);
    });
  }

  /** The open (unresolved) alert of a kind for a tenant, for facts that last an episode (a tenant in trouble). */
  openOf(kind: AlertKind, tenantId: string): Alert | null {
    const row = this.db.prepare(`${SELECT} WHERE a.kind = ? AND a.tenant_id = ? AND a.resolved_at IS NULL ORDER BY a.id DESC LIMIT 1`).get(kind, tenantId) as
      AlertRow | undefined;
    return row ? toAlert(row, '') : null;
  }

  /** Closes a tenant's episode of a kind (back out of trouble): the next one is a new fact. */
  resolve(kind: AlertKind, tenantId: string, at: string): void {
    writeTransaction(this.db, () => {
      this.db.prepare('UPDATE alerts SET resolved_at = ? WHERE kind = ? AND tenant_id = ? AND resolved_at IS NULL').run(at, kind, tenantId);
    });
  }

  list(opts: { includeAcknowledged: boolean }, now: string): Alert[] {
    const where = opts.includeAcknowledged ? '' : 'WHERE a.acknowledged_at IS NULL';
    return (this.db.prepare(`${SELECT} ${where} ORDER BY a.raised_at DESC, a.id DESC LIMIT 500`).all() as AlertRow[]).map((r) => toAlert(r, now));
  }

  unreadCount(now: string): number {
    return (
      this.db.prepare('SELECT count(*) AS n FROM alerts WHERE acknowledged_at IS NULL AND (snoozed_until IS NULL OR snoozed_until <= ?)').get(now) as {
        n: number;
      }
    ).n;
  }

  get(id: number, now: string): Alert {
    const row = this.db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as AlertRow | undefined;
    if (!row) throw new BehalfError('alert.not-found', `No alert with id ${id}.`, 'It may have gone with its tenant; reload the alerts.');
    return toAlert(row, now);
  }

  acknowledge(id: number, at: string): Alert {
    return writeTransaction(this.db, () => {
      this.get(id, at);
      this.db.prepare('UPDATE alerts SET acknowledged_at = coalesce(acknowledged_at, ?) WHERE id = ?').run(at, id);
      return this.get(id, at);
    });
  }

  snooze(id: number, until: string, now: string): Alert {
    return writeTransaction(this.db, () => {
      this.get(id, now);
      this.db.prepare('UPDATE alerts SET snoozed_until = ? WHERE id = ?').run(until, id);
      return this.get(id, now);
    });
  }
}

/** Alerts and whether someone acknowledged them are the operator's history: exported, and restored by import-ledger. */
export const alertTables = ownedTables([{ name: 'alerts', orderBy: 'id' }]);
