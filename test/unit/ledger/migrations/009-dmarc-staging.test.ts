import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/ledger/migrations';
import { migration009 } from '../../../../src-main/ledger/migrations/009-dmarc-staging';
import { schemaVersion, type Db } from '../../../../src-main/ledger/open';
import { freshLedgers } from './fresh-ledgers';

const open = freshLedgers('behalf-m009-');
const upTo8 = () => open(migrations.filter((m) => m.version <= 8));

const insertReport = (db: Db, reportId: string, stagedBy?: string | null) =>
  stagedBy === undefined
    ? db
        .prepare(
          `INSERT INTO dmarc_reports (org, report_id, domain, date_begin, date_end, schema, imported_at)
      VALUES ('google.com', ?, 'acme.example', 0, 86399, 'rfc7489', '2026-01-01T00:00:00.000Z')`,
        )
        .run(reportId)
    : db
        .prepare(
          `INSERT INTO dmarc_reports (org, report_id, domain, date_begin, date_end, schema, imported_at, staged_by)
      VALUES ('google.com', ?, 'acme.example', 0, 86399, 'rfc7489', '2026-01-01T00:00:00.000Z', ?)`,
        )
        .run(reportId, stagedBy);

describe('migration 009 (staged DMARC reports)', () => {
  it('is listed once, in version order, after 008', () => {
    expect(migrations.filter((m) => m.version === 9)).toEqual([migration009]);
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
  });

  it('keeps reports imported before it as published (staged_by NULL)', () => {
    const db = upTo8();
    insertReport(db, 'old-1');
    migration009.up(db);
    expect(db.prepare('SELECT staged_by FROM dmarc_reports').all()).toEqual([{ staged_by: null }]);
  });

  it('applies on a fresh ledger with every migration, with a partial index for staged reports', () => {
    const db = open([...migrations]);
    expect(schemaVersion(db)).toBe(Math.max(...migrations.map((m) => m.version)));
    insertReport(db, 'r1', 'host:42');
    insertReport(db, 'r2', null);
    expect(() => insertReport(db, 'r3', '')).toThrow(/CHECK/);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM dmarc_reports WHERE staged_by IS NOT NULL').all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/dmarc_reports_staged/);
  });
});
