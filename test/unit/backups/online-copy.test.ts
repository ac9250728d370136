import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { onlineCopy } from '../../../src-main/backups/online-copy';
import { openLedger } from '../../../src-main/ledger/open';
import { tempDir } from '../../support/temp';

describe('online copy with a writer between its steps', () => {
  it('finishes (after two start-overs it copies the rest in one step) and the copy is whole', async () => {
    const file = path.join(tempDir(), 'ledger.sqlite');
    const db = openLedger(file);
    const insert = db.prepare("INSERT INTO tenants (id, name, name_lc, domain, notes, created_at, updated_at) VALUES (?, ?, ?, 'w.example', ?, 'a', 'a')");
    for (let i = 0; i < 3000; i++) insert.run(`t${i}`, `T ${i}`, `t ${i}`, 'x'.repeat(10_000)); // ~30 MB: many steps
    // Another connection commits on every turn of the event loop, i.e. between every two steps of the copy.
    const other = new Database(file);
    let n = 0;
    let writing = true;
    const write = () => {
      if (!writing) return;
      other.prepare("INSERT INTO tenants (id, name, name_lc, domain, created_at, updated_at) VALUES (?, 'W', 'w', 'w.example', 'a', 'a')").run(`w${n++}`);
      setImmediate(write);
    };
    setImmediate(write);
    const out = path.join(tempDir(), 'copy.sqlite');
    const { restarts } = await onlineCopy(db, out);
    writing = false;
    expect(restarts).toBe(2);
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const copied = (copy.prepare("SELECT count(*) AS c FROM tenants WHERE id LIKE 'w%'").get() as { c: number }).c;
    expect(copied).toBeGreaterThan(0);
    expect(copied).toBeLessThanOrEqual(n);
    copy.close();
    other.close();
    db.close();
  });
});
