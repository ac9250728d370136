import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/ledger/migrations';
import { migration015 } from '../../../../src-main/ledger/migrations/015-dmarc-legitimate';
import { freshLedgers } from './fresh-ledgers';

const open = freshLedgers('behalf-m015-');
const insert = (db: ReturnType<typeof open>, domain: string, sender: string) =>
  db.prepare('INSERT INTO dmarc_legitimate_senders (domain, sender_domain, marked_at) VALUES (?, ?, ?)').run(domain, sender, 't');

describe('migration 015 (DMARC legitimate senders)', () => {
  it('is listed once, in version order', () => {
    expect(migrations.filter((m) => m.version === 15)).toEqual([migration015]);
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
  });

  it('keeps one row per domain and sender, lower-case and non-empty', () => {
    const db = open([...migrations]);
    insert(db, 'news.example', 'mail.newstool.example');
    insert(db, 'other.example', 'mail.newstool.example');
    expect(() => insert(db, 'news.example', 'mail.newstool.example')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert(db, 'News.example', 'x.example')).toThrow(/CHECK/);
    expect(() => insert(db, 'news.example', 'X.example')).toThrow(/CHECK/);
    expect(() => insert(db, 'news.example', '')).toThrow(/CHECK/);
  });
});
