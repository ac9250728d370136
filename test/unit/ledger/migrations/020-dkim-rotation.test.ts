import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/ledger/migrations';
import { migration020 } from '../../../../src-main/ledger/migrations/020-dkim-rotation';
import { freshLedgers } from './fresh-ledgers';

const open = freshLedgers('behalf-m020-');
type Db = ReturnType<typeof open>;
const tenant = (db: Db, id: string) =>
  db.prepare("INSERT INTO tenants (id, name, name_lc, domain, created_at, updated_at) VALUES (?, ?, ?, 'acme.example', 't', 't')").run(id, id, id);
const rotation = (db: Db, stage: string, tenantId = 'acme') =>
  db
    .prepare(
      "INSERT INTO dkim_rotations (tenant_id, domain_id, old_host, old_public_key, stage, queued_at, updated_at) VALUES (?, 1, 'a._domainkey.acme.example', 'MIGf', ?, 't', 't')",
    )
    .run(tenantId, stage);

describe('migration 020 (DKIM rotation)', () => {
  it('is listed once, in version order', () => {
    expect(migrations.filter((m) => m.version === 20)).toEqual([migration020]);
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
  });

  it('keeps one sighting per key and one open rotation per tenant; both go with their tenant', () => {
    const db = open([...migrations]);
    tenant(db, 'acme');
    const key = db.prepare(
      "INSERT INTO dkim_keys (tenant_id, host, public_key, first_seen_active_at) VALUES ('acme', 'a._domainkey.acme.example', 'MIGf', 't')",
    );
    key.run();
    expect(() => key.run()).toThrow(/UNIQUE/);
    rotation(db, 'queued');
    expect(() => rotation(db, 'new-key-pending')).toThrow(/UNIQUE/);
    expect(() => rotation(db, 'spinning')).toThrow(/CHECK/);
    db.prepare("UPDATE dkim_rotations SET stage = 'old-key-deleted'").run();
    rotation(db, 'queued'); // the earlier one finished: a new one may open
    db.prepare("DELETE FROM tenants WHERE id = 'acme'").run();
    expect(db.prepare('SELECT (SELECT count(*) FROM dkim_keys) + (SELECT count(*) FROM dkim_rotations) AS n').get()).toEqual({ n: 0 });
  });

  it('widens the alert kinds and keeps the alerts already raised, ids included', () => {
    const db = open(migrations.filter((m) => m.version < 20));
    tenant(db, 'acme');
    db.prepare(
      "INSERT INTO alerts (id, fact_key, kind, tenant_id, title, detail, raised_at, acknowledged_at) VALUES (7, 'dkim-gone:acme', 'dkim-gone', 'acme', 'T', 'D', 'r', 'a')",
    ).run();
    expect(() =>
      db.prepare("INSERT INTO alerts (fact_key, kind, tenant_id, title, detail, raised_at) VALUES ('x', 'dkim-revoked-safe', 'acme', 'T', 'D', 'r')").run(),
    ).toThrow(/CHECK/);
    migration020.up(db);
    expect(db.prepare('SELECT id, fact_key, kind, acknowledged_at FROM alerts').all()).toEqual([
      { id: 7, fact_key: 'dkim-gone:acme', kind: 'dkim-gone', acknowledged_at: 'a' },
    ]);
    db.prepare("INSERT INTO alerts (fact_key, kind, tenant_id, title, detail, raised_at) VALUES ('x', 'dkim-revoked-safe', 'acme', 'T', 'D', 'r')").run();
    expect(() => db.prepare("INSERT INTO alerts (fact_key, kind, title, detail, raised_at) VALUES ('y', 'weather', 'T', 'D', 'r')").run()).toThrow(/CHECK/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'alerts' AND name LIKE 'alerts_%' ORDER BY name").all()).toEqual([
      { name: 'alerts_open' },
      { name: 'alerts_tenant' },
    ]);
  });
});
