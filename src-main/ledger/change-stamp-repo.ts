import type { Db } from './open';

/** Row operations a change stamp can watch. */
export type WatchedOp = 'INSERT' | 'UPDATE' | 'DELETE';

export interface WatchedTable {
  table: string;
  ops: readonly WatchedOp[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * A value that changes whenever one of `tables` may have: SQLite's data_version moves on every other connection's
 * commit (another process, the team's connection, an import worker), and a counter moves on this connection's writes
 * to those tables. Equal stamps: nothing they hold was written in between, so an answer computed from them then still
 * holds. The counter is bumped by TEMP triggers: they belong to this connection alone and vanish with it, so the
 * ledger file and its schema are untouched, other connections pay nothing, and writes to other tables (the PTR cache
 * filling while a page looks names up, alerts, the outbox) leave the stamp alone, where total_changes() moved on
 * every one of them.
 */
export function tableChangeStamp(db: Db, name: string, tables: readonly WatchedTable[]): () => string {
  for (const id of [name, ...tables.map((t) => t.table)]) if (!IDENTIFIER.test(id)) throw new Error(`not an SQL identifier: ${id}`);
  // The temp database is this connection's own, not the ledger: no write lock, so no writeTransaction either.
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS change_stamps (name TEXT PRIMARY KEY, n INTEGER NOT NULL);
    INSERT OR IGNORE INTO temp.change_stamps (name, n) VALUES ('${name}', 0)`);
  for (const { table, ops } of tables)
    for (const op of ops)
      db.exec(
        `CREATE TEMP TRIGGER IF NOT EXISTS change_stamp_${name}_${table}_${op.toLowerCase()} AFTER ${op} ON main.${table}
         FOR EACH ROW BEGIN UPDATE change_stamps SET n = n + 1 WHERE name = '${name}'; END`,
      );
  const counter = db.prepare('SELECT n FROM temp.change_stamps WHERE name = ?').pluck();
  return () => `${db.pragma('data_version', { simple: true }) as number}:${counter.get(name) as number}`;
}
