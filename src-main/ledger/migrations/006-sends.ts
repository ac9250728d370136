import type { Migration } from '../migration';

/**
 * Manual test sends to seed inboxes (issue #7).
 *
 * seed_inboxes: the managed list of addresses staff send to (Gmail, Outlook, … or the customer's own).
 * `address_lc` is UNIQUE so the same inbox cannot be listed twice under different casing.
 *
 * test_sends + test_send_recipients: every send, one recipient row per seed (each seed gets its own message in
 * the batch, so each row carries its own MessageID, SubmittedAt, ErrorCode, Postmark message, inactive flag and
 * the latest event read back from the message details). Rows are never deleted by Behalf: they are the history.
 * No foreign key to tenants, like postmark_jobs: removing a tenant must not erase what was sent on its behalf.
 *
 * send_queue: a send that could not reach Postmark (offline, timeout, 5xx) waits here with the same discipline as
 * the outbox: UNIQUE idempotency key (also sent as Metadata so a retry first adopts messages Postmark already
 * accepted), attempts, next_attempt_at backoff and the last error. A queued send is never dropped silently:
 * it ends `done`, `failed` (retries used up, shown with the error) or `cancelled` by a person.
 */
export const migration006: Migration = {
  version: 6,
  name: 'sends',
  up(db) {
    db.exec(`
      CREATE TABLE seed_inboxes (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        address    TEXT NOT NULL,
        address_lc TEXT NOT NULL UNIQUE,
        provider   TEXT NOT NULL DEFAULT '',
        active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE test_sends (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        tenant_id    TEXT NOT NULL,
        option       INTEGER CHECK (option IN (1, 2, 3)),
        server_id    INTEGER NOT NULL,
        from_header  TEXT NOT NULL,
        reply_to     TEXT NOT NULL DEFAULT '',
        subject      TEXT NOT NULL,
        text_body    TEXT NOT NULL,
        send_key     TEXT NOT NULL UNIQUE,
        state        TEXT NOT NULL DEFAULT 'queued'
                     CHECK (state IN ('queued', 'sent', 'partial', 'failed', 'cancelled')),
        created_at   TEXT NOT NULL,
        submitted_at TEXT,
        events_at    TEXT,
        updated_at   TEXT NOT NULL
      );
      CREATE INDEX test_sends_tenant ON test_sends(tenant_id, id);

      CREATE TABLE test_send_recipients (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        send_id         INTEGER NOT NULL REFERENCES test_sends(id) ON DELETE CASCADE,
        address         TEXT NOT NULL,
        provider        TEXT NOT NULL DEFAULT '',
        state           TEXT NOT NULL DEFAULT 'queued'
                        CHECK (state IN ('queued', 'sent', 'inactive', 'failed', 'cancelled')),
        message_id      TEXT,
        submitted_at    TEXT,
        error_code      INTEGER,
        message         TEXT NOT NULL DEFAULT '',
        hint            TEXT NOT NULL DEFAULT '',
        inactive        INTEGER NOT NULL DEFAULT 0 CHECK (inactive IN (0, 1)),
        event_type      TEXT,
        event_at        TEXT,
        event_detail    TEXT NOT NULL DEFAULT '',
        UNIQUE (send_id, address)
      );
      CREATE INDEX test_send_recipients_message ON test_send_recipients(message_id);

      CREATE TABLE send_queue (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        send_id         INTEGER NOT NULL UNIQUE REFERENCES test_sends(id) ON DELETE CASCADE,
        idempotency_key TEXT NOT NULL UNIQUE,
        state           TEXT NOT NULL DEFAULT 'queued'
                        CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
        attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT,
        last_error_json TEXT CHECK (last_error_json IS NULL OR json_valid(last_error_json)),
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      );
      CREATE INDEX send_queue_due ON send_queue(state, next_attempt_at);
    `);
  },
};
