import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/ledger/open';
import { migration001 } from '../../../../src-main/ledger/migrations/001-tenants';
import { migration002 } from '../../../../src-main/ledger/migrations/002-settings';
import { tempDir } from '../../../support/temp';

describe('migration 002 settings', () => {
  it('creates a key/value table with unique keys on top of 001', () => {
    const db = new Database(path.join(tempDir(), 'l.sqlite'));
    migrate(db, [migration001, migration002]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.prepare(`INSERT INTO settings VALUES ('a', '1', 'x')`).run();
    expect(() => db.prepare(`INSERT INTO settings VALUES ('a', '2', 'x')`).run()).toThrow(/UNIQUE/);
  });
});
