import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PgCluster } from '../../support/postgres/cluster';
import { ensureBuilt, TeamConsole, waitFor } from '../../support/team/consoles';

/**
 * A push cut off in the middle: the console killed with SIGKILL, and PostgreSQL restarted, while the push waits
 * inside its transaction. Afterwards every change is in the team's log exactly once and the other console's
 * ledger equals this one's — nothing lost, nothing applied twice (audit rows, which are appended, would show it).
 *
 * "Mid-push" is made certain, not timed: the test holds a row lock in PostgreSQL on a tenant that the last batch
 * edits, so the push commits its first batches and then waits on that lock until the test acts.
 */
const PASSWORD = 'fault-pw-81';
let cluster: PgCluster;
let ann: TeamConsole;
let ben: TeamConsole;
let url: string;

const countWaiting = (c: TeamConsole) => c.query<{ n: number }>('SELECT count(*) AS n FROM team_changes WHERE pushed_at IS NULL')[0]!.n;
const countLocal = (c: TeamConsole) => c.query<{ n: number }>('SELECT count(*) AS n FROM team_changes')[0]!.n;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
const logged = (consoleId: string) =>
  admin(
    async (c) =>
      (await c.query<{ n: string; d: string }>('SELECT count(*) AS n, count(DISTINCT change_id) AS d FROM changes WHERE console_id = $1', [consoleId]))
        .rows[0]!,
  );

/** Holds tenant `id`'s row in the team ledger until release(): a push that touches it waits there. */
async function holdRow(id: string) {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  await c.query('BEGIN');
  await c.query(`SELECT 1 FROM rows WHERE table_name = 'tenants' AND key_json = $1 FOR UPDATE`, [JSON.stringify([id])]);
  return {
    release: async () => {
      await c.query('ROLLBACK').catch(() => undefined);
      await c.end().catch(() => undefined);
    },
  };
}

const pushWaitsOnLock = () =>
  admin(async (c) => (await c.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'behalf' AND wait_event_type = 'Lock'`)).rowCount! > 0);

async function importTenants(c: TeamConsole, prefix: string, n: number) {
  const file = path.join(c.home, `${prefix}.csv`);
  fs.writeFileSync(file, ['name,domain,tags', ...Array.from({ length: n }, (_, i) => `${prefix} ${i},${prefix}-${i}.example,bulk`)].join('\n'));
  await c.ok('tenants', 'import', file);
}

beforeAll(async () => {
  ensureBuilt();
  cluster = await startPostgres();
  await cluster.createTeamDatabase('team', 'behalf', PASSWORD);
  url = cluster.url({ user: 'behalf', password: PASSWORD, db: 'team' });
  ann = new TeamConsole('ann', { BEHALF_TEAM_PASSWORD: PASSWORD });
  ben = new TeamConsole('ben', { BEHALF_TEAM_PASSWORD: PASSWORD });
  await ann.ok('tenants', 'add', '--name', 'Blocker', '--domain', 'blocker.example');
  await ann.ok('team', 'init', url, '--name', 'Ann', '--email', 'ann@vendor.example');
  await ben.ok('team', 'join', url, '--name', 'Ben', '--email', 'ben@vendor.example');
}, 300_000);

afterAll(() => {
  ann?.destroy();
  ben?.destroy();
  cluster?.destroy();
});

describe('a push cut off midway', { timeout: 600_000 }, () => {
  it('kill -9 of the console mid-push: no change lost, none applied twice', async () => {
    const blocker = ann.query<{ id: string }>(`SELECT id FROM tenants WHERE name = 'Blocker'`)[0]!.id;
    await importTenants(ann, 'Kill', 250); // > 500 changes: several batches before the edit below
    await ann.ok('tenants', 'set', blocker, '--notes', 'edited last');
    const consoleId = ann.query<{ value_json: string }>(`SELECT value_json FROM team_state WHERE key = 'console'`)[0]!.value_json.replace(/"/g, '');
    const hold = await holdRow(blocker);
    const push = ann.start(['team', 'sync']);
    await waitFor('the push to wait on the held row', pushWaitsOnLock, 120_000);
    const before = Number((await logged(consoleId)).n);
    expect(before).toBeGreaterThan(0); // some batches are in…
    expect(countWaiting(ann)).toBeGreaterThan(0); // …and some are not
    await ann.kill9(push);
    await hold.release();

    const again = await ann.run('team', 'sync', '--json');
    expect(again.code, again.err).toBe(0);
    expect(countWaiting(ann)).toBe(0);
    const after = await logged(consoleId);
    expect(after.n).toBe(after.d);
    expect(Number(after.n)).toBe(countLocal(ann));

    await ben.ok('team', 'sync');
    expect(ben.shared()).toEqual(ann.shared());
    expect(ben.query(`SELECT notes FROM tenants WHERE id = ?`, blocker)).toEqual([{ notes: 'edited last' }]);
  });

  it('PostgreSQL restarted mid-push: the running console reconnects and finishes, once', async () => {
    const blocker = ann.query<{ id: string }>(`SELECT id FROM tenants WHERE name = 'Blocker'`)[0]!.id;
    const hold = await holdRow(blocker);
    const watch = ann.start(['team', 'watch']);
    await waitFor('the console to start watching', () => /watching/.test(watch.out()), 120_000);
    await importTenants(ann, 'Restart', 250);
    await ann.ok('tenants', 'set', blocker, '--notes', 'edited during a restart');
    await waitFor('the push to wait on the held row', pushWaitsOnLock, 120_000);
    expect(countWaiting(ann)).toBeGreaterThan(0);
    cluster.stop('fast'); // ends every session: the held lock, and the push's transaction with it
    await hold.release();
    cluster.start();
    await waitFor('the watching console to push everything', () => countWaiting(ann) === 0, 180_000);
    watch.proc.kill('SIGTERM');
    expect((await watch.done).code).toBe(0);

    const consoleId = ann.query<{ value_json: string }>(`SELECT value_json FROM team_state WHERE key = 'console'`)[0]!.value_json.replace(/"/g, '');
    const logged2 = await logged(consoleId);
    expect(logged2.n).toBe(logged2.d);
    expect(Number(logged2.n)).toBe(countLocal(ann));
    await ben.ok('team', 'sync');
    expect(ben.shared()).toEqual(ann.shared());
    expect(ben.query(`SELECT count(*) AS n FROM tenants WHERE name LIKE 'Restart %'`)).toEqual([{ n: 250 }]);
  });
});
