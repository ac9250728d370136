import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BehalfError, toApiError } from '../../../src-preload/api/errors';
import { LEDGER_BUSY_TIMEOUT_MS, openLedger, type Db } from '../../../src-main/ledger/open';
import { writeTransaction } from '../../../src-main/ledger/write-transaction';
import { tempDir } from '../../support/temp';
import { ensureBuilt, startCli, waitUntil, type Child } from '../hardening-faults/child';

/**
 * Issue #21 item 3: when the write lock cannot be had in time, the write fails as `ledger.busy` — before
 * anything was written — naming who holds the lock where the OS tells (Linux /proc/locks), and the CLI exits 3
 * after waiting its timeout. A lock released within the timeout is simply waited for.
 */
const HOLDER = path.resolve('test/unit/ledger/support/hold-write-lock.mjs');
const open: Array<Db | Database.Database> = [];
const children: Child[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) db.close();
  for (const c of children.splice(0)) if (!c.exited()) await c.kill9();
});

function holdLock(file: string, ms: number): Promise<Child> {
  const proc = spawn(process.execPath, [HOLDER, file, String(ms)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  const child: Child = {
    proc,
    stdout: () => out,
    stderr: () => '',
    exited: () => proc.exitCode !== null || proc.signalCode !== null,
    kill9: async () => void (proc.kill('SIGKILL'), await new Promise((r) => proc.once('exit', r))),
    done: () => new Promise((r) => proc.once('exit', r)),
  };
  children.push(child);
  return waitUntil(() => out.includes('held') || child.exited(), 'the lock holder').then(() => child);
}

function ledgerIn(home: string): { file: string; db: Db } {
  const file = path.join(home, 'ledger.sqlite');
  const db = openLedger(file);
  open.push(db);
  return { file, db };
}

describe('ledger.busy', () => {
  beforeAll(() => ensureBuilt(), 600_000);

  it('a write that cannot get the lock fails as ledger.busy naming the holder, and wrote nothing', async () => {
    const { file, db } = ledgerIn(tempDir('behalf-busy-'));
    db.pragma('busy_timeout = 200'); // this test only: do not wait the full ledger timeout
    const holder = await holdLock(file, 60_000);
    let caught: unknown;
    try {
      writeTransaction(db, () => db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('k', '1', 'now')").run());
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(BehalfError);
    expect((caught as BehalfError).code).toBe('ledger.busy');
    expect((caught as BehalfError).message).toBe(`The ledger is busy (held by node hold-write-lock.mjs (pid ${holder.proc.pid})); nothing was saved.`);
    await holder.kill9();
    expect(db.prepare('SELECT COUNT(*) AS n FROM settings WHERE key = ?').get('k')).toEqual({ n: 0 });
  });

  it('a raw SQLITE_BUSY from a single statement crosses the doors as ledger.busy too', () => {
    const err = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY_SNAPSHOT' });
    expect(toApiError(err)).toMatchObject({ code: 'ledger.busy', message: 'The ledger is busy (held by another process); nothing was saved.' });
  });

  it('the CLI waits for a lock released within its timeout, and succeeds', async () => {
    const home = tempDir('behalf-busy-wait-');
    ledgerIn(home);
    await holdLock(path.join(home, 'ledger.sqlite'), 1500);
    const add = startCli(['tenants', 'add', '--name', 'Patient', '--domain', 'patient.example.test', '--json', '--home', home]);
    children.push(add);
    expect(await add.done(), add.stderr()).toBe(0);
    expect(JSON.parse(add.stdout())).toMatchObject({ name: 'Patient' });
  });

  it(`the CLI gives up after ${LEDGER_BUSY_TIMEOUT_MS} ms with exit 3 and says who holds the ledger`, async () => {
    const home = tempDir('behalf-busy-cli-');
    ledgerIn(home);
    const holder = await holdLock(path.join(home, 'ledger.sqlite'), 60_000);
    const add = startCli(['tenants', 'add', '--name', 'Blocked', '--domain', 'blocked.example.test', '--home', home]);
    children.push(add);
    expect(await add.done()).toBe(3);
    expect(add.stderr()).toContain(`behalf: The ledger is busy (held by node hold-write-lock.mjs (pid ${holder.proc.pid})); nothing was saved.`);
    expect(add.stderr()).toContain('hint: Try again in a moment.');
    await holder.kill9();
    const retry = startCli(['tenants', 'add', '--name', 'Blocked', '--domain', 'blocked.example.test', '--json', '--home', home]);
    children.push(retry);
    expect(await retry.done(), retry.stderr()).toBe(0);
  }, 30_000);
});
