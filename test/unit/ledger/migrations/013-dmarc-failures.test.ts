import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/ledger/migrations';
import { migration013 } from '../../../../src-main/ledger/migrations/013-dmarc-failures';
import { freshLedgers } from './fresh-ledgers';

const open = freshLedgers('behalf-m013-');
const digest = (c: string) => c.repeat(64);
const insert = (db: ReturnType<typeof open>, over: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO dmarc_failures (digest, domain, imported_at)
  VALUES (@digest, @domain, 't')`,
    )
    .run({ digest: digest('a'), domain: 'acme.example', ...over });

describe('migration 013 (DMARC failure reports)', () => {
  it('is listed once, in version order', () => {
    expect(migrations.filter((m) => m.version === 13)).toEqual([migration013]);
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
  });

  it('keeps personal data NULL unless given, one row per digest, lower-case domains', () => {
    const db = open([...migrations]);
    insert(db);
    expect(db.prepare('SELECT subject, recipients, source_ip FROM dmarc_failures').get()).toEqual({ subject: null, recipients: null, source_ip: '' });
    expect(() => insert(db)).toThrow(/UNIQUE/);
    expect(() => insert(db, { digest: digest('b'), domain: 'Acme.example' })).toThrow(/CHECK/);
    expect(() => insert(db, { digest: 'short' })).toThrow(/CHECK/);
  });
});
