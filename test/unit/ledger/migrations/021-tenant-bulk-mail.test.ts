import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/ledger/migrations';
import { migration021 } from '../../../../src-main/ledger/migrations/021-tenant-bulk-mail';
import { freshLedgers } from './fresh-ledgers';

const open = freshLedgers('behalf-m021-');
type Db = ReturnType<typeof open>;
const tenant = (db: Db, id: string) =>
  db.prepare("INSERT INTO tenants (id, name, name_lc, domain, created_at, updated_at) VALUES (?, ?, ?, 'acme.example', 't', 't')").run(id, id, id);
const record = (db: Db, id: string, value: string) =>
  db.prepare("INSERT INTO tenant_bulk_mail (tenant_id, bulk_mail, updated_at) VALUES (?, ?, 't')").run(id, value);

describe('migration 021 (tenant bulk mail)', () => {
  it('is listed once, in version order', () => {
    expect(migrations.filter((m) => m.version === 21)).toEqual([migration021]);
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
  });

  it('keeps one known value per tenant and goes with its tenant', () => {
    const db = open([...migrations]);
    tenant(db, 'acme');
    record(db, 'acme', 'broadcast');
    expect(() => record(db, 'acme', 'none')).toThrow(/UNIQUE|PRIMARY KEY/);
    tenant(db, 'other');
    expect(() => record(db, 'other', 'sometimes')).toThrow(/CHECK/);
    expect(() => record(db, 'nobody', 'none')).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM tenants WHERE id = 'acme'").run();
    expect(db.prepare('SELECT count(*) AS n FROM tenant_bulk_mail').get()).toEqual({ n: 0 });
  });
});
