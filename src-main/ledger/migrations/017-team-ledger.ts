import type { Migration } from '../migration';
import { installCaptureTriggers } from '../capture-trigger-store';
import { SHARED_TABLES } from '../shared-tables';

/**
 * Team ledger (issue #19): the local side of sharing a ledger through PostgreSQL.
 *
 * - `team_changes`: every write to a shared table, recorded by triggers (no service records anything itself), each
 *   with an id made here so a push that is cut off and repeated is applied once (PostgreSQL keeps it unique).
 * - `team_capture`: the switch the triggers read — `capturing` 0 in single-user mode (nothing is recorded, the ledger
 *   behaves as before) and while this console applies the team's changes (`applying` 1: rows written by others keep
 *   their own operator), else 1.
 * - `team_state`: the team connection (URL without its password, which lives in the vault), this console's id, the
 *   pull cursor, the operator, "offline since".
 * - `team_conflicts`: edits the server refused because someone else's reached it first, until resolved.
 * - `audit.operator_name/operator_email`: who did it, filled from the console's operator by a trigger.
 */
/** The shared tables as of this migration; a table shared later gets its triggers from its own migration. */
const TABLES_017 = [
  'tenants',
  'tenant_tags',
  'settings',
  'audit',
  'dns_checks',
  'dmarc_chosen_records',
  'dmarc_legitimate_senders',
  'seed_inboxes',
  'postmark_objects',
];

export const migration017: Migration = {
  version: 17,
  name: 'team-ledger',
  up(db) {
    db.exec(`
      CREATE TABLE team_changes (
        seq            INTEGER PRIMARY KEY AUTOINCREMENT,
        change_id      TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
        table_name     TEXT NOT NULL,
        key_json       TEXT CHECK (key_json IS NULL OR json_valid(key_json)),
        op             TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'append')),
        old_json       TEXT CHECK (old_json IS NULL OR json_valid(old_json)),
        new_json       TEXT CHECK (new_json IS NULL OR json_valid(new_json)),
        force          INTEGER NOT NULL DEFAULT 0 CHECK (force IN (0, 1)),
        base_seq       INTEGER NOT NULL DEFAULT 0,
        operator_name  TEXT,
        operator_email TEXT,
        made_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        pushed_at      TEXT
      );
      CREATE INDEX team_changes_waiting ON team_changes(seq) WHERE pushed_at IS NULL;

      CREATE TABLE team_capture (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        capturing INTEGER NOT NULL DEFAULT 0 CHECK (capturing IN (0, 1)),
        applying  INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1))
      );
      INSERT INTO team_capture (id, capturing, applying) VALUES (1, 0, 0);

      CREATE TABLE team_state (
        key        TEXT PRIMARY KEY,
        value_json TEXT NOT NULL CHECK (json_valid(value_json))
      );

      CREATE TABLE team_conflicts (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        change_id      TEXT NOT NULL,
        table_name     TEXT NOT NULL,
        key_json       TEXT NOT NULL CHECK (json_valid(key_json)),
        kind           TEXT NOT NULL CHECK (kind IN ('field', 'deleted-theirs', 'edited-theirs')),
        field          TEXT,
        label          TEXT NOT NULL DEFAULT '',
        mine_json      TEXT CHECK (mine_json IS NULL OR json_valid(mine_json)),
        theirs_json    TEXT CHECK (theirs_json IS NULL OR json_valid(theirs_json)),
        their_operator TEXT,
        their_at       TEXT,
        created_at     TEXT NOT NULL,
        resolved_at    TEXT,
        resolution     TEXT CHECK (resolution IS NULL OR resolution IN ('keep-theirs', 'apply-mine')),
        UNIQUE (change_id, field)
      );

      ALTER TABLE audit ADD COLUMN operator_name TEXT;
      ALTER TABLE audit ADD COLUMN operator_email TEXT;
      CREATE TRIGGER audit_operator AFTER INSERT ON audit
        WHEN NEW.operator_name IS NULL AND EXISTS (SELECT 1 FROM team_state WHERE key = 'operator')
          AND (SELECT applying FROM team_capture WHERE id = 1) = 0
      BEGIN
        UPDATE audit SET
          operator_name = (SELECT json_extract(value_json, '$.name') FROM team_state WHERE key = 'operator'),
          operator_email = (SELECT json_extract(value_json, '$.email') FROM team_state WHERE key = 'operator')
        WHERE rowid = NEW.rowid;
      END;
    `);
    installCaptureTriggers(
      db,
      SHARED_TABLES.filter((t) => TABLES_017.includes(t.name)),
    );
  },
};
