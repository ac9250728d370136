import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/ledger/migrations';
import { migration018 } from '../../../../src-main/ledger/migrations/018-seed-mailbox';
import { schemaVersion, type Db } from '../../../../src-main/ledger/open';
import { freshLedgers } from './fresh-ledgers';

const open = freshLedgers('behalf-m018-');
const fresh = (list = [...migrations]): Db => open(list);
const T = '2026-01-01T00:00:00.000Z';

describe('migration 018 (seed mailbox, placement read from it)', () => {
  it('is listed once, in version order', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(migrations.filter((m) => m.version === 18)).toEqual([migration018]);
  });

  it('adds the IMAP mailbox to seed_inboxes (none by default, TLS on port 993) with checked port and TLS', () => {
    const db = fresh();
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(18);
    db.prepare(
      `INSERT INTO seed_inboxes (address, address_lc, provider, active, created_at, updated_at) VALUES ('a@gmail.test', 'a@gmail.test', 'Gmail', 1, ?, ?)`,
    ).run(T, T);
    expect(db.prepare(`SELECT imap_host, imap_port, imap_tls, imap_user, authserv_id FROM seed_inboxes`).get()).toEqual({
      imap_host: '',
      imap_port: 993,
      imap_tls: 1,
      imap_user: '',
      authserv_id: '',
    });
    expect(() => db.prepare(`UPDATE seed_inboxes SET imap_port = 0`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE seed_inboxes SET imap_tls = 2`).run()).toThrow(/CHECK/);
    const cols = (db.prepare(`PRAGMA table_info(seed_inboxes)`).all() as Array<{ name: string }>).map((c) => c.name);
    expect(cols.some((c) => /pass/i.test(c))).toBe(false); // the password lives in the vault only
  });

  it('adds placement_source (auto/manual), found_folder, auth_json and mailbox_checked_at; earlier marks become manual', () => {
    const before = migrations.filter((m) => m.version < 18);
    const db = fresh(before);
    db.prepare(
      `INSERT INTO test_sends (tenant_id, server_id, from_header, subject, text_body, send_key, state, created_at, updated_at) VALUES ('t', 1, 'a@t.com', 's', 'b', 'k', 'sent', ?, ?)`,
    ).run(T, T);
    db.prepare(`INSERT INTO test_send_recipients (send_id, address, placement, placement_at) VALUES (1, 'marked@gmail.test', 'spam', ?)`).run(T);
    db.prepare(`INSERT INTO test_send_recipients (send_id, address) VALUES (1, 'unmarked@gmail.test')`).run();
    migration018.up(db);
    expect(
      db.prepare(`SELECT address, placement_source, found_folder, auth_json, mailbox_checked_at, mailbox_error FROM test_send_recipients ORDER BY id`).all(),
    ).toEqual([
      { address: 'marked@gmail.test', placement_source: 'manual', found_folder: '', auth_json: null, mailbox_checked_at: null, mailbox_error: '' },
      { address: 'unmarked@gmail.test', placement_source: null, found_folder: '', auth_json: null, mailbox_checked_at: null, mailbox_error: '' },
    ]);
    expect(() => db.prepare(`UPDATE test_send_recipients SET placement_source = 'guess'`).run()).toThrow(/CHECK/);
  });
});
