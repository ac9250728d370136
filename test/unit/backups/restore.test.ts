import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../../src-main/ledger/open';
import { migrations } from '../../../src-main/ledger/migrations';
import { listSnapshotFiles } from '../../../src-main/backups/snapshot-files';
import { tempDir } from '../../support/temp';
import { cli, ledgerFingerprint, tenantNames } from './backup-helpers';

async function homeWithSnapshot() {
  const home = tempDir();
  await cli('tenants', 'add', '--name', 'Kept', '--domain', 'kept.example', '--home', home);
  const snap = JSON.parse((await cli('backup', '--json', '--home', home)).out).file as string;
  await cli('tenants', 'add', '--name', 'Later', '--domain', 'later.example', '--home', home);
  return { home, snap, ledger: path.join(home, 'ledger.sqlite') };
}

describe('behalf restore (issue #20 item 2)', () => {
  it('restores a snapshot, keeps the current ledger as a snapshot first, and says what it restored', async () => {
    const { home, snap, ledger } = await homeWithSnapshot();
    const r = await cli('restore', snap, '--yes', '--json', '--home', home);
    expect(r.code, r.err).toBe(0);
    const result = JSON.parse(r.out);
    expect(result).toMatchObject({ tenants: 1, reports: 0, restoredFrom: snap });
    expect(result.snapshotDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(tenantNames(ledger)).toEqual(['Kept']);
    expect(path.basename(result.keptCurrentAs)).toMatch(/-before-restore\.sqlite$/);
    expect(tenantNames(result.keptCurrentAs)).toEqual(['Kept', 'Later']);
    expect(fs.statSync(result.keptCurrentAs).mode & 0o777).toBe(0o600);
    // The restored ledger is a working ledger: the next command writes to it.
    expect((await cli('tenants', 'add', '--name', 'After', '--domain', 'after.example', '--home', home)).code).toBe(0);
    expect(tenantNames(ledger)).toEqual(['After', 'Kept']);
  });

  it('removes the working copy a killed restore left behind (its process is gone), not one of a live process', async () => {
    const { home, snap } = await homeWithSnapshot();
    const dead = path.join(home, '.restore-999999.sqlite');
    const live = path.join(home, `.restore-${process.ppid}.sqlite`);
    for (const f of [dead, `${dead}-wal`, live]) fs.writeFileSync(f, 'left over');
    expect((await cli('restore', snap, '--yes', '--home', home)).code).toBe(0);
    expect([fs.existsSync(dead), fs.existsSync(`${dead}-wal`), fs.existsSync(live)]).toEqual([false, false, true]);
  });

  it('without --yes it only says what would happen', async () => {
    const { home, snap, ledger } = await homeWithSnapshot();
    const before = ledgerFingerprint(ledger);
    const r = await cli('restore', snap, '--home', home);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Add --yes');
    expect(ledgerFingerprint(ledger)).toBe(before);
  });

  const refusals: [string, (dir: string) => string, string, RegExp][] = [
    ['a text file', (dir) => write(dir, 'notes.txt', 'tenants: acme\n'), 'restore.not-a-ledger', /not an SQLite database/],
    [
      'a foreign SQLite database',
      (dir) => sqlite(dir, 'other.sqlite', 'CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES (1);'),
      'restore.not-a-ledger',
      /not a Behalf ledger/,
    ],
    [
      'a newer ledger',
      (dir) => sqlite(dir, 'newer.sqlite', 'CREATE TABLE tenants (id TEXT); PRAGMA user_version = 999;'),
      'restore.too-new',
      /newer Behalf \(schema 999/,
    ],
    ['a corrupt ledger', (dir) => corrupted(dir), 'restore.corrupt', /integrity check/],
  ];
  for (const [what, make, code, reason] of refusals) {
    it(`refuses ${what} with the reason, and changes nothing`, async () => {
      const { home, ledger } = await homeWithSnapshot();
      const file = make(tempDir());
      const before = ledgerFingerprint(ledger);
      const snapshotsBefore = listSnapshotFiles(path.join(home, 'backups')).length;
      const r = await cli('restore', file, '--yes', '--json', '--home', home);
      expect(r.code).toBe(3);
      const error = JSON.parse(r.out).error;
      expect(error.code).toBe(code);
      expect(error.message).toMatch(reason);
      expect(error.hint).toBeTruthy();
      expect(ledgerFingerprint(ledger)).toBe(before);
      expect(listSnapshotFiles(path.join(home, 'backups'))).toHaveLength(snapshotsBefore);
    });
  }

  it('migrates an older snapshot forward', async () => {
    const home = tempDir();
    await cli('tenants', 'list', '--home', home);
    const old = path.join(tempDir(), 'v1.sqlite');
    const db = openLedger(
      old,
      migrations.filter((m) => m.version <= 1),
    );
    db.prepare(
      "INSERT INTO tenants (id, name, name_lc, domain, created_at, updated_at) VALUES ('t1', 'Old', 'old', 'old.example', '2025-01-01', '2025-01-01')",
    ).run();
    db.close();
    const r = await cli('restore', old, '--yes', '--json', '--home', home);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ fromSchemaVersion: 1, schemaVersion: Math.max(...migrations.map((m) => m.version)), tenants: 1 });
    expect(JSON.parse((await cli('tenants', 'list', '--json', '--home', home)).out)).toMatchObject({ rows: [{ name: 'Old' }] });
  });
});

function write(dir: string, name: string, text: string): string {
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
}

function sqlite(dir: string, name: string, sql: string): string {
  const db = new Database(path.join(dir, name));
  db.exec(sql);
  db.close();
  return path.join(dir, name);
}

/** A real ledger with one of its b-tree pages overwritten: SQLite opens it, integrity_check does not pass. */
function corrupted(dir: string): string {
  const file = path.join(dir, 'corrupt.sqlite');
  const db = openLedger(file);
  for (let i = 0; i < 200; i++)
    db.prepare("INSERT INTO tenants (id, name, name_lc, domain, created_at, updated_at) VALUES (?, ?, ?, 'x.example', 'a', 'a')").run(
      `t${i}`,
      `Name ${i}`.repeat(20),
      `name ${i}`,
    );
  db.pragma('journal_mode = DELETE');
  db.close();
  const bytes = fs.readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  bytes.fill(0x5a, pageSize * 3 + 8, pageSize * 4); // a page in the middle: its cells become garbage
  fs.writeFileSync(file, bytes);
  return file;
}
