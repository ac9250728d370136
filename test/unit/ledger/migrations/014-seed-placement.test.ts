import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/ledger/migrations';
import { migration014 } from '../../../../src-main/ledger/migrations/014-seed-placement';
import { schemaVersion, type Db } from '../../../../src-main/ledger/open';
import { freshLedgers } from './fresh-ledgers';

const open = freshLedgers('behalf-m014-');
const fresh = (): Db => open([...migrations]);

describe('migration 014 (seed placement)', () => {
  it('is listed once, in version order', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(migrations.filter((m) => m.version === 14)).toEqual([migration014]);
  });

  it('adds event_server, placement (inbox/spam/missing or NULL) and placement_at to test_send_recipients', () => {
    const db = fresh();
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(14);
    const cols = db.prepare(`PRAGMA table_info(test_send_recipients)`).all() as Array<{ name: string }>;
    expect(cols.map((c) => c.name)).toEqual(expect.arrayContaining(['event_server', 'placement', 'placement_at']));
    const T = '2026-01-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO test_sends (tenant_id, server_id, from_header, subject, text_body, send_key, state, created_at, updated_at) VALUES ('t', 1, 'a@t.com', 's', 'b', 'k', 'sent', ?, ?)`,
    ).run(T, T);
    db.prepare(`INSERT INTO test_send_recipients (send_id, address) VALUES (1, 'seed@gmail.test')`).run();
    const row = db.prepare(`SELECT event_server, placement, placement_at FROM test_send_recipients`).get();
    expect(row).toEqual({ event_server: '', placement: null, placement_at: null });
    for (const p of ['inbox', 'spam', 'missing']) db.prepare(`UPDATE test_send_recipients SET placement = ?, placement_at = ?`).run(p, T);
    expect(() => db.prepare(`UPDATE test_send_recipients SET placement = 'junk'`).run()).toThrow(/CHECK/);
  });
});
