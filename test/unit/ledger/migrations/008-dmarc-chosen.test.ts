import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/ledger/migrations';
import { freshLedgers } from './fresh-ledgers';
import { migration008 } from '../../../../src-main/ledger/migrations/008-dmarc-chosen';
import { schemaVersion, type Db } from '../../../../src-main/ledger/open';

const open = freshLedgers('behalf-m008-');
// The table references tenants, so it is applied on top of the earlier migrations.
const fresh = (): Db => open([...migrations]);

const T = '2026-01-01T00:00:00.000Z';
function addTenant(db: Db, id: string): void {
  db.prepare(`INSERT INTO tenants (id, name, name_lc, domain, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'draft', ?, ?)`).run(
    id,
    id,
    id,
    `${id}.com`,
    T,
    T,
  );
}
const insert = (db: Db, over: Partial<Record<string, unknown>> = {}) =>
  db
    .prepare(
      `INSERT INTO dmarc_chosen_records
  (tenant_id, domain, input_json, value, authorizations_json, plan_json, chosen_at)
  VALUES (@tenant, @domain, @input, @value, @auth, @plan, @t)`,
    )
    .run({ tenant: 't1', domain: 'acme.com', input: '{"p":"none"}', value: 'v=DMARC1; p=none', auth: '[]', plan: null, t: T, ...over });

describe('migration 008 (chosen DMARC record)', () => {
  it('is listed once, in version order, after 007', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.filter((v) => v === 8)).toHaveLength(1);
    expect(migrations.find((m) => m.version === 8)).toBe(migration008);
  });

  it('applies on a fresh ledger with every migration', () => {
    const db = fresh();
    expect(schemaVersion(db)).toBe(Math.max(...migrations.map((m) => m.version)));
    const cols = (db.prepare(`PRAGMA table_info(dmarc_chosen_records)`).all() as Array<{ name: string }>).map((c) => c.name);
    expect(cols).toEqual(['tenant_id', 'domain', 'input_json', 'value', 'authorizations_json', 'plan_json', 'chosen_at']);
  });

  it('keeps one record per tenant, and needs the tenant to exist', () => {
    const db = fresh();
    expect(() => insert(db)).toThrow(/FOREIGN KEY/);
    addTenant(db, 't1');
    insert(db);
    expect(() => insert(db)).toThrow(/UNIQUE|PRIMARY KEY/);
  });

  it('checks the value is a DMARC record, the domain lower case and the JSON columns', () => {
    const db = fresh();
    addTenant(db, 't1');
    expect(() => insert(db, { value: 'v=spf1 -all' })).toThrow(/CHECK/);
    expect(() => insert(db, { domain: 'Acme.com' })).toThrow(/CHECK/);
    expect(() => insert(db, { input: 'not json' })).toThrow(/CHECK/);
    expect(() => insert(db, { input: '[]' })).toThrow(/CHECK/);
    expect(() => insert(db, { auth: '{}' })).toThrow(/CHECK/);
    expect(() => insert(db, { plan: '[1]' })).toThrow(/CHECK/);
    insert(db, { plan: '{"domain":"acme.com","steps":[]}', auth: '[{"name":"acme.com._report._dmarc.vendor.net","value":"v=DMARC1"}]' });
  });

  it('goes with its tenant', () => {
    const db = fresh();
    addTenant(db, 't1');
    insert(db);
    db.prepare('DELETE FROM tenants WHERE id = ?').run('t1');
    expect((db.prepare('SELECT COUNT(*) AS n FROM dmarc_chosen_records').get() as { n: number }).n).toBe(0);
  });
});
