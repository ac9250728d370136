import type { Migration } from '../migration';

/**
 * Change of mind (issue #5): Postmark removals a switch must not make yet.
 *
 * When a tenant moves from one sending option to another, the old way of sending is removed only once the new
 * one works (the sender signature after the new domain verifies, the domain after the new signature is
 * confirmed). Until then the removal waits here; it is enqueued in the Postmark outbox when its condition is met
 * (state 'enqueued' with the job id), or dropped when a later switch needs the object again ('cancelled').
 * No foreign key to tenants, like postmark_jobs: the history of what was planned outlives the tenant row.
 */
export const migration007: Migration = {
  version: 7,
  name: 'deferred-removals',
  up(db) {
    db.exec(`
      CREATE TABLE deferred_removals (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        tenant_id   TEXT NOT NULL,
        from_option INTEGER CHECK (from_option IN (1, 2, 3)),
        to_option   INTEGER NOT NULL CHECK (to_option IN (1, 2, 3)),
        kind        TEXT NOT NULL CHECK (kind IN ('domain', 'sender')),
        postmark_id INTEGER NOT NULL,
        label       TEXT NOT NULL,
        condition   TEXT NOT NULL CHECK (condition IN ('after-domain-verified', 'after-signature-confirmed')),
        state       TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'enqueued', 'cancelled')),
        job_id      INTEGER,
        note        TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        CHECK ((state = 'enqueued') = (job_id IS NOT NULL))
      );
      CREATE INDEX deferred_removals_tenant ON deferred_removals(tenant_id, state);
      -- One waiting removal per Postmark object: switching back and forth must not queue two deletes.
      CREATE UNIQUE INDEX deferred_removals_one_waiting ON deferred_removals(kind, postmark_id) WHERE state = 'waiting';
    `);
  },
};
