import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger, schemaVersion } from '../../../src-main/ledger/open';
import { migrations } from '../../../src-main/ledger/migrations';
import { tempDir } from '../../support/temp';

describe('openLedger', () => {
  it('opens in WAL mode with every migration applied, in order, with versions 1..N', () => {
    const file = path.join(tempDir(), 'nested', 'ledger.sqlite');
    const db = openLedger(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(schemaVersion(db)).toBe(Math.max(...versions));
    db.close();
  });

  it('reopening applies nothing twice and keeps data', () => {
    const file = path.join(tempDir(), 'ledger.sqlite');
    const db = openLedger(file);
    db.prepare(`INSERT INTO settings VALUES ('k', '"v"', 'x')`).run();
    db.close();
    const again = openLedger(file);
    expect(again.prepare(`SELECT value_json FROM settings WHERE key='k'`).pluck().get()).toBe('"v"');
    again.close();
  });

  it('refuses a ledger written by a newer Behalf with a clear message', () => {
    const file = path.join(tempDir(), 'ledger.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openLedger(file)).toThrow(/newer Behalf \(schema 999/);
    // and leaves it untouched
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(999);
    check.close();
  });

  it('a failing migration rolls back completely', () => {
    const file = path.join(tempDir(), 'ledger.sqlite');
    const bad = { version: 1, name: 'bad', up: (db: Database.Database) => db.exec('CREATE TABLE half (x); SELECT * FROM missing_table;') };
    expect(() => openLedger(file, [bad])).toThrow(/missing_table/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    expect(check.prepare(`SELECT count(*) FROM sqlite_master WHERE name='half'`).pluck().get()).toBe(0);
    check.close();
  });
});
