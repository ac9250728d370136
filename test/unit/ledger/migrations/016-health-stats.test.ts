import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/ledger/migrations';
import { migration016 } from '../../../../src-main/ledger/migrations/016-health-stats';
import { freshLedgers } from './fresh-ledgers';

const open = freshLedgers('behalf-m016-');
type Db = ReturnType<typeof open>;
const tenant = (db: Db, id: string) =>
  db.prepare("INSERT INTO tenants (id, name, name_lc, domain, created_at, updated_at) VALUES (?, ?, ?, 'acme.example', 't', 't')").run(id, id, id);
const day = (db: Db, id: string, date: string, sent = 10) =>
  db
    .prepare(
      'INSERT INTO health_days (tenant_id, day, sent, hard_bounces, soft_bounces, transient, smtp_errors, complaints, fetched_at) VALUES (?, ?, ?, 0, 0, 0, 0, 0, ?)',
    )
    .run(id, date, sent, 't');

describe('migration 016 (sending health cache)', () => {
  it('is listed once, in version order', () => {
    expect(migrations.filter((m) => m.version === 16)).toEqual([migration016]);
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
  });

  it('keeps one row per tenant and day, refuses negative counts and odd days, and goes with its tenant', () => {
    const db = open([...migrations]);
    tenant(db, 'acme');
    day(db, 'acme', '2026-11-30');
    expect(() => day(db, 'acme', '2026-11-30')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => day(db, 'acme', '30/11/2026')).toThrow(/CHECK/);
    expect(() => day(db, 'acme', '2026-12-01', -1)).toThrow(/CHECK/);
    expect(() => day(db, 'nobody', '2026-12-01')).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO health_fetches (tenant_id, server_id, attempted_at) VALUES ('acme', 1001, 't')").run();
    db.prepare("DELETE FROM tenants WHERE id = 'acme'").run();
    expect(db.prepare('SELECT count(*) AS n FROM health_days').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM health_fetches').get()).toEqual({ n: 0 });
  });
});
