import type { Migration } from '../migration';
import { installCaptureTriggers } from '../capture-trigger-store';
import { SHARED_TABLES } from '../shared-tables';

/**
 * Team ledger, second part (issue #19 items 5 and 6): DMARC reports and their rows, DMARC failure reports, alerts,
 * test sends (recipients, queue), outbox jobs, deferred removals, the DKIM calendar and the bulk-mail fact are
 * shared too. Their rows are named by local integer ids, so each gets a team-wide key (shared-tables.ts): a natural
 * one where it exists, and children name their parent by the parent's key (`refs`).
 *
 * `deferred_removals` and `dkim_rotations` have no natural key: they get a `uid` (random, made where the row is
 * made, kept by every console that copies it). SQLite cannot add a UNIQUE column with a computed default in place,
 * so both tables are rebuilt with their rows, ids, checks, foreign keys and indexes as they were.
 * Then the capture triggers of the newly shared tables are installed (migration 017 installed the first ones).
 */
const TABLES_022 = [
  'postmark_jobs',
  'deferred_removals',
  'dkim_keys',
  'dkim_rotations',
  'tenant_bulk_mail',
  'dmarc_reports',
  'dmarc_rows',
  'dmarc_failures',
  'alerts',
  'test_sends',
  'test_send_recipients',
  'send_queue',
];

const UID = `uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16))))`;

export const migration022: Migration = {
  version: 22,
  name: 'team-shared-work',
  up(db) {
    // AUTOINCREMENT's high-water mark survives the rebuild: an id once used is never handed out again.
    const seq = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'deferred_removals'`).get() as { seq: number } | undefined;
    db.exec(`
      CREATE TABLE deferred_removals_022 (
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
        ${UID},
        CHECK ((state = 'enqueued') = (job_id IS NOT NULL))
      );
      INSERT INTO deferred_removals_022 (id, tenant_id, from_option, to_option, kind, postmark_id, label, condition, state, job_id, note, created_at, updated_at)
        SELECT id, tenant_id, from_option, to_option, kind, postmark_id, label, condition, state, job_id, note, created_at, updated_at FROM deferred_removals;
      DROP TABLE deferred_removals;
      ALTER TABLE deferred_removals_022 RENAME TO deferred_removals;
      CREATE INDEX deferred_removals_tenant ON deferred_removals(tenant_id, state);
      CREATE UNIQUE INDEX deferred_removals_one_waiting ON deferred_removals(kind, postmark_id) WHERE state = 'waiting';

      CREATE TABLE dkim_rotations_022 (
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
        updated_at      TEXT NOT NULL,
        ${UID}
      );
      INSERT INTO dkim_rotations_022 (id, tenant_id, domain_id, old_host, old_public_key, new_host, new_public_key, stage, job_id, sheet_state,
          sheet_detail, failure, queued_at, pending_at, active_at, safe_at, deleted_at, deleted_check_id, updated_at)
        SELECT id, tenant_id, domain_id, old_host, old_public_key, new_host, new_public_key, stage, job_id, sheet_state,
          sheet_detail, failure, queued_at, pending_at, active_at, safe_at, deleted_at, deleted_check_id, updated_at FROM dkim_rotations;
      DROP TABLE dkim_rotations;
      ALTER TABLE dkim_rotations_022 RENAME TO dkim_rotations;
      CREATE UNIQUE INDEX dkim_rotations_one_open ON dkim_rotations (tenant_id) WHERE stage NOT IN ('old-key-deleted', 'failed');
      CREATE INDEX dkim_rotations_tenant ON dkim_rotations (tenant_id, id);
    `);
    if (seq) {
      const copied = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'deferred_removals'`).get() as { seq: number } | undefined;
      db.prepare(`DELETE FROM sqlite_sequence WHERE name = 'deferred_removals'`).run();
      db.prepare(`INSERT INTO sqlite_sequence (name, seq) VALUES ('deferred_removals', ?)`).run(Math.max(seq.seq, copied?.seq ?? 0));
    }
    installCaptureTriggers(
      db,
      SHARED_TABLES.filter((t) => TABLES_022.includes(t.name)),
    );
  },
};
