import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/ledger/migrations';
import { migration012 } from '../../../../src-main/ledger/migrations/012-dmarc-mailbox';
import { freshLedgers } from './fresh-ledgers';

const open = freshLedgers('behalf-m012-');

describe('migration 012 (DMARC mailbox)', () => {
  it('is listed once, in version order', () => {
    expect(migrations.filter((m) => m.version === 12)).toEqual([migration012]);
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
  });

  it('holds one row with safe defaults (TLS on, port 993, no polling, redact personal data)', () => {
    const db = open([...migrations]);
    db.prepare(`INSERT INTO dmarc_mailbox (id, updated_at) VALUES (1, 't')`).run();
    expect(db.prepare('SELECT host, port, tls, folder, processed_folder, unreadable_folder, poll_minutes, ruf_personal FROM dmarc_mailbox').get()).toEqual({
      host: '',
      port: 993,
      tls: 1,
      folder: 'INBOX',
      processed_folder: 'DMARC/Processed',
      unreadable_folder: 'DMARC/Unreadable',
      poll_minutes: 0,
      ruf_personal: 'redact',
    });
    expect(() => db.prepare(`INSERT INTO dmarc_mailbox (id, updated_at) VALUES (2, 't')`).run()).toThrow(/CHECK/);
  });

  it('refuses impossible values', () => {
    const db = open([...migrations]);
    const bad = (col: string, v: unknown) => () => db.prepare(`INSERT INTO dmarc_mailbox (id, ${col}, updated_at) VALUES (1, ?, 't')`).run(v);
    expect(bad('port', 0)).toThrow(/CHECK/);
    expect(bad('tls', 2)).toThrow(/CHECK/);
    expect(bad('folder', '')).toThrow(/CHECK/);
    expect(bad('poll_minutes', 5000)).toThrow(/CHECK/);
    expect(bad('ruf_personal', 'share')).toThrow(/CHECK/);
  });
});
