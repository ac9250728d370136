import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/ledger/migrations';
import { freshLedgers } from './fresh-ledgers';
import { migration005 } from '../../../../src-main/ledger/migrations/005-dmarc';
import { schemaVersion, type Db } from '../../../../src-main/ledger/open';

const open = freshLedgers('behalf-m005-');
const fresh = (list = [migration005]): Db => open(list);

const insertReport = `INSERT INTO dmarc_reports (org, report_id, domain, date_begin, date_end, schema, imported_at)
  VALUES (?, ?, 'acme.example', 1, 2, ?, '2025-01-01T00:00:00Z')`;

describe('migration 005 (dmarc)', () => {
  it('is listed once, in version order, after 002', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.filter((v) => v === 5)).toHaveLength(1);
    expect(migrations.find((m) => m.version === 5)).toBe(migration005);
  });

  it('creates the tables and the date-range indexes', () => {
    const db = fresh();
    expect(schemaVersion(db)).toBe(5);
    const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table','index') ORDER BY name`).all() as Array<{ name: string }>).map(
      (r) => r.name,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'dmarc_reports',
        'dmarc_rows',
        'ptr_cache',
        'dmarc_reports_domain',
        'dmarc_rows_domain_date',
        'dmarc_rows_from_date',
        'dmarc_rows_report',
      ]),
    );
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT SUM(count) FROM dmarc_rows WHERE domain = 'a' AND date_begin >= 1 AND date_begin < 9`).all() as Array<{
      detail: string;
    }>;
    expect(plan.map((p) => p.detail).join(' ')).toContain('dmarc_rows_domain_date');
  });

  it('refuses a second report with the same org and report id', () => {
    const db = fresh();
    db.prepare(insertReport).run('google.com', 'r1', 'rfc7489');
    db.prepare(insertReport).run('yahoo.com', 'r1', 'rfc7489');
    expect(() => db.prepare(insertReport).run('google.com', 'r1', 'rfc9990')).toThrow(/UNIQUE/);
  });

  it('only knows the two report schemas, and rows cannot outlive or lack their report', () => {
    const db = fresh();
    expect(() => db.prepare(insertReport).run('x', 'y', 'rfc9999')).toThrow(/CHECK/);
    const id = db.prepare(insertReport).run('google.com', 'r2', 'rfc9990').lastInsertRowid;
    const row = `INSERT INTO dmarc_rows (report_id, domain, date_begin, date_end, source_ip, count) VALUES (?, 'acme.example', 1, 2, '192.0.2.1', ?)`;
    db.prepare(row).run(id, 3);
    expect(() => db.prepare(row).run(id, -1)).toThrow(/CHECK/);
    expect(() => db.prepare(row).run(999_999, 1)).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM dmarc_reports WHERE id = ?').run(id);
    expect(db.prepare('SELECT COUNT(*) AS n FROM dmarc_rows').get()).toEqual({ n: 0 });
  });

  it('caches PTR answers by IP, including "no PTR" as NULL', () => {
    const db = fresh();
    db.prepare(`INSERT INTO ptr_cache (ip, ptr, resolved_at) VALUES ('192.0.2.1', NULL, 'now')`).run();
    expect(() => db.prepare(`INSERT INTO ptr_cache (ip, ptr, resolved_at) VALUES ('192.0.2.1', 'x', 'now')`).run()).toThrow(/UNIQUE|PRIMARY/);
  });

  it('applies on top of every earlier migration in the full list', () => {
    const db = fresh([...migrations]);
    expect(schemaVersion(db)).toBe(Math.max(...migrations.map((m) => m.version)));
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'dmarc_rows'`).get()).toBeTruthy();
  });
});
