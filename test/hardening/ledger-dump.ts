import type { Database } from 'better-sqlite3';

/** Tables a refused write must never touch (everything a person would call "the ledger"). */
const WRITE_TABLES = [
  'tenants', 'tenant_tags', 'audit', 'settings', 'postmark_objects', 'postmark_jobs',
  'dmarc_reports', 'dmarc_rows', 'seed_inboxes', 'test_sends', 'test_send_recipients', 'send_queue',
];

/** A stable text dump of the ledger's write tables, compared before and after a refused call. */
export function dumpLedger(db: Database): string {
  const present = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
  return WRITE_TABLES.filter((t) => present.has(t))
    // Rows sorted as text: some tables are WITHOUT ROWID, and order is not what is being compared.
    .map((t) => `${t}:${(db.prepare(`SELECT * FROM ${t}`).raw().all() as unknown[]).map((r) => JSON.stringify(r)).sort().join('|')}`)
    .join('\n');
}

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
