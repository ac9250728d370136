import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openLedger } from '../../../../src-main/ledger/open';
import { migration001 } from '../../../../src-main/ledger/migrations/001-tenants';
import { migration002 } from '../../../../src-main/ledger/migrations/002-settings';
import { migration003 } from '../../../../src-main/ledger/migrations/003-postmark';
import { tempDir } from '../../../support/temp';

const now = '2026-01-01T00:00:00.000Z';

function fresh() {
  const db = new Database(path.join(tempDir(), 'l.sqlite'));
  migrate(db, [migration001, migration002, migration003]);
  return db;
}

const insertJob = (db: Database.Database, key: string, state = 'queued', payload = '{}') =>
  db
    .prepare(
      `INSERT INTO postmark_jobs (tenant_id, kind, payload_json, idempotency_key, state, created_at, updated_at)
              VALUES ('t1', 'create-server', ?, ?, ?, ?, ?)`,
    )
    .run(payload, key, state, now, now);

describe('migration 003 postmark', () => {
  it('creates the jobs table with a unique idempotency key, a state check and JSON checks', () => {
    const db = fresh();
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    insertJob(db, 'k1');
    expect(() => insertJob(db, 'k1')).toThrow(/UNIQUE/);
    expect(() => insertJob(db, 'k2', 'exploded')).toThrow(/CHECK/);
    expect(() => insertJob(db, 'k3', 'queued', 'not json')).toThrow(/CHECK/);
    const row = db.prepare(`SELECT state, attempts, next_attempt_at FROM postmark_jobs WHERE idempotency_key = 'k1'`).get();
    expect(row).toEqual({ state: 'queued', attempts: 0, next_attempt_at: null });
  });

  it('creates the objects table: one row per Postmark object, kinds checked', () => {
    const db = fresh();
    const add = (kind: string, id: number) =>
      db
        .prepare(
          `INSERT INTO postmark_objects (tenant_id, kind, postmark_id, name, name_lc, created_at, updated_at)
                  VALUES ('t1', ?, ?, 'N', 'n', ?, ?)`,
        )
        .run(kind, id, now, now);
    add('server', 1);
    add('domain', 1);
    expect(() => add('server', 1)).toThrow(/UNIQUE/);
    expect(() => add('template', 2)).toThrow(/CHECK/);
    const cols = (db.prepare(`PRAGMA table_info(postmark_objects)`).all() as { name: string }[]).map((c) => c.name);
    expect(cols).not.toContain('token');
    expect(cols).toEqual(expect.arrayContaining(['tenant_id', 'kind', 'postmark_id', 'name', 'details_json']));
  });

  it('is part of the full migration list', () => {
    const db = openLedger(path.join(tempDir(), 'full.sqlite'));
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['postmark_jobs', 'postmark_objects']));
    db.close();
  });
});
