import type { Database } from 'better-sqlite3';

/**
 * Every table the ledger has, read from sqlite_master at the moment of the dump, so a table added by a later
 * migration cannot be left out of "a refused call changed nothing". Only SQLite's own bookkeeping is skipped.
 */
export function ledgerTables(db: Database): string[] {
  return (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`).all() as { name: string }[]
  ).map((r) => r.name);
}

/** A stable text dump of every table, compared before and after a refused call. */
export function dumpLedger(db: Database): string {
  return (
    ledgerTables(db)
      // Rows sorted as text: some tables are WITHOUT ROWID, and order is not what is being compared.
      .map(
        (t) =>
          `${t}:${(db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[])
            .map((r) => JSON.stringify(r, bigintSafe))
            .sort()
            .join('|')}`,
      )
      .join('\n')
  );
}

const bigintSafe = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

/** Same, opening the file read-only (for doors that own their own connection, like the CLI). */
export async function dumpLedgerFile(file: string): Promise<string> {
  const { default: Sqlite } = await import('better-sqlite3');
  const db = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    return dumpLedger(db);
  } finally {
    db.close();
  }
}
