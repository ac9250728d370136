import type { Db } from './open';

/**
 * A value that changes whenever the ledger may have: SQLite's data_version moves on every other connection's
 * commit (another process, the team's connection, an import worker), total_changes on every row this connection
 * writes (triggers included). Equal stamps: nothing was written in between, so an answer computed then still holds.
 */
export function ledgerChangeStamp(db: Db): string {
  const version = db.pragma('data_version', { simple: true }) as number;
  const own = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  return `${version}:${own}`;
}
