import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/ledger/migrations';
import { migration011 } from '../../../../src-main/ledger/migrations/011-dmarc-failures';
import { freshLedgers } from './fresh-ledgers';

const open = freshLedgers('behalf-m011-');
const digest = (c: string) => c.repeat(64);
const insert = (db: ReturnType<typeof open>, over: Record<string, unknown> = {}) => db.prepare(`INSERT INTO dmarc_failures (digest, domain, imported_at)
  VALUES (@digest, @domain, 't')`).run({ digest: digest('a'), domain: 'acme.example', ...over });

describe('migration 011 (DMARC failure reports)', () => {
  it('is listed once, after 010', () => {
    expect(migrations.filter((m) => m.version === 11)).toEqual([migration011]);
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
