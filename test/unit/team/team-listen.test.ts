import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PgCluster } from '../../support/postgres/cluster';
import { ensureBuilt, TeamConsole, waitFor } from '../../support/team/consoles';
import { tempServices } from '../../support/temp';

/**
 * An open console (`behalf team watch`, the same runner the browser host and Electron start) gets the team's
 * changes the moment they are pushed — LISTEN/NOTIFY, no polling of the server — and pushes its own as they are made.
 */
const PASSWORD = 'listen-pw-5';
let cluster: PgCluster;
let ann: TeamConsole;
let ben: TeamConsole;

const state = (c: TeamConsole, key: string) => c.query<{ value_json: string }>('SELECT value_json FROM team_state WHERE key = ?', key)[0]?.value_json;
const option = (c: TeamConsole) => c.query<{ option: number | null }>(`SELECT option FROM tenants WHERE name = 'Acme'`)[0]?.option;

beforeAll(async () => {
  ensureBuilt();
  cluster = await startPostgres();
  await cluster.createTeamDatabase('team', 'behalf', PASSWORD);
  const url = cluster.url({ user: 'behalf', password: PASSWORD, db: 'team' });
  ann = new TeamConsole('ann', { BEHALF_TEAM_PASSWORD: PASSWORD });
  ben = new TeamConsole('ben', { BEHALF_TEAM_PASSWORD: PASSWORD });
  await ann.ok('tenants', 'add', '--name', 'Acme', '--domain', 'acme.example', '--option', '1');
  await ann.ok('team', 'init', url, '--name', 'Ann', '--email', 'ann@vendor.example');
  await ben.ok('team', 'join', url, '--name', 'Ben', '--email', 'ben@vendor.example');
}, 300_000);

afterAll(() => {
  ann?.destroy();
  ben?.destroy();
  cluster?.destroy();
});

describe('an open console', { timeout: 300_000 }, () => {
  it('pulls a change the moment another console pushes it, and pushes its own as they are made', async () => {
    const joinedAt = state(ben, 'lastSyncAt');
    const watch = ben.start(['team', 'watch']);
    // Connected and listening: its first round after connecting has run.
    await waitFor('the watching console to connect', () => state(ben, 'lastSyncAt') !== joinedAt, 120_000);
    await ann.ok('tenants', 'set', 'Acme', '--option', '2');
    await ann.ok('team', 'sync');
    await waitFor('the change to reach the open console', () => option(ben) === 2, 60_000);

    await ben.ok('tenants', 'set', 'Acme', '--notes', 'from the open console');
    await waitFor(
      'the open console to push its edit',
      () => ben.query<{ n: number }>('SELECT count(*) AS n FROM team_changes WHERE pushed_at IS NULL')[0]!.n === 0,
      60_000,
    );
    await ann.ok('team', 'sync');
    expect(ann.query(`SELECT notes FROM tenants WHERE name = 'Acme'`)).toEqual([{ notes: 'from the open console' }]);
    watch.proc.kill('SIGTERM');
    expect((await watch.done).code).toBe(0);
  });

  it('pushes an edit made in the console at once, not on its next poll', async () => {
    const s = tempServices({ home: ben.home, env: { BEHALF_TEAM_PASSWORD: PASSWORD } });
    const before = s.team().status().lastSyncAt;
    // A poll far beyond the test's patience: only the nudge after the write can push it in time.
    const stop = s.team().startRunner({ pollMs: 3_600_000 });
    try {
      await waitFor('the runner to connect', () => s.team().status().lastSyncAt !== before, 60_000);
      const acme = s.tenants.list({ search: 'acme' }).rows[0]!;
      s.tenants.update(acme.id, { notes: 'pushed at once' });
      expect(s.team().status().waiting).toBeGreaterThan(0); // the tenant's row and its audit entry
      await waitFor('the edit to be pushed', () => s.team().status().waiting === 0, 30_000);
    } finally {
      await stop();
      s.close();
    }
    await ann.ok('team', 'sync');
    expect(ann.query(`SELECT notes FROM tenants WHERE name = 'Acme'`)).toEqual([{ notes: 'pushed at once' }]);
  });
});
