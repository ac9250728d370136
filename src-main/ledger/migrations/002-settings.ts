import type { Migration } from '../migration';

/** Non-secret settings as JSON values by key (secrets live in the vault, never here). */
export const migration002: Migration = {
  version: 2,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
  },
};
