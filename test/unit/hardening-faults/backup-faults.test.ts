import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../../src-main/ledger/open';
import { tempDir } from '../../support/temp';
import { ledgerFingerprint } from '../backups/backup-helpers';
import { ensureBuilt, integrityCheck, query, startCli, waitUntil, type Child } from './child';
import { addTenantsOneByOne } from './ledger-fleet';

/**
 * Issue #20 item 5, with the built CLI as real processes: snapshots taken while other processes write, and
 * kill -9 of a restore at the moment it is copying into the ledger.
 */
const running: Child[] = [];
beforeAll(() => ensureBuilt(), 600_000);
afterEach(async () => {
  for (const c of running.splice(0)) if (!c.exited()) await c.kill9();
});
const log = (line: string) => console.log(`[backup-faults] ${line}`);

async function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = startCli(args);
  running.push(child);
  const code = await child.done();
  return { code, out: child.stdout(), err: child.stderr() };
}

/** Every tenant arrived whole: its one "created" audit row names it, and each writer's tenants are a prefix 0..k-1. */
function assertWhole(ledger: string, prefixes: string[]): number {
  expect(integrityCheck(ledger)).toBe('ok');
  const tenants = query<{ id: string; name: string; domain: string }>(ledger, 'SELECT id, name, domain FROM tenants');
  const created = query<{ tenant_id: string; new_value: string }>(ledger, "SELECT tenant_id, new_value FROM audit WHERE action = 'created'");
  expect(created).toHaveLength(tenants.length);
  const byId = new Map(created.map((c) => [c.tenant_id, c.new_value]));
  for (const t of tenants) expect(byId.get(t.id)).toBe(`${t.name} (${t.domain})`);
  for (const p of prefixes) {
    const numbers = tenants
      .filter((t) => t.name.startsWith(`${p} `))
      .map((t) => Number(t.name.slice(p.length + 1)))
      .sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i));
  }
  return tenants.length;
}

describe('backups under fire', () => {
  it('snapshots taken while two processes add tenants restore to a consistent ledger', async () => {
    const home = tempDir('behalf-backup-writes-');
    let writing = true;
    const writers = Promise.all(['W1', 'W2'].map((p) => addTenantsOneByOne(home, p, 12, () => !writing)));
    const snapshots: string[] = [];
    // Let the writers start, then take snapshots one after another while they go on.
    await waitUntil(() => fs.existsSync(path.join(home, 'ledger.sqlite')), 'the ledger');
    for (let i = 0; i < 4; i++) {
      const r = await run(['backup', '--json', '--home', home]);
      expect(r.code, r.err).toBe(0);
      snapshots.push(JSON.parse(r.out).file);
    }
    writing = false;
    const tallies = await writers;
    for (const t of tallies) expect(t.failures).toEqual([]);
    const counts: number[] = [];
    for (const snap of snapshots) {
      const target = tempDir('behalf-backup-restored-');
      const r = await run(['restore', snap, '--yes', '--json', '--home', target]);
      expect(r.code, r.err).toBe(0);
      counts.push(assertWhole(path.join(target, 'ledger.sqlite'), ['W1', 'W2']));
      expect(JSON.parse(r.out).tenants).toBe(counts.at(-1));
    }
    log(`4 snapshots during ${tallies.reduce((n, t) => n + t.ok, 0)} adds held ${counts.join(', ')} tenants; each restored whole`);
    // The snapshots really were taken mid-stream: not all empty, not all complete.
    expect(Math.max(...counts)).toBeGreaterThan(0);
    expect(Math.min(...counts)).toBeLessThan(tallies.reduce((n, t) => n + t.ok, 0));
  }, 240_000);

  it('kill -9 of behalf restore leaves the old ledger or the new one, never a mix', async () => {
    const outcomes: string[] = [];
    // Moments: while it copies into the ledger (the WAL is growing), and a spread of plain delays around it.
    const moments: (number | 'mid-copy' | 'done')[] = ['mid-copy', 'mid-copy', 'mid-copy', 30, 120, 250, 400, 'done'];
    for (const moment of moments) {
      const { home, ledger, snap, oldPrint, newPrint } = bigRestoreCase();
      const child = startCli(['restore', snap, '--yes', '--home', home]);
      running.push(child);
      if (moment === 'mid-copy') {
        // The copy into the ledger is one write transaction; its pages spill into the WAL before it commits.
        await waitUntil(
          () => (fs.statSync(`${ledger}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 4_000_000 || child.exited(),
          'the copy into the ledger',
          60_000,
        );
      } else if (moment === 'done')
        expect(await child.done(), child.stderr()).toBe(0); // the positive control
      else await new Promise((r) => setTimeout(r, moment));
      const finished = child.exited();
      await child.kill9();
      expect(integrityCheck(ledger)).toBe('ok');
      const print = ledgerFingerprint(ledger);
      const state = print === oldPrint ? 'old' : print === newPrint ? 'new' : 'MIX';
      outcomes.push(`${moment}: ${state}${finished ? ' (had finished)' : ''}`);
      expect(state, `killed at ${moment}`).not.toBe('MIX');
      if (moment === 'mid-copy') expect(finished).toBe(false);
      // And the ledger still works for the next command.
      expect((await run(['tenants', 'add', '--name', 'After', '--domain', 'after.example', '--home', home])).code).toBe(0);
    }
    log(`kill -9 during restore: ${outcomes.join('; ')}`);
    expect(outcomes.filter((o) => o.startsWith('mid-copy: old'))).toHaveLength(3);
    expect(outcomes.at(-1)).toBe('done: new (had finished)');
  }, 300_000);
});

/** A small current ledger and a ~30 MB snapshot, so the copy into the ledger takes long enough to be interrupted. */
function bigRestoreCase() {
  const home = tempDir('behalf-restore-kill-');
  const ledger = path.join(home, 'ledger.sqlite');
  const db = openLedger(ledger);
  const insert = db.prepare("INSERT INTO tenants (id, name, name_lc, domain, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'a', 'a')");
  for (let i = 0; i < 50; i++) insert.run(`old${i}`, `Old ${i}`, `old ${i}`, `old${i}.example`, '');
  db.close();
  const snap = path.join(tempDir('behalf-restore-snap-'), 'behalf-2026-01-01T00-00-00-000Z.sqlite');
  const big = openLedger(snap);
  const bigInsert = big.prepare("INSERT INTO tenants (id, name, name_lc, domain, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'a', 'a')");
  const audit = big.prepare("INSERT INTO audit (tenant_id, at, action, new_value) VALUES (?, 'a', 'created', ?)");
  big.exec('BEGIN');
  for (let i = 0; i < 3000; i++) {
    bigInsert.run(`new${i}`, `New ${i}`, `new ${i}`, `new${i}.example`, 'n'.repeat(10_000));
    audit.run(`new${i}`, `New ${i}`);
  }
  big.exec('COMMIT');
  big.pragma('journal_mode = DELETE');
  big.close();
  return { home, ledger, snap, oldPrint: ledgerFingerprint(ledger), newPrint: fingerprintOf(snap) };
}

function fingerprintOf(file: string): string {
  const copy = path.join(tempDir(), 'copy.sqlite');
  const db = new Database(file, { readonly: true });
  db.close();
  fs.copyFileSync(file, copy);
  return ledgerFingerprint(copy);
}
