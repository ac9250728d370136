import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migration001 } from '../../../../src-main/ledger/migrations/001-tenants';
import { migration002 } from '../../../../src-main/ledger/migrations/002-settings';
import { migration004 } from '../../../../src-main/ledger/migrations/004-dns-checks';
import { migrations } from '../../../../src-main/ledger/migrations';
import { migrate } from '../../../../src-main/ledger/open';

function freshDb() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-m004-'));
  const db = new Database(path.join(dir, 'l.sqlite'));
  db.pragma('foreign_keys = ON');
  migrate(db, [migration001, migration002, migration004]);
  db.prepare(`INSERT INTO tenants (id, name, name_lc, domain, created_at, updated_at) VALUES ('t1', 'Acme', 'acme', 'acme.com', 'x', 'x')`).run();
  return db;
}

const insert = (db: Database.Database, vals: { tenant?: string; status?: string; report?: string; drift?: string }) =>
  db
    .prepare(`INSERT INTO dns_checks (tenant_id, domain, checked_at, status, report_json, drift_json) VALUES (?, 'acme.com', '2026-01-01T00:00:00Z', ?, ?, ?)`)
    .run(vals.tenant ?? 't1', vals.status ?? 'ok', vals.report ?? '{}', vals.drift ?? '[]');

describe('migration 004 dns-checks', () => {
  it('is listed in version order', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toContain(4);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it('creates the history table with its indexes', () => {
    const db = freshDb();
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    const cols = (db.prepare(`PRAGMA table_info(dns_checks)`).all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(['id', 'tenant_id', 'domain', 'checked_at', 'status', 'report_json', 'drift_json']);
    const indexes = (db.prepare(`PRAGMA index_list(dns_checks)`).all() as { name: string }[]).map((i) => i.name).sort();
    expect(indexes).toEqual(['dns_checks_status', 'dns_checks_tenant', 'dns_checks_tenant_domain']);
    insert(db, {});
    expect(db.prepare(`SELECT drift_json FROM dns_checks`).pluck().get()).toBe('[]');
  });

  it('enforces status values, valid JSON and the tenant reference (cascading deletes)', () => {
    const db = freshDb();
    expect(() => insert(db, { status: 'great' })).toThrow(/CHECK/);
    expect(() => insert(db, { report: '{not json' })).toThrow(/CHECK/);
    expect(() => insert(db, { drift: 'nope' })).toThrow(/CHECK/);
    expect(() => insert(db, { tenant: 'ghost' })).toThrow(/FOREIGN KEY/);
    insert(db, { status: 'failing' });
    db.prepare(`DELETE FROM tenants WHERE id = 't1'`).run();
    expect(db.prepare(`SELECT COUNT(*) FROM dns_checks`).pluck().get()).toBe(0);
  });
});
