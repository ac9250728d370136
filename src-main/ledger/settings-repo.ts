import type { Db } from './open';
import { writeTransaction } from './write-transaction';
import { ownedTables } from './table-rows-repo';

/** JSON values by key; the settings service owns defaults and validation. */
export class SettingsRepo {
  constructor(private readonly db: Db) {}

  /** Changes when another connection (the CLI, another console) commits to the ledger: cached settings are stale. */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  readAll(): Record<string, unknown> {
    const rows = this.db.prepare('SELECT key, value_json FROM settings').all() as { key: string; value_json: string }[];
    const out: Record<string, unknown> = {};
    for (const r of rows) out[r.key] = JSON.parse(r.value_json);
    return out;
  }

  writeMany(values: Record<string, unknown>, at: string): void {
    const stmt = this.db.prepare(
      'INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at',
    );
    writeTransaction(this.db, () => {
      for (const [k, v] of Object.entries(values)) stmt.run(k, JSON.stringify(v), at);
    });
  }
}

/** Settings (never secrets: those live in the vault), for the whole-ledger export (issue #20). */
export const settingsTables = ownedTables([{ name: 'settings', orderBy: 'key' }]);
