import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/ledger/migrations';
import { freshLedgers } from './fresh-ledgers';
import { migration006 } from '../../../../src-main/ledger/migrations/006-sends';
import { schemaVersion, type Db } from '../../../../src-main/ledger/open';

const open = freshLedgers('behalf-m006-');
const fresh = (list = [migration006]): Db => open(list);

const T = '2026-01-01T00:00:00.000Z';
const insertSend = (db: Db, key: string, state = 'queued') =>
  db
    .prepare(
      `INSERT INTO test_sends
  (tenant_id, option, server_id, from_header, subject, text_body, send_key, state, created_at, updated_at)
  VALUES ('t1', 2, 1001, 'a@acme.com', 's', 'b', ?, ?, ?, ?)`,
    )
    .run(key, state, T, T).lastInsertRowid;

describe('migration 006 (sends)', () => {
  it('is listed once, in version order', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.filter((v) => v === 6)).toHaveLength(1);
    expect(migrations.find((m) => m.version === 6)).toBe(migration006);
  });

  it('creates the seed, send, recipient and queue tables', () => {
    const db = fresh();
    expect(schemaVersion(db)).toBe(6);
    const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table','index')`).all() as Array<{ name: string }>).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['seed_inboxes', 'test_sends', 'test_send_recipients', 'send_queue', 'send_queue_due', 'test_sends_tenant']));
  });

  it('keeps one seed per address whatever its casing, and active is a boolean', () => {
    const db = fresh();
    const add = db.prepare(`INSERT INTO seed_inboxes (address, address_lc, provider, active, created_at, updated_at) VALUES (?, ?, 'Gmail', ?, ?, ?)`);
    add.run('Seed@Gmail.com', 'seed@gmail.com', 1, T, T);
    expect(() => add.run('seed@gmail.com', 'seed@gmail.com', 1, T, T)).toThrow(/UNIQUE/);
    expect(() => add.run('x@y.com', 'x@y.com', 2, T, T)).toThrow(/CHECK/);
  });

  it('refuses unknown states, a reused send key, and recipients of a send that does not exist', () => {
    const db = fresh();
    const id = insertSend(db, 'k1');
    expect(() => insertSend(db, 'k1')).toThrow(/UNIQUE/);
    expect(() => insertSend(db, 'k2', 'lost')).toThrow(/CHECK/);
    const rcpt = db.prepare(`INSERT INTO test_send_recipients (send_id, address, state) VALUES (?, ?, ?)`);
    rcpt.run(id, 'a@gmail.com', 'sent');
    expect(() => rcpt.run(id, 'a@gmail.com', 'sent')).toThrow(/UNIQUE/);
    expect(() => rcpt.run(id, 'b@gmail.com', 'dropped')).toThrow(/CHECK/);
    expect(() => rcpt.run(999, 'c@gmail.com', 'sent')).toThrow(/FOREIGN KEY/);
  });

  it('links at most one queue job per send, with a unique idempotency key and valid error JSON', () => {
    const db = fresh();
    const a = insertSend(db, 'ka');
    const b = insertSend(db, 'kb');
    const job = db.prepare(`INSERT INTO send_queue (send_id, idempotency_key, last_error_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`);
    job.run(a, 'ka', null, T, T);
    expect(() => job.run(a, 'kx', null, T, T)).toThrow(/UNIQUE/);
    expect(() => job.run(b, 'ka', null, T, T)).toThrow(/UNIQUE/);
    expect(() => job.run(b, 'kb', '{not json', T, T)).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE send_queue SET attempts = -1`).run()).toThrow(/CHECK/);
  });

  it('applies on top of every earlier migration', () => {
    const db = fresh([...migrations]);
    expect(schemaVersion(db)).toBe(Math.max(...migrations.map((m) => m.version)));
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'send_queue'`).get()).toBeTruthy();
  });
});
