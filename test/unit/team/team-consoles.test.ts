import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startPostgres, type PgCluster } from '../../support/postgres/cluster';
import { cuttableProxy, ensureBuilt, TeamConsole } from '../../support/team/consoles';
import { clock } from '../../../src-main/team/conflict-text';

/**
 * Issue #19 against a real PostgreSQL server: three consoles (separate processes, separate data directories) share
 * one team ledger through the CLI — publish, join with progress, converge, one console cut off and back, conflicts
 * resolved both ways, a delete against an edit.
 */
const PASSWORD = 'team-pw-Zq7';
let cluster: PgCluster;
let proxy: Awaited<ReturnType<typeof cuttableProxy>>;
const consoles: TeamConsole[] = [];
let jane: TeamConsole;
let omar: TeamConsole;
let kim: TeamConsole;

const teamUrl = (port?: number) => cluster.url({ user: 'behalf', password: PASSWORD, db: 'team', port });
const tenantId = (c: TeamConsole, name: string) => c.query<{ id: string }>('SELECT id FROM tenants WHERE name = ?', name)[0]!.id;
const option = (c: TeamConsole, name: string) => c.query<{ option: number | null }>('SELECT option FROM tenants WHERE name = ?', name)[0]?.option;

beforeAll(async () => {
  ensureBuilt();
  cluster = await startPostgres();
  await cluster.createTeamDatabase('team', 'behalf', PASSWORD);
  proxy = await cuttableProxy(cluster.port);
  const env = { BEHALF_TEAM_PASSWORD: PASSWORD };
  jane = new TeamConsole('jane', env);
  omar = new TeamConsole('omar', env);
  kim = new TeamConsole('kim', env);
  consoles.push(jane, omar, kim);
}, 120_000);

afterAll(async () => {
  for (const c of consoles) c.destroy();
  await proxy?.close();
  cluster?.destroy();
});

// Every console command is its own process; on a loaded machine each takes seconds.
describe('three consoles, one PostgreSQL ledger', { timeout: 600_000 }, () => {
  it('publishes one ledger and copies it to two more consoles, with progress; the password stays out of the ledger', async () => {
    await jane.ok('tenants', 'add', '--name', 'Acme', '--domain', 'acme.example', '--option', '1', '--tag', 'vip');
    await jane.ok('tenants', 'add', '--name', 'Globex', '--domain', 'globex.example');
    await jane.ok('settings', 'set', 'vendorName=Helpdesk Co');
    // Without an operator, team mode refuses to start: every change must name its author.
    const refused = await jane.run('team', 'init', teamUrl());
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/name and e-mail/);
    const init = await jane.ok('team', 'init', teamUrl(), '--name', 'Jane', '--email', 'jane@vendor.example');
    expect(init).toMatch(/Published \d+ row/);
    expect(init).not.toContain(PASSWORD);

    const joined = await omar.run('team', 'join', teamUrl(), '--name', 'Omar', '--email', 'omar@vendor.example');
    expect(joined.code, joined.err).toBe(0);
    expect(joined.err).toMatch(/Copied \d+ of \d+ rows/);
    // Kim reaches the server through a proxy the test can cut.
    await kim.ok('team', 'join', teamUrl(proxy.port), '--name', 'Kim', '--email', 'kim@vendor.example');

    for (const c of [omar, kim]) expect(c.shared()).toEqual(jane.shared());
    expect(omar.query(`SELECT value_json FROM settings WHERE key = 'vendorName'`)).toEqual([{ value_json: '"Helpdesk Co"' }]);
    for (const c of consoles) {
      const state = JSON.stringify(c.query('SELECT * FROM team_state'));
      expect(state).toContain('behalf@127.0.0.1');
      expect(state).not.toContain(PASSWORD);
    }
    const status = await kim.json<{ mode: string; waiting: number; url: string }>('team', 'status');
    expect(status).toMatchObject({ mode: 'team', waiting: 0 });
    expect(status.url).not.toContain(PASSWORD);
  });

  it('converges when all three edit at once', async () => {
    await jane.ok('tenants', 'set', 'Acme', '--option', '2');
    await omar.ok('tenants', 'add', '--name', 'Initech', '--domain', 'initech.example', '--tag', 'new');
    await kim.ok('tenants', 'set', 'Globex', '--name', 'Globex Corp', '--notes', 'moved to option 3 next quarter');
    expect((await jane.json<{ waiting: number }>('team', 'status')).waiting).toBeGreaterThan(0);
    for (let round = 0; round < 2; round++) for (const c of consoles) await c.ok('team', 'sync');
    expect(jane.shared()).toEqual(omar.shared());
    expect(kim.shared()).toEqual(omar.shared());
    expect(option(kim, 'Acme')).toBe(2);
    expect(jane.query('SELECT tag FROM tenant_tags WHERE tenant_id = ?', tenantId(jane, 'Initech'))).toEqual([{ tag: 'new' }]);
    // Who did it: each console's audit rows name their operator, on every console.
    const trail = omar.query<{ operator_name: string; field: string | null }>(
      `SELECT operator_name, field FROM audit WHERE tenant_id = ? AND action = 'updated'`,
      tenantId(omar, 'Globex Corp'),
    );
    expect(trail.length).toBeGreaterThan(0);
    expect(new Set(trail.map((r) => r.operator_name))).toEqual(new Set(['Kim']));
  });

  it('lets a console cut off from PostgreSQL keep working, and sends its edits when it is back', async () => {
    await proxy.cut();
    await kim.ok('tenants', 'set', 'Initech', '--option', '3');
    const offline = await kim.run('team', 'sync');
    expect(offline.code).toBe(3);
    expect(offline.err).toMatch(/Cannot reach the team database/);
    expect(offline.err).not.toContain(PASSWORD);
    const st = await kim.json<{ offlineSince: string | null; waiting: number }>('team', 'status');
    expect(st.offlineSince).toBeTruthy();
    expect(st.waiting).toBeGreaterThan(0);
    expect(await kim.ok('team', 'status')).toMatch(/team: offline since .*change\(s\) waiting/);

    await proxy.restore();
    await kim.ok('team', 'sync');
    expect(await kim.json('team', 'status')).toMatchObject({ offlineSince: null, waiting: 0 });
    await jane.ok('team', 'sync');
    expect(option(jane, 'Initech')).toBe(3);
  });

  it('keeps the first edit to reach the server and shows the other as a conflict: keep theirs', async () => {
    await jane.ok('team', 'sync');
    await omar.ok('team', 'sync');
    await jane.ok('tenants', 'set', 'Acme', '--option', '3');
    await omar.ok('tenants', 'set', 'Acme', '--option', '1');
    await jane.ok('team', 'sync');
    const lost = await omar.run('team', 'sync');
    expect(lost.code, lost.err).toBe(1);
    const [c] = await omar.json<{ id: number; text: string; theirAt: string }[]>('team', 'conflicts');
    expect(c!.text).toBe(`Jane set Acme's option to 3 at ${clock(c!.theirAt)} while you were offline; yours was 1.`);
    expect(option(omar, 'Acme')).toBe(3); // the team's value is what this console shows meanwhile
    // Both edits are in the audit trail, each with its operator.
    const trail = omar.query<{ operator_name: string; new_value: string }>(
      `SELECT operator_name, new_value FROM audit WHERE tenant_id = ? AND field = 'option' ORDER BY at`,
      tenantId(omar, 'Acme'),
    );
    expect(trail).toEqual(
      expect.arrayContaining([
        { operator_name: 'Jane', new_value: '3' },
        { operator_name: 'Omar', new_value: '1' },
      ]),
    );

    await omar.ok('team', 'resolve', String(c!.id), '--keep-theirs');
    expect(await omar.json('team', 'conflicts')).toEqual([]);
    await omar.ok('team', 'sync');
    await jane.ok('team', 'sync');
    expect([option(jane, 'Acme'), option(omar, 'Acme')]).toEqual([3, 3]);
  });

  it('applies mine over theirs when the loser chooses so, on every console', async () => {
    await jane.ok('tenants', 'set', 'Acme', '--option', '2');
    await kim.ok('tenants', 'set', 'Acme', '--option', '1');
    await jane.ok('team', 'sync');
    expect((await kim.run('team', 'sync')).code).toBe(1);
    const [c] = await kim.json<{ id: number; text: string }[]>('team', 'conflicts');
    expect(c!.text).toMatch(/^Jane set Acme's option to 2 at \d\d:\d\d while you were offline; yours was 1\.$/);
    await kim.ok('team', 'resolve', String(c!.id), '--apply-mine');
    expect(option(kim, 'Acme')).toBe(1);
    await kim.ok('team', 'sync');
    for (const x of consoles) await x.ok('team', 'sync');
    expect(consoles.map((x) => option(x, 'Acme'))).toEqual([1, 1, 1]);
  });

  it('turns a delete against an edit into a conflict, not a crash, and converges either way', async () => {
    for (const x of consoles) await x.ok('team', 'sync');
    const id = tenantId(jane, 'Globex Corp');
    // There is no "delete tenant" in the console; any program that deletes one goes through the same capture.
    jane.exec('DELETE FROM tenants WHERE id = ?', id);
    await omar.ok('tenants', 'set', id, '--option', '2');
    await jane.ok('team', 'sync');
    expect((await omar.run('team', 'sync')).code).toBe(1);
    const [c] = await omar.json<{ id: number; text: string }[]>('team', 'conflicts');
    expect(c!.text).toMatch(/^Jane deleted Globex Corp at \d\d:\d\d while you were offline; you had changed it\.$/);
    expect(omar.query('SELECT id FROM tenants WHERE id = ?', id)).toEqual([]);
    await omar.ok('team', 'resolve', String(c!.id), '--apply-mine');
    await omar.ok('team', 'sync');
    for (const x of consoles) await x.ok('team', 'sync');
    for (const x of consoles) expect(x.query('SELECT option FROM tenants WHERE id = ?', id)).toEqual([{ option: 2 }]);
    expect(jane.shared().tenants).toEqual(kim.shared().tenants);
  });

  it('keeps the changes log append-only and each change once', async () => {
    const client = new pg.Client({ connectionString: teamUrl() });
    await client.connect();
    try {
      await expect(client.query('DELETE FROM changes')).rejects.toThrow(/append-only/);
      const { rows } = await client.query<{ n: string; d: string }>('SELECT count(*) AS n, count(DISTINCT change_id) AS d FROM changes');
      expect(rows[0]!.n).toBe(rows[0]!.d);
      const local = consoles.reduce((n, x) => n + x.query<{ n: number }>('SELECT count(*) AS n FROM team_changes')[0]!.n, 0);
      expect(Number(rows[0]!.n)).toBe(local);
    } finally {
      await client.end();
    }
  });
});
