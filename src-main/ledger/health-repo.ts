import fs from 'node:fs';
import { schemaVersion, type Db } from './open';

export interface LedgerHealth {
  /** 'ok', or SQLite's first complaints. */
  integrity: string[];
  schemaVersion: number;
  walBytes: number;
}

/** Read-only: PRAGMA integrity_check (every page), the schema version, and the size of the WAL file beside it. */
export function ledgerHealth(db: Db, file: string): LedgerHealth {
  const integrity = (db.prepare('PRAGMA integrity_check(5)').all() as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  let walBytes = 0;
  try {
    walBytes = fs.statSync(`${file}-wal`).size;
  } catch {
    walBytes = 0; // no WAL file (checkpointed and closed, or not in WAL mode)
  }
  return { integrity, schemaVersion: schemaVersion(db), walBytes };
}
