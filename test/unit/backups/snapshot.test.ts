import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeSnapshot } from '../../../src-main/backups/snapshot';
import { checkSnapshotOffThread } from '../../../src-main/backups/snapshot-check';
import { listSnapshotFiles, snapshotFileName } from '../../../src-main/backups/snapshot-files';
import { openLedger } from '../../../src-main/ledger/open';
import { tempDir } from '../../support/temp';
import { cli, tenantNames } from './backup-helpers';

const mode = (f: string) => fs.statSync(f).mode & 0o777;

describe('snapshots (issue #20 item 1)', () => {
  it('behalf backup writes a verified, standalone, owner-only snapshot into <data dir>/backups', async () => {
    const home = tempDir();
    expect((await cli('tenants', 'add', '--name', 'Acme', '--domain', 'acme.example', '--home', home)).code).toBe(0);
    const r = await cli('backup', '--json', '--home', home);
    expect(r.code, r.err).toBe(0);
    const info = JSON.parse(r.out);
    expect(path.dirname(info.file)).toBe(path.join(home, 'backups'));
    expect(info).toMatchObject({ tenants: 1, reports: 0, schemaVersion: expect.any(Number) });
    expect(mode(info.file)).toBe(0o600);
    expect(mode(path.dirname(info.file))).toBe(0o700);
    // Standalone: no WAL flag, so the single file is the whole snapshot (no -wal/-shm needed or left behind).
    expect(fs.readFileSync(info.file).subarray(18, 20)).toEqual(Buffer.from([1, 1]));
    expect(fs.readdirSync(path.dirname(info.file))).toEqual([path.basename(info.file)]);
    expect(tenantNames(info.file)).toEqual(['Acme']);
  });

  it('removes the temporary file of a snapshot whose process died, not of one still running', async () => {
    const home = tempDir();
    const dir = path.join(home, 'backups');
    fs.mkdirSync(dir, { recursive: true });
    const dead = path.join(dir, '.behalf-2026-01-01T00-00-00-000Z.sqlite.999999.tmp');
    const running = path.join(dir, `.behalf-2026-01-01T00-00-00-000Z.sqlite.${process.ppid}.tmp`);
    fs.writeFileSync(dead, 'x');
    fs.writeFileSync(running, 'x');
    expect((await cli('backup', '--home', home)).code).toBe(0);
    expect([fs.existsSync(dead), fs.existsSync(running)]).toEqual([false, true]);
  });

  it('Settings: a chosen folder is used; a relative path or control characters are refused', async () => {
    const home = tempDir();
    const folder = path.join(tempDir(), 'elsewhere', 'snaps');
    expect((await cli('settings', 'set', `backupFolder=${folder}`, '--home', home)).code).toBe(0);
    const r = await cli('backup', '--json', '--home', home);
    expect(path.dirname(JSON.parse(r.out).file)).toBe(folder);
    const relative = await cli('settings', 'set', 'backupFolder=backups', '--json', '--home', home);
    expect(JSON.parse(relative.out).error.message).toContain('full path');
    const control = await cli('settings', 'set', `backupFolder=/tmp/a\u001b[31m`, '--json', '--home', home);
    expect(JSON.parse(control.out).error.message).toContain('control characters');
  });

  it('--out FILE writes there (0600) and prunes nothing', async () => {
    const home = tempDir();
    const out = path.join(tempDir(), 'nightly.sqlite');
    const r = await cli('backup', '--out', out, '--home', home);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('integrity ok');
    expect(mode(out)).toBe(0o600);
  });

  it('keeps the newest N and deletes only files named like snapshots', async () => {
    const home = tempDir();
    await cli('settings', 'set', 'backupKeep=3', '--home', home);
    const dir = path.join(home, 'backups');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    for (let i = 0; i < 5; i++) {
      const r = await cli('backup', '--home', home);
      expect(r.code, r.err).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 3)); // distinct millisecond names
    }
    const left = listSnapshotFiles(dir);
    expect(left).toHaveLength(3);
    expect(fs.existsSync(path.join(dir, 'notes.txt'))).toBe(true);
  });

  it('the copy is made standalone and checked on a worker thread, not the caller’s (P5: 2.8 s at every start)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'copy.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE tenants (id TEXT PRIMARY KEY); PRAGMA user_version = 1;');
    db.close();
    const walFlag = () => fs.readFileSync(file).subarray(18, 20).toString('hex'); // header bytes 18–19: 0202 in WAL mode, 0101 without
    expect(walFlag()).toBe('0202');
    const checking = checkSnapshotOffThread(file);
    // Run on this thread, the call would only return once the file was switched and checked.
    expect(walFlag()).toBe('0202');
    await expect(checking).resolves.toMatchObject({ schemaVersion: 1, tenants: 0 });
    expect(walFlag()).toBe('0101');
  });

  it('a ledger file is copied by the worker, not through the caller’s connection (P8: 18 s of steps at start)', async () => {
    const home = tempDir();
    const db = openLedger(path.join(home, 'ledger.sqlite'));
    try {
      db.prepare(
        `INSERT INTO tenants (id, name, name_lc, contact_name, contact_email, domain, from_address, from_name, option, status,
           notes, created_at, updated_at) VALUES ('t1', 'Acme', 'acme', '', '', 'acme.example', '', '', NULL, 'draft', '', 'x', 'x')`,
      ).run();
      // The caller's connection must not step a backup: every step of one runs on the calling thread.
      db.backup = () => Promise.reject(new Error('copied on the calling thread'));
      const info = await takeSnapshot(db, { dir: path.join(home, 'backups'), keep: 3 });
      expect(info).toMatchObject({ tenants: 1 });
      expect(tenantNames(info.file)).toEqual(['Acme']);
      // Standalone, as before.
      expect(fs.readFileSync(info.file).subarray(18, 20)).toEqual(Buffer.from([1, 1]));
    } finally {
      db.close();
    }
  });

  it('a snapshot that fails its check is discarded and older snapshots are not pruned', async () => {
    const dir = tempDir();
    for (let i = 0; i < 3; i++) fs.writeFileSync(path.join(dir, snapshotFileName(new Date(Date.UTC(2026, 0, 1 + i)))), 'old');
    // A "ledger" from a newer Behalf: the copy is made, but verifying it must refuse it.
    const db = new Database(path.join(tempDir(), 'newer.sqlite'));
    db.exec('CREATE TABLE tenants (id TEXT PRIMARY KEY); PRAGMA user_version = 999;');
    await expect(takeSnapshot(db, { dir, keep: 1 })).rejects.toMatchObject({ code: 'backup.unverified' });
    db.close();
    expect(listSnapshotFiles(dir)).toHaveLength(3);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
