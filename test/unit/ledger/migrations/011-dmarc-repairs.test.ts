import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/ledger/migrations';
import { migration011 } from '../../../../src-main/ledger/migrations/011-dmarc-repairs';
import { schemaVersion, type Db } from '../../../../src-main/ledger/open';
import { freshLedgers } from './fresh-ledgers';

const open = freshLedgers('behalf-m011-');

const insert = (db: Db, repairs?: string) =>
  db
    .prepare(
      `INSERT INTO dmarc_reports (org, report_id, domain, date_begin, date_end, schema, imported_at
  ${repairs === undefined ? '' : ', repairs'}) VALUES ('g', ?, 'acme.com', 1, 2, 'rfc7489', 't' ${repairs === undefined ? '' : ', ?'})`,
    )
    .run(...(repairs === undefined ? [`r${Math.random()}`] : [`r${Math.random()}`, repairs]));

describe('migration 011 (DMARC repair notes)', () => {
  it('is listed once, in version order', () => {
    expect(migrations.filter((m) => m.version === 11)).toEqual([migration011]);
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
  });

  it('gives reports imported before it an empty list, on a ledger that already holds reports', () => {
    const db = open(migrations.filter((m) => m.version < 11));
    insert(db);
    db.transaction(() => migration011.up(db))();
    expect(db.prepare('SELECT repairs, content_sha256 FROM dmarc_reports').get()).toEqual({ repairs: '[]', content_sha256: null });
  });

  it('keeps a JSON array and refuses anything else', () => {
    const db = open([...migrations]);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(11);
    insert(db, '[{"code":"dmarc.repair.result-case","message":"m"}]');
    expect(() => insert(db, 'not json')).toThrow(/CHECK/);
    expect(() => insert(db, '{"code":"x"}')).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE dmarc_reports SET content_sha256 = 'short'`).run()).toThrow(/CHECK/);
  });
});
