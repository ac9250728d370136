import type { Migration } from '../migration';

/**
 * The DKIM rotation calendar (issue #18 part 3).
 *
 * - `dkim_keys`: when Behalf first saw each of a tenant's Postmark DKIM keys pending and active. Postmark says
 *   nothing about a key's age, so the calendar counts from the first sighting as active.
 * - `dkim_rotations`: each rotation Behalf queued, from "queued" to "old key deleted" (confirmed by a DNS check).
 *   At most one open rotation per tenant (the partial unique index).
 * - `alerts` is rebuilt with one more kind, 'dkim-revoked-safe' (a revoked key Postmark says is safe to delete and
 *   DNS still publishes): SQLite cannot widen a CHECK in place. Rows, ids and indexes are kept.
 */
export const migration020: Migration = {
  version: 20,
  name: 'dkim-rotation',
  up(db) {
    db.exec(`
      CREATE TABLE dkim_keys (
        id                     INTEGER PRIMARY KEY,
        tenant_id              TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        host                   TEXT NOT NULL,
        public_key             TEXT NOT NULL,
        first_seen_pending_at  TEXT,
        first_seen_active_at   TEXT,
        UNIQUE (tenant_id, host, public_key)
      );
      CREATE TABLE dkim_rotations (
        id              INTEGER PRIMARY KEY,
        tenant_id       TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        domain_id       INTEGER NOT NULL,
        old_host        TEXT NOT NULL,
        old_public_key  TEXT NOT NULL,
        new_host        TEXT,
        new_public_key  TEXT,
        stage           TEXT NOT NULL CHECK (stage IN ('queued', 'new-key-pending', 'new-key-active', 'old-key-safe-to-delete', 'old-key-deleted', 'failed')),
        job_id          INTEGER,
        sheet_state     TEXT NOT NULL DEFAULT 'waiting' CHECK (sheet_state IN ('waiting', 'sent', 'no-contact', 'failed')),
        sheet_detail    TEXT NOT NULL DEFAULT '',
        failure         TEXT,
        queued_at       TEXT NOT NULL,
        pending_at      TEXT,
        active_at       TEXT,
        safe_at         TEXT,
        deleted_at      TEXT,
        deleted_check_id INTEGER,
        updated_at      TEXT NOT NULL
      );
      CREATE UNIQUE INDEX dkim_rotations_one_open ON dkim_rotations (tenant_id) WHERE stage NOT IN ('old-key-deleted', 'failed');
      CREATE INDEX dkim_rotations_tenant ON dkim_rotations (tenant_id, id);

      CREATE TABLE alerts_020 (
        id               INTEGER PRIMARY KEY,
        fact_key         TEXT NOT NULL UNIQUE,
        kind             TEXT NOT NULL CHECK (kind IN ('dkim-gone', 'dmarc-tightened', 'health-in-trouble', 'dmarc-new-failing-sender', 'dkim-revoked-safe')),
        tenant_id        TEXT REFERENCES tenants(id) ON DELETE CASCADE,
        title            TEXT NOT NULL,
        detail           TEXT NOT NULL,
        raised_at        TEXT NOT NULL,
        acknowledged_at  TEXT,
        snoozed_until    TEXT,
        resolved_at      TEXT
      );
      INSERT INTO alerts_020 SELECT id, fact_key, kind, tenant_id, title, detail, raised_at, acknowledged_at, snoozed_until, resolved_at FROM alerts;
      DROP TABLE alerts;
      ALTER TABLE alerts_020 RENAME TO alerts;
      CREATE INDEX alerts_open ON alerts (acknowledged_at, raised_at);
      CREATE INDEX alerts_tenant ON alerts (tenant_id, kind);
    `);
  },
};
