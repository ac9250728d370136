import type { Migration } from '../migration';

/**
 * Sending health (issue #18): Postmark's Stats and Bounce API answers kept per tenant and day, so the Health page
 * works offline with what was last fetched and says how old it is. A cache: refetching rewrites it, and the export
 * leaves it out. `health_fetches` holds one row per tenant: when the last fetch ran, whether it worked, the
 * delivery stats (bounces by type, inactive addresses) and the latest hard bounces and complaints as JSON (shown as
 * fetched, never queried into).
 */
export const migration016: Migration = {
  version: 16,
  name: 'health-stats',
  up(db) {
    db.exec(`
      CREATE TABLE health_days (
        tenant_id     TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        day           TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        sent          INTEGER NOT NULL CHECK (sent >= 0),
        hard_bounces  INTEGER NOT NULL CHECK (hard_bounces >= 0),
        soft_bounces  INTEGER NOT NULL CHECK (soft_bounces >= 0),
        transient     INTEGER NOT NULL CHECK (transient >= 0),
        smtp_errors   INTEGER NOT NULL CHECK (smtp_errors >= 0),
        complaints    INTEGER NOT NULL CHECK (complaints >= 0),
        fetched_at    TEXT NOT NULL,
        PRIMARY KEY (tenant_id, day)
      ) WITHOUT ROWID;
      CREATE TABLE health_fetches (
        tenant_id      TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        server_id      INTEGER NOT NULL,
        attempted_at   TEXT NOT NULL,
        fetched_at     TEXT,
        error_code     TEXT,
        error_message  TEXT,
        delivery_json  TEXT NOT NULL DEFAULT '{}',
        recent_json    TEXT NOT NULL DEFAULT '[]'
      );
    `);
  },
};
