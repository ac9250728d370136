import type pg from 'pg';
import { BehalfError } from '../../src-preload/api/errors';

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Applies the team ledger's PostgreSQL migrations forward-only, each in its own transaction, under an advisory lock
 * so two consoles running `team init`/`join` at once do not both apply one. A database migrated by a newer Behalf
 * is refused, like a newer SQLite ledger.
 */
export async function migratePg(client: pg.ClientBase, migrations: readonly PgMigration[]): Promise<number> {
  await client.query('SELECT pg_advisory_lock(19019)');
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS team_schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM team_schema_migrations');
    const current = rows[0]?.v ?? 0;
    const latest = migrations.reduce((m, x) => Math.max(m, x.version), 0);
    if (current > latest) {
      throw new BehalfError(
        'team.schema-too-new',
        `The team ledger was set up by a newer Behalf (schema ${current}; this build knows up to ${latest}).`,
        'Update Behalf on this console to the version your team uses.',
      );
    }
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (m.version <= current) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO team_schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
    return latest;
  } finally {
    await client.query('SELECT pg_advisory_unlock(19019)');
  }
}
