import type { Database, Statement } from 'better-sqlite3';

/** Statements kept per connection; the least recently used goes first (SQL built per call, IN lists, churns here). */
const MAX_STATEMENTS = 1_000;

/**
 * Makes `db.prepare` return the statement it prepared before for the same SQL. The stores prepare their SQL where
 * they run it (readable, one place per statement); without this, every call compiled its SQL again and left a
 * native statement behind until the garbage collector finalised it — the DKIM page at 100,000 tenants prepared
 * ~150,000 statements and took the host's RSS up 170 MB (bench P8), though the JS heap grew 17 MB.
 * A cached statement is handed back in its default mode (objects, not raw rows, plucked values or expanded rows),
 * whatever its last user switched on. better-sqlite3 runs a statement to completion within `get`/`all`/`run`, so
 * one statement shared by several callers is safe; no store keeps an `iterate()` open.
 */
export function cacheStatements(db: Database, max = MAX_STATEMENTS): void {
  // It wraps prepare itself and runs no SQL of its own: the one place outside the stores that may touch it.
  // eslint-disable-next-line no-restricted-properties
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Statement>();
  // eslint-disable-next-line no-restricted-properties
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql); // re-inserted below: Map order is the recency order
      if (stmt.reader) stmt.raw(false).pluck(false).expand(false);
    } else {
      stmt = prepare(sql);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    return stmt;
  }) as Database['prepare'];
}
