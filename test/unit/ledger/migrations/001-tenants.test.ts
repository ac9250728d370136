import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/ledger/open';
import { migration001 } from '../../../../src-main/ledger/migrations/001-tenants';
import { tempDir } from '../../../support/temp';

describe('migration 001 tenants', () => {
  const fresh = () => {
    const db = new Database(path.join(tempDir(), 'l.sqlite'));
    migrate(db, [migration001]);
    return db;
  };

  it('creates tenants, tags and audit tables and sets user_version 1', () => {
    const db = fresh();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['audit', 'tenant_tags', 'tenants']));
    expect(db.pragma('user_version', { simple: true })).toBe(1);
  });

  it('rejects an option outside 1..3', () => {
    const db = fresh();
    const insert = (option: number | null) =>
      db
        .prepare(`INSERT INTO tenants (id, name, name_lc, domain, option, created_at, updated_at) VALUES (?, 'A', 'a', 'a.com', ?, 'x', 'x')`)
        .run(`id${option}`, option);
    expect(() => insert(4)).toThrow(/CHECK constraint/);
    expect(() => insert(null)).not.toThrow();
    expect(() => insert(2)).not.toThrow();
  });

  it('removes tags with their tenant', () => {
    const db = fresh();
    db.pragma('foreign_keys = ON');
    db.prepare(`INSERT INTO tenants (id, name, name_lc, domain, created_at, updated_at) VALUES ('t', 'A', 'a', 'a.com', 'x', 'x')`).run();
    db.prepare(`INSERT INTO tenant_tags VALUES ('t', 'vip')`).run();
    db.prepare(`DELETE FROM tenants WHERE id = 't'`).run();
    expect(db.prepare('SELECT count(*) FROM tenant_tags').pluck().get()).toBe(0);
  });
});
