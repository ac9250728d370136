import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { BehalfError } from '../../src-preload/api/errors';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migration';
import { nativeBindingPath } from './native-binding';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the ledger file with WAL and foreign keys, then applies pending migrations,
 * each in its own transaction. A database written by a newer Behalf is refused, not "downgraded".
 */
export function openLedger(file: string, migrations: readonly Migration[] = allMigrations): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const binding = nativeBindingPath();
  const db = new Database(file, binding ? { nativeBinding: binding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db, migrations: readonly Migration[]): void {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const current = schemaVersion(db);
  if (current > latest) {
    throw new BehalfError(
      'ledger.too-new',
      `This ledger was written by a newer Behalf (schema ${current}; this build knows up to ${latest}).`,
      'Update Behalf to the latest version, or point it at another data directory with --home.',
    );
  }
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
