import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/ledger/migrations';
import { migration010 } from '../../../../src-main/ledger/migrations/010-send-confirming';
import { schemaVersion, type Db } from '../../../../src-main/ledger/open';
import { freshLedgers } from './fresh-ledgers';

const open = freshLedgers('behalf-m010-');
const fresh = (): Db => open([...migrations]);

describe('migration 010 (send confirming)', () => {
  it('is listed once, in version order', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(migrations.filter((m) => m.version === 10)).toEqual([migration010]);
  });

  it('adds lost_at, confirm_misses (default 0, never negative) and last_miss_at to send_queue', () => {
    const db = fresh();
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(10);
    const cols = db.prepare(`PRAGMA table_info(send_queue)`).all() as Array<{ name: string; dflt_value: string | null }>;
    expect(cols.map((c) => c.name)).toEqual(expect.arrayContaining(['lost_at', 'confirm_misses', 'last_miss_at']));
    expect(cols.find((c) => c.name === 'confirm_misses')!.dflt_value).toBe('0');
    const T = '2026-01-01T00:00:00.000Z';
    db.prepare(`INSERT INTO tenants (id, name, name_lc, domain, status, created_at, updated_at) VALUES ('t', 't', 't', 't.com', 'draft', ?, ?)`).run(T, T);
    db.prepare(
      `INSERT INTO test_sends (tenant_id, server_id, from_header, subject, text_body, send_key, state, created_at, updated_at) VALUES ('t', 1, 'a@t.com', 's', 'b', 'k', 'queued', ?, ?)`,
    ).run(T, T);
    db.prepare(`INSERT INTO send_queue (send_id, idempotency_key, created_at, updated_at) VALUES (1, 'k', ?, ?)`).run(T, T);
    expect(() => db.prepare(`UPDATE send_queue SET confirm_misses = -1`).run()).toThrow(/CHECK/);
  });
});
