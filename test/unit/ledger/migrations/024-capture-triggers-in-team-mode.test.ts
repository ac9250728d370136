import { describe, expect, it } from 'vitest';
import { installAllCaptureTriggers, triggerNames } from '../../../../src-main/ledger/capture-trigger-store';
import { migrations } from '../../../../src-main/ledger/migrations';
import { migration024 } from '../../../../src-main/ledger/migrations/024-capture-triggers-in-team-mode';
import { openLedger, type Db } from '../../../../src-main/ledger/open';
import { SHARED_TABLES } from '../../../../src-main/ledger/shared-tables';
import { freshLedgerFiles } from './fresh-ledgers';

const ledgerFile = freshLedgerFiles('behalf-m024-');
const before024 = migrations.filter((m) => m.version < 24);
const everyTrigger = SHARED_TABLES.flatMap(triggerNames).sort();
const captureTriggers = (db: Db) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'team_capture_%' ORDER BY name`).all() as { name: string }[]).map(
    (t) => t.name,
  );
const changes = (db: Db) => db.prepare('SELECT table_name, op FROM team_changes ORDER BY seq').all() as { table_name: string; op: string }[];
const addTenant = (db: Db, id: string) =>
  db.prepare(`INSERT INTO tenants (id, name, name_lc, domain, created_at, updated_at) VALUES (?, ?, lower(?), ?, 't', 't')`).run(id, id, id, `${id}.example`);

describe('migration 024 (capture triggers only in team mode)', () => {
  it('is listed once, in version order', () => {
    expect(migrations.filter((m) => m.version === 24)).toEqual([migration024]);
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
  });

  it('takes the triggers out of a single-user ledger, and its rows stay', () => {
    const file = ledgerFile();
    const old = openLedger(file, before024);
    expect(captureTriggers(old)).toEqual(everyTrigger);
    addTenant(old, 't1');
    old.close();
    const db = openLedger(file);
    try {
      expect(captureTriggers(db)).toEqual([]);
      expect(db.prepare('SELECT id FROM tenants').all()).toEqual([{ id: 't1' }]);
      // Other triggers (the audit's operator) are not capture triggers and stay.
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_operator'`).get()).toEqual({ name: 'audit_operator' });
    } finally {
      db.close();
    }
  });

  it('keeps them in a ledger in team mode, which goes on recording', () => {
    const file = ledgerFile();
    const old = openLedger(file, before024);
    old.prepare('UPDATE team_capture SET capturing = 1').run();
    old.close();
    const db = openLedger(file);
    try {
      expect(captureTriggers(db)).toEqual(everyTrigger);
      addTenant(db, 't1');
      expect(changes(db)).toEqual([{ table_name: 'tenants', op: 'insert' }]);
    } finally {
      db.close();
    }
  });

  it('leaves a fresh ledger without them until team mode starts, which installs every one', () => {
    const db = openLedger(ledgerFile());
    try {
      expect(captureTriggers(db)).toEqual([]);
      addTenant(db, 't1');
      expect(changes(db)).toEqual([]);
      installAllCaptureTriggers(db);
      db.prepare('UPDATE team_capture SET capturing = 1').run();
      expect(captureTriggers(db)).toEqual(everyTrigger);
      addTenant(db, 't2');
      expect(changes(db)).toEqual([{ table_name: 'tenants', op: 'insert' }]);
    } finally {
      db.close();
    }
  });
});
