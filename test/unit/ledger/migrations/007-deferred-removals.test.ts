import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/ledger/migrations';
import { freshLedgers } from './fresh-ledgers';
import { migration007 } from '../../../../src-main/ledger/migrations/007-deferred-removals';
import { schemaVersion, type Db } from '../../../../src-main/ledger/open';

const open = freshLedgers('behalf-m007-');
const fresh = (list = [migration007]): Db => open(list);

const T = '2026-01-01T00:00:00.000Z';
const insert = (db: Db, over: Partial<Record<string, unknown>> = {}) =>
  db
    .prepare(
      `INSERT INTO deferred_removals
  (tenant_id, from_option, to_option, kind, postmark_id, label, condition, state, job_id, created_at, updated_at)
  VALUES (@tenant, @from, @to, @kind, @pmId, 'Sender signature a@acme.com', @condition, @state, @jobId, @t, @t)`,
    )
    .run({ tenant: 't1', from: 2, to: 1, kind: 'sender', pmId: 11, condition: 'after-domain-verified', state: 'waiting', jobId: null, t: T, ...over });

describe('migration 007 (deferred removals)', () => {
  it('is listed once, in version order, after 006', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.filter((v) => v === 7)).toHaveLength(1);
    expect(migrations.find((m) => m.version === 7)).toBe(migration007);
  });

  it('applies on a fresh ledger with every migration', () => {
    const db = fresh([...migrations]);
    expect(schemaVersion(db)).toBe(Math.max(...migrations.map((m) => m.version)));
    const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table','index')`).all() as Array<{ name: string }>).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['deferred_removals', 'deferred_removals_tenant', 'deferred_removals_one_waiting']));
  });

  it('allows one waiting removal per Postmark object, any number once enqueued or cancelled', () => {
    const db = fresh();
    insert(db);
    expect(() => insert(db)).toThrow(/UNIQUE/);
    db.prepare(`UPDATE deferred_removals SET state = 'cancelled'`).run();
    insert(db);
    insert(db, { state: 'enqueued', jobId: 5 });
    expect((db.prepare('SELECT COUNT(*) AS n FROM deferred_removals').get() as { n: number }).n).toBe(3);
  });

  it('checks kinds, conditions, options and that an enqueued removal names its job', () => {
    const db = fresh();
    expect(() => insert(db, { kind: 'server' })).toThrow(/CHECK/);
    expect(() => insert(db, { condition: 'now' })).toThrow(/CHECK/);
    expect(() => insert(db, { to: 4 })).toThrow(/CHECK/);
    expect(() => insert(db, { state: 'enqueued' })).toThrow(/CHECK/);
    expect(() => insert(db, { state: 'waiting', jobId: 3 })).toThrow(/CHECK/);
    expect(() => insert(db, { state: 'gone' })).toThrow(/CHECK/);
  });
});
