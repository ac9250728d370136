import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/ledger/migrations';
import { migration017 } from '../../../../src-main/ledger/migrations/017-team-ledger';
import { installAllCaptureTriggers, sharedColumns, triggerNames } from '../../../../src-main/ledger/capture-trigger-store';
import { SHARED_TABLES } from '../../../../src-main/ledger/shared-tables';
import { freshLedgers } from './fresh-ledgers';

const open = freshLedgers('behalf-m017-');
type Db = ReturnType<typeof open>;
const addTenant = (db: Db, id: string, name: string) =>
  db
    .prepare(`INSERT INTO tenants (id, name, name_lc, domain, created_at, updated_at) VALUES (?, ?, lower(?), ?, 't', 't')`)
    .run(id, name, name, `${id}.example`);
const changes = (db: Db) =>
  db.prepare('SELECT table_name, key_json, op, old_json, new_json, operator_name FROM team_changes ORDER BY seq').all() as Record<string, string | null>[];
/** Team mode as team init and join start it (the triggers only exist then, since migration 024). */
const capture = (db: Db, on: 0 | 1) => {
  if (on) installAllCaptureTriggers(db);
  db.prepare('UPDATE team_capture SET capturing = ?').run(on);
};

describe('migration 017 (team ledger)', () => {
  it('is listed once, in version order', () => {
    expect(migrations.filter((m) => m.version === 17)).toEqual([migration017]);
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
  });

  it('records nothing in single-user mode (capture off)', () => {
    const db = open([...migrations]);
    addTenant(db, 't1', 'Acme');
    db.prepare(`UPDATE tenants SET option = 2 WHERE id = 't1'`).run();
    expect(changes(db)).toEqual([]);
  });

  it('records inserts, field updates, key changes and deletes of shared rows, with the operator', () => {
    const db = open([...migrations]);
    db.prepare(`INSERT INTO team_state (key, value_json) VALUES ('operator', json_object('name', 'Jane', 'email', 'jane@vendor.example'))`).run();
    capture(db, 1);
    addTenant(db, 't1', 'Acme');
    db.prepare(`UPDATE tenants SET option = 2 WHERE id = 't1'`).run();
    db.prepare(`UPDATE tenants SET option = 2 WHERE id = 't1'`).run(); // no change: nothing recorded
    db.prepare(`INSERT INTO tenant_tags (tenant_id, tag) VALUES ('t1', 'vip')`).run();
    db.prepare(`UPDATE tenant_tags SET tag = 'gold' WHERE tenant_id = 't1'`).run();
    db.prepare(`DELETE FROM tenant_tags`).run();
    const c = changes(db);
    expect(c.map((x) => [x.table_name, x.op, x.key_json])).toEqual([
      ['tenants', 'insert', '["t1"]'],
      ['tenants', 'update', '["t1"]'],
      ['tenant_tags', 'insert', '["t1","vip"]'],
      ['tenant_tags', 'delete', '["t1","vip"]'],
      ['tenant_tags', 'insert', '["t1","gold"]'],
      ['tenant_tags', 'delete', '["t1","gold"]'],
    ]);
    expect(JSON.parse(c[1]!.old_json!).option).toBeNull();
    expect(JSON.parse(c[1]!.new_json!).option).toBe(2);
    expect(c.every((x) => x.operator_name === 'Jane')).toBe(true);
  });

  it('shares team settings but not personal ones', () => {
    const db = open([...migrations]);
    capture(db, 1);
    const set = db.prepare(`INSERT INTO settings (key, value_json, updated_at) VALUES (?, '1', 't')`);
    set.run('vendorName');
    set.run('dnsServers');
    set.run('postmarkEndpoint');
    expect(changes(db).map((x) => x.key_json)).toEqual(['["vendorName"]']);
  });

  it('fills the operator on audit rows and sends them as appended rows without their local id', () => {
    const db = open([...migrations]);
    const audit = db.prepare(`INSERT INTO audit (tenant_id, at, action) VALUES ('t1', 't', 'created')`);
    audit.run();
    expect(db.prepare('SELECT operator_name FROM audit').get()).toEqual({ operator_name: null });
    db.prepare(`INSERT INTO team_state (key, value_json) VALUES ('operator', json_object('name', 'Jane', 'email', 'jane@vendor.example'))`).run();
    capture(db, 1);
    audit.run();
    expect(db.prepare('SELECT operator_name, operator_email FROM audit WHERE id = 2').get()).toEqual({
      operator_name: 'Jane',
      operator_email: 'jane@vendor.example',
    });
    const [c] = changes(db);
    expect(c!.op).toBe('append');
    const row = JSON.parse(c!.new_json!);
    expect(row).not.toHaveProperty('id');
    expect(row).toMatchObject({ action: 'created', operator_name: 'Jane' });
  });

  it('has triggers that cover every column of every shared table', () => {
    const db = open([...migrations]);
    capture(db, 1);
    for (const table of SHARED_TABLES) {
      for (const name of triggerNames(table)) {
        const sql = (db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`).get(name) as { sql: string } | undefined)?.sql;
        expect(sql, name).toBeTruthy();
        for (const col of sharedColumns(db, table)) expect(sql, `${name} lacks ${col}`).toContain(`'${col}'`);
      }
    }
  });
});
