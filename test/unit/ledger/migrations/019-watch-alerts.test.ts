import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/ledger/migrations';
import { migration019 } from '../../../../src-main/ledger/migrations/019-watch-alerts';
import { freshLedgers } from './fresh-ledgers';

const open = freshLedgers('behalf-m019-');
type Db = ReturnType<typeof open>;
const tenant = (db: Db, id: string) =>
  db.prepare("INSERT INTO tenants (id, name, name_lc, domain, created_at, updated_at) VALUES (?, ?, ?, 'acme.example', 't', 't')").run(id, id, id);
const alert = (db: Db, key: string, kind = 'dkim-gone', tenantId: string | null = 'acme') =>
  db.prepare("INSERT INTO alerts (fact_key, kind, tenant_id, title, detail, raised_at) VALUES (?, ?, ?, 'DKIM gone', 'd', 't')").run(key, kind, tenantId);

describe('migration 019 (watch alerts)', () => {
  it('is listed once, in version order', () => {
    expect(migrations.filter((m) => m.version === 19)).toEqual([migration019]);
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
  });

  it('keeps one alert per fact key, refuses unknown kinds and goes with its tenant', () => {
    const db = open([...migrations]);
    tenant(db, 'acme');
    alert(db, 'dkim-gone:acme:pm._domainkey');
    expect(() => alert(db, 'dkim-gone:acme:pm._domainkey')).toThrow(/UNIQUE/);
    expect(() => alert(db, 'other', 'weather')).toThrow(/CHECK/);
    expect(() => alert(db, 'nobody-key', 'dkim-gone', 'nobody')).toThrow(/FOREIGN KEY/);
    alert(db, 'dmarc:acme', 'dmarc-tightened');
    db.prepare("DELETE FROM tenants WHERE id = 'acme'").run();
    expect(db.prepare('SELECT count(*) AS n FROM alerts').get()).toEqual({ n: 0 });
  });
});
