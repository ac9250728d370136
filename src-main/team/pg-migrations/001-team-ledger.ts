import type { PgMigration } from '../pg-migrate';

/**
 * The team's ledger of record.
 * - `changes`: the append-only log every console pushes to and pulls from. `seq` is assigned by the server; pushes
 *   hold one advisory lock, so seqs commit in order and a puller's cursor never skips a change committed late.
 *   `change_id` is made by the console: a push repeated after a cut-off is recognised, never applied twice.
 * - `rows`: the current value of every shared row (what a joining console copies, and what a push is checked
 *   against), with who set each field last (`field_meta`) for the conflict message.
 * - `job_claims`: which console is running which Postmark job, with a lease (issue #19 item 5).
 */
export const pgMigration001: PgMigration = {
  version: 1,
  name: 'team-ledger',
  sql: `
    CREATE TABLE team_meta (
      key   text PRIMARY KEY,
      value jsonb NOT NULL
    );
    CREATE TABLE changes (
      seq            bigserial PRIMARY KEY,
      change_id      text NOT NULL UNIQUE,
      console_id     text NOT NULL,
      table_name     text NOT NULL,
      key_json       text NOT NULL,
      op             text NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'append')),
      effect         text NOT NULL CHECK (effect IN ('upsert', 'update', 'delete', 'append', 'none')),
      fields         jsonb,
      conflicts      jsonb NOT NULL DEFAULT '[]',
      operator_name  text,
      operator_email text,
      made_at        text NOT NULL,
      received_at    timestamptz NOT NULL DEFAULT now()
    );
    -- Append-only: the log is the team's history; nothing rewrites it.
    CREATE FUNCTION changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the changes log is append-only'; END $$;
    CREATE TRIGGER changes_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON changes
      FOR EACH STATEMENT EXECUTE FUNCTION changes_append_only();

    CREATE TABLE rows (
      table_name text NOT NULL,
      key_json   text NOT NULL,
      row        jsonb NOT NULL,
      deleted    boolean NOT NULL DEFAULT false,
      field_meta jsonb NOT NULL DEFAULT '{}',
      last_seq   bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (table_name, key_json)
    );

    CREATE TABLE job_claims (
      job_key     text PRIMARY KEY,
      state       text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done')),
      console_id  text,
      lease_until timestamptz,
      attempts    integer NOT NULL DEFAULT 0,
      done_at     timestamptz,
      result      jsonb
    );
  `,
};
