import type { Migration } from '../migration';

/**
 * The watch's alerts (issue #18). One row per fact the watch noticed ("DKIM at pm._domainkey.acme.example is
 * gone", "Acme is in trouble since this round"): `fact_key` is unique, so a fact seen again on the next round is
 * never raised twice. Acknowledged and snoozed alerts stay, so the same fact stays quiet; `resolved_at` closes an
 * episode (a tenant back out of trouble) so a later episode is a new fact.
 */
export const migration019: Migration = {
  version: 19,
  name: 'watch-alerts',
  up(db) {
    db.exec(`
      CREATE TABLE alerts (
        id               INTEGER PRIMARY KEY,
        fact_key         TEXT NOT NULL UNIQUE,
        kind             TEXT NOT NULL CHECK (kind IN ('dkim-gone', 'dmarc-tightened', 'health-in-trouble', 'dmarc-new-failing-sender')),
        tenant_id        TEXT REFERENCES tenants(id) ON DELETE CASCADE,
        title            TEXT NOT NULL,
        detail           TEXT NOT NULL,
        raised_at        TEXT NOT NULL,
        acknowledged_at  TEXT,
        snoozed_until    TEXT,
        resolved_at      TEXT
      );
      CREATE INDEX alerts_open ON alerts (acknowledged_at, raised_at);
      CREATE INDEX alerts_tenant ON alerts (tenant_id, kind);
    `);
  },
};
