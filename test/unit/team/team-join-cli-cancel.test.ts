import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PgCluster } from '../../support/postgres/cluster';
import { ensureBuilt, TeamConsole, waitFor } from '../../support/team/consoles';
import { holdingProxy } from '../../support/team/holding-proxy';

/**
 * The CLI's `behalf team join` shares the console's code path, cancel included: Ctrl+C (SIGINT) while the server
 * stalls in the middle of the copy ends the join at once and leaves the console as it was — no tenants, no team.
 */
const PASSWORD = 'cli-cancel-pw-7';
let cluster: PgCluster;
let proxy: Awaited<ReturnType<typeof holdingProxy>>;
let ann: TeamConsole;
let ben: TeamConsole;

beforeAll(async () => {
  ensureBuilt();
  cluster = await startPostgres();
  await cluster.createTeamDatabase('team', 'behalf', PASSWORD);
  proxy = await holdingProxy(cluster.port);
  ann = new TeamConsole('ann', { BEHALF_TEAM_PASSWORD: PASSWORD });
  ben = new TeamConsole('ben', { BEHALF_TEAM_PASSWORD: PASSWORD });
  const csv = path.join(ann.home, 'tenants.csv');
  fs.writeFileSync(csv, ['name,domain', ...Array.from({ length: 6000 }, (_, i) => `Ann ${i},ann-${i}.example`)].join('\n'));
  await ann.ok('tenants', 'import', csv);
  await ann.ok('team', 'init', cluster.url({ user: 'behalf', password: PASSWORD, db: 'team' }), '--name', 'Ann', '--email', 'ann@vendor.example');
}, 300_000);

afterAll(async () => {
  await proxy?.close();
  ann?.destroy();
  ben?.destroy();
  cluster?.destroy();
});

describe('behalf team join, cancelled', { timeout: 300_000 }, () => {
  it('Ctrl+C while the server stalls mid-copy undoes the join: no tenants, no team, nothing pending', async () => {
    proxy.holdAfter(1_200_000);
    const join = ben.start(['team', 'join', `postgres://behalf@127.0.0.1:${proxy.port}/team`, '--name', 'Ben', '--email', 'ben@vendor.example']);
    await waitFor('rows copied before the stall', () => /Copied [1-9][\d,]* of/.test(join.err()), 120_000);
    await waitFor('the copy to be held', () => proxy.held(), 60_000);
    expect(ben.query<{ n: number }>('SELECT count(*) AS n FROM tenants')[0]!.n).toBeGreaterThan(0);
    join.proc.kill('SIGINT');
    const r = await join.done;
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('Joining was cancelled');
    expect(ben.query('SELECT count(*) AS n FROM tenants')).toEqual([{ n: 0 }]);
    expect(ben.query("SELECT key FROM team_state WHERE key IN ('url', 'joining', 'console')")).toEqual([]);
    proxy.release();
    // And the same console joins for real afterwards.
    await ben.ok('team', 'join', `postgres://behalf@127.0.0.1:${proxy.port}/team`, '--name', 'Ben', '--email', 'ben@vendor.example');
    expect(ben.query('SELECT count(*) AS n FROM tenants')).toEqual([{ n: 6000 }]);
  });
});
