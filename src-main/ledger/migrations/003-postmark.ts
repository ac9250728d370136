import type { Migration } from '../migration';

/**
 * The Postmark outbox and what it made.
 *
 * postmark_jobs: every Postmark mutation as a persisted job, so a crash, an outage or a quit never loses or
 * doubles one. `idempotency_key` is UNIQUE so enqueueing the same step twice yields one job. Times are ISO-8601
 * UTC strings, which compare correctly as text (`next_attempt_at <= now`). `tenant_id` is NULL for
 * account-level jobs. No foreign key to tenants: removing a tenant from the ledger must not make Behalf forget
 * objects that still exist in Postmark.
 *
 * postmark_objects: the tenant ↔ Postmark link (server ID/name, domain ID, sender signature ID) plus the
 * non-secret details Postmark last returned. Server tokens are never stored here (they live in the vault).
 */
export const migration003: Migration = {
  version: 3,
  name: 'postmark',
  up(db) {
    db.exec(`
      CREATE TABLE postmark_jobs (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        tenant_id       TEXT,
        kind            TEXT NOT NULL,
        payload_json    TEXT NOT NULL CHECK (json_valid(payload_json)),
        idempotency_key TEXT NOT NULL UNIQUE,
        state           TEXT NOT NULL DEFAULT 'queued'
                        CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'needs-attention', 'cancelled')),
        attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT,
        last_error_json TEXT CHECK (last_error_json IS NULL OR json_valid(last_error_json)),
        result_json     TEXT CHECK (result_json IS NULL OR json_valid(result_json)),
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      );
      CREATE INDEX postmark_jobs_due ON postmark_jobs(state, next_attempt_at);
      CREATE INDEX postmark_jobs_tenant ON postmark_jobs(tenant_id, id);

      CREATE TABLE postmark_objects (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        tenant_id    TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('server', 'domain', 'sender')),
        postmark_id  INTEGER NOT NULL,
        name         TEXT NOT NULL,
        name_lc      TEXT NOT NULL,
        details_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details_json)),
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        UNIQUE (kind, postmark_id)
      );
      CREATE INDEX postmark_objects_tenant ON postmark_objects(tenant_id, kind);
      CREATE INDEX postmark_objects_name ON postmark_objects(kind, name_lc);
    `);
  },
};
