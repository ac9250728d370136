import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { followInSlices } from '../../../../src-main/postmark/service/follow-in-slices';
import { observeWriteTransactions, writeTransaction } from '../../../../src-main/ledger/write-transaction';

describe('followInSlices', () => {
  let db: Database.Database;
  afterEach(() => {
    observeWriteTransactions(undefined);
    db?.close();
  });
  const ledger = () => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE followed (id TEXT PRIMARY KEY)');
    return db;
  };
  // A follow-up writes in its own (nested) write transaction, as TenantService.update does.
  const followed = () => (db.prepare('SELECT id FROM followed ORDER BY rowid').all() as { id: string }[]).map((r) => r.id);
  const follow = (id: string) =>
    writeTransaction(db, () => {
      db.prepare('INSERT INTO followed (id) VALUES (?)').run(id);
      if (id === 'bad') throw new Error(`cannot follow ${id}`);
    });

  it('writes 50 follow-ups to a transaction', () => {
    ledger();
    let transactions = 0;
    observeWriteTransactions(() => transactions++);
    const ids = Array.from({ length: 120 }, (_, i) => `t${i}`);
    followInSlices(db, ids, follow);
    expect(followed()).toEqual(ids);
    expect(transactions).toBe(3);
  });

  it('stops at a failing follow-up, keeping the ones before it and none of its own writes', () => {
    ledger();
    const ids = ['a', 'b', 'bad', 'c', ...Array.from({ length: 60 }, (_, i) => `later${i}`)];
    expect(() => followInSlices(db, ids, follow)).toThrow('cannot follow bad');
    expect(followed()).toEqual(['a', 'b']);
  });
});
