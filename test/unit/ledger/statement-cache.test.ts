import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { cacheStatements } from '../../../src-main/ledger/statement-cache';

describe('cacheStatements', () => {
  let db: Database.Database;
  afterEach(() => db?.close());

  it('hands back the statement prepared before for the same SQL', () => {
    db = new Database(':memory:');
    cacheStatements(db);
    db.exec('CREATE TABLE t (a INTEGER, b TEXT)');
    const sql = 'INSERT INTO t (a, b) VALUES (?, ?)';
    expect(db.prepare(sql)).toBe(db.prepare(sql));
    db.prepare(sql).run(1, 'one');
    db.prepare(sql).run(2, 'two');
    expect(db.prepare('SELECT a, b FROM t ORDER BY a').all()).toEqual([
      { a: 1, b: 'one' },
      { a: 2, b: 'two' },
    ]);
  });

  it('a cached reader comes back in its default mode, whatever its last user switched on', () => {
    db = new Database(':memory:');
    cacheStatements(db);
    db.exec("CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'one')");
    const sql = 'SELECT a, b FROM t';
    expect(db.prepare(sql).raw().all()).toEqual([[1, 'one']]);
    expect(db.prepare(sql).all()).toEqual([{ a: 1, b: 'one' }]);
    expect(db.prepare(sql).pluck().get()).toBe(1);
    expect(db.prepare(sql).get()).toEqual({ a: 1, b: 'one' });
  });

  it('keeps at most `max` statements, dropping the least recently used', () => {
    db = new Database(':memory:');
    cacheStatements(db, 2);
    const one = db.prepare('SELECT 1');
    const two = db.prepare('SELECT 2');
    expect(db.prepare('SELECT 1')).toBe(one); // now the most recent
    db.prepare('SELECT 3'); // evicts SELECT 2
    expect(db.prepare('SELECT 1')).toBe(one);
    expect(db.prepare('SELECT 2')).not.toBe(two);
  });
});
