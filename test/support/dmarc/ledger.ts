import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLedger, type Db } from '../../../src-main/ledger/open';

export interface TempLedger {
  db: Db;
  dir: string;
  /** Writes `data` to `name` inside the temp dir (creating folders) and returns its path. */
  file(name: string, data: string | Buffer): string;
  close(): void;
}

/** A real ledger file (all migrations) in a fresh temp folder, with a place for fixture files. */
export function tempLedger(): TempLedger {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-dmarc-test-'));
  const db = openLedger(path.join(dir, 'ledger.sqlite'));
  return {
    db,
    dir,
    file(name, data) {
      const p = path.join(dir, name);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, data);
      return p;
    },
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function count(db: Db, sql: string, ...params: unknown[]): number {
  const row = db.prepare(sql).get(...params) as Record<string, number> | undefined;
  return row ? Number(Object.values(row)[0] ?? 0) : 0;
}
