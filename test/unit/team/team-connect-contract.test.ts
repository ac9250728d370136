import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { TeamStore } from '../../../src-main/team/team-store';
import { JoinCopyStore } from '../../../src-main/team/join-copy-store';
import { dumpLedger } from '../../hardening/ledger-dump';
import { startPostgres, type PgCluster } from '../../support/postgres/cluster';
import { tempDir, tempServices } from '../../support/temp';

/**
 * Publish and join from the console (issue #19 item 1): team.publish / team.join through the contract as tasks of
 * the one registry, with "Copied N of M rows" progress, cancel, and the service's errors (code and hint). A
 * cancelled or failed join leaves the ledger exactly as before (every table compared), a join cut off by a crash
 * is undone on the next start, a cancelled publish leaves PostgreSQL without a team. The password typed in the
 * form goes to the vault and never comes back in a reply or an event.
 */
const PASSWORD = `pw-canary-${Math.random().toString(36).slice(2)}`;
let cluster: PgCluster;
type Services = ReturnType<typeof tempServices>;
const opened: Services[] = [];

const bare = (db: string, user = 'behalf') => `postgres://${user}@127.0.0.1:${cluster.port}/${db}`;
const who = (name: string) => ({ name, email: `${name.toLowerCase()}@vendor.example` });

function open(home = tempDir()): Services {
  const s = tempServices({ home });
  opened.push(s);
  return s;
}

function addTenants(s: Services, n: number, prefix: string) {
  const csv = ['name,domain,tags', ...Array.from({ length: n }, (_, i) => `${prefix} ${i},${prefix.toLowerCase()}-${i}.example,bulk`)].join('\n');
  const r = s.tenants.importCsv(csv, false);
  expect(r.imported).toBe(n);
}

/** Calls the contract like a door does, and keeps every reply and task event to scan for the password. */
function door(s: Services) {
  const dispatch = createDispatch(createHandlers(s));
  const seen: string[] = [];
  const events: { taskId: string; state: string; done: number; total: number; message?: string }[] = [];
  s.bus.on('task.progress', (p) => {
    events.push({ ...p });
    seen.push(JSON.stringify(p));
  });
  s.bus.on('team.changed', (p) => seen.push(JSON.stringify(p)));
  s.bus.on('tenants.changed', (p) => seen.push(JSON.stringify(p)));
  const call = async <T>(channel: string, input: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string; hint?: string } }> => {
    const r = (await dispatch(channel, input)) as { ok: boolean; value?: T; error?: { code: string; message: string; hint?: string } };
    seen.push(JSON.stringify(r));
    return r;
  };
  /** Starts a publish or join and waits for its end, read through team.connectResult. */
  const connect = async (kind: 'publish' | 'join', input: Record<string, unknown>, onEvent?: (e: (typeof events)[number]) => void) => {
    const started = await call<{ taskId: string }>(`team.${kind}`, input);
    if (!started.ok) return { started };
    const taskId = started.value!.taskId;
    const off = onEvent ? s.bus.on('task.progress', (p) => p.taskId === taskId && onEvent(p)) : () => undefined;
    for (;;) {
      const r = await call<{ state: string; rows: number | null; error: { code: string; hint?: string } | null; kind: string }>('team.connectResult', {
        taskId,
      });
      if (r.value?.state !== 'running') {
        off();
        return { started, result: r.value!, events: events.filter((e) => e.taskId === taskId) };
      }
      await new Promise((res) => setTimeout(res, 20));
    }
  };
  return { call, connect, seen };
}

const pgCount = async (db: string, sql: string) => {
  const c = new pg.Client({ connectionString: cluster.url({ user: 'behalf', password: PASSWORD, db }) });
  await c.connect();
  try {
    return Number((await c.query<{ n: string }>(sql)).rows[0]!.n);
  } finally {
    await c.end();
  }
};

beforeAll(async () => {
  cluster = await startPostgres();
  for (const db of ['team', 'empty', 'cancelled']) await cluster.createTeamDatabase(db, db === 'team' ? 'behalf' : `behalf_${db}`, PASSWORD);
}, 120_000);

afterAll(async () => {
  for (const s of opened) {
    try {
      s.close();
    } catch {
      // already closed by the test
    }
  }
  cluster?.destroy();
});

describe('team.publish / team.join through the contract', { timeout: 300_000 }, () => {
  it('publishes and joins as tasks with progress; refusals come back at once or as the task error, with hints; no password anywhere', async () => {
    const ann = open();
    addTenants(ann, 2500, 'Ann');
    const a = door(ann);

    // Refused at once, before any task: a string that is not a PostgreSQL URL, a missing operator.
    const bad = await a.call('team.publish', { url: 'http://db.internal/team', password: PASSWORD, ...who('Ann') });
    expect(bad.error).toMatchObject({ code: 'team.bad-url', hint: expect.stringContaining('postgres://') });
    const noOperator = await a.call('team.publish', { url: bare('team'), password: PASSWORD });
    expect(noOperator.error?.code).toBe('team.operator');
    expect((await a.call<{ tasks: unknown[] }>('tasks.list', {})).value!.tasks).toEqual([]);

    // A wrong password: the task fails with team.auth and its hint; the console stays single-user.
    const wrong = await a.connect('publish', { url: bare('team'), password: 'not-it', ...who('Ann') });
    expect(wrong.result).toMatchObject({ kind: 'publish', state: 'failed', error: { code: 'team.auth' } });
    expect(ann.team().status().mode).toBe('single');

    // Published with the password from its own field: progress in rows, the vault keeps the password.
    const pub = await a.connect('publish', { url: bare('team'), password: PASSWORD, ...who('Ann') });
    expect(pub.result).toMatchObject({ kind: 'publish', state: 'done', error: null });
    expect(pub.result!.rows).toBeGreaterThanOrEqual(5000); // 2,500 tenants, their tags and audit rows
    expect(pub.events!.some((e) => /^Copied [\d,]+ of [\d,]+ rows$/.test(e.message ?? '') && e.done > 0)).toBe(true);
    expect(ann.vault.getSecret('team.postgres-password')).toBe(PASSWORD);
    expect(ann.team().status()).toMatchObject({ mode: 'team', url: bare('team') });
    expect(await pgCount('team', `SELECT count(*) AS n FROM rows WHERE table_name = 'tenants'`)).toBe(2500);

    // Publishing into a database that holds a team is refused with what to do instead.
    const cat = open();
    addTenants(cat, 1, 'Cat');
    const again = await door(cat).connect('publish', { url: bare('team'), password: PASSWORD, ...who('Cat') });
    expect(again.result).toMatchObject({ state: 'failed', error: { code: 'team.already-published', hint: expect.stringContaining('Join') } });
    // A console with tenants of its own cannot join: refused at once.
    expect((await door(cat).call('team.join', { url: bare('team'), password: PASSWORD, ...who('Cat') })).error?.code).toBe('team.join-not-empty');

    // Ben joins: a database without a team first (its hint says to publish), then the team's.
    const ben = open();
    const b = door(ben);
    const before = dumpLedger(ben.db);
    const none = await b.connect('join', { url: bare('empty', 'behalf_empty'), password: PASSWORD, ...who('Ben') });
    expect(none.result).toMatchObject({ kind: 'join', state: 'failed', error: { code: 'team.not-published', hint: expect.stringContaining('Publish') } });
    expect(dumpLedger(ben.db)).toBe(before);
    const joined = await b.connect('join', { url: bare('team'), password: PASSWORD, ...who('Ben') });
    expect(joined.result).toMatchObject({ kind: 'join', state: 'done', rows: pub.result!.rows, error: null });
    const copied = joined.events!.filter((e) => e.state === 'running' && e.total > 0);
    expect(copied.length).toBeGreaterThanOrEqual(1);
    expect(copied.at(-1)!.message).toBe(`Copied ${pub.result!.rows!.toLocaleString('en')} of ${pub.result!.rows!.toLocaleString('en')} rows`);
    expect((ben.db.prepare('SELECT count(*) AS n FROM tenants').get() as { n: number }).n).toBe(2500);
    expect(ben.team().status()).toMatchObject({ mode: 'team', operator: who('Ben') });
    expect(ben.vault.getSecret('team.postgres-password')).toBe(PASSWORD);
    // A console in a team is told so at once.
    expect((await b.call('team.join', { url: bare('team'), password: PASSWORD, ...who('Ben') })).error?.code).toBe('team.already-joined');

    // The password went in and never came out: not in a reply, an event, or the ledger.
    for (const text of [...a.seen, ...b.seen]) expect(text).not.toContain(PASSWORD);
    expect(a.seen.length + b.seen.length).toBeGreaterThan(20);
    expect(dumpLedger(ben.db)).not.toContain(PASSWORD);
  });

  it('a cancelled or failed join leaves the ledger exactly as before; a crash mid-join is undone on the next start', async () => {
    const dan = open();
    // A fresh console may hold a few shared rows already (a setting, a seed): a cancelled join puts them back.
    dan.settings.update({ vendorName: 'Dan Local Co' });
    const before = dumpLedger(dan.db);
    const d = door(dan);

    // Cancelled from the task registry once rows have arrived (the tenants list was already filling).
    let tenantsSeen = 0;
    const cancelled = await d.connect('join', { url: bare('team'), password: PASSWORD, ...who('Dan') }, (e) => {
      if (e.state === 'running' && e.done > 0 && tenantsSeen === 0) {
        tenantsSeen = (dan.db.prepare('SELECT count(*) AS n FROM tenants').get() as { n: number }).n;
        void d.call('tasks.cancel', { taskId: e.taskId });
      }
    });
    expect(tenantsSeen).toBeGreaterThan(0);
    expect(cancelled.result).toMatchObject({ state: 'cancelled', error: { code: 'team.cancelled' }, rows: null });
    expect(dumpLedger(dan.db)).toBe(before);
    expect(dan.team().status().mode).toBe('single');
    expect(dan.vault.getSecret('team.postgres-password')).toBeUndefined();

    // Cancelled through the service between two slices (what the CLI and the task share).
    const ctl = new AbortController();
    await expect(
      dan.team().join(bare('team'), who('Dan'), {
        password: PASSWORD,
        signal: ctl.signal,
        progress: ({ copied }) => copied > 0 && ctl.abort(),
      }),
    ).rejects.toMatchObject({ code: 'team.cancelled' });
    expect(dumpLedger(dan.db)).toBe(before);

    // A crash mid-join: the checkpoint is in team_state and half the tenants are in; the next start undoes it.
    const home = tempDir();
    const eve = open(home);
    eve.settings.update({ vendorName: 'Eve Local Co' });
    const eveBefore = dumpLedger(eve.db);
    const store = new TeamStore(eve.db);
    store.setState('joining', new JoinCopyStore(eve.db, store).joinCheckpoint());
    store.insertSnapshot([
      {
        table: 'tenants',
        rows: [{ keyJson: '["t-crash"]', row: { id: 't-crash', name: 'Half', name_lc: 'half', domain: 'half.example', created_at: 'x', updated_at: 'x' } }],
      },
    ]);
    store.insertSnapshot([{ table: 'settings', rows: [{ keyJson: '["vendorName"]', row: { key: 'vendorName', value_json: '"Team Co"', updated_at: 'x' } }] }]);
    expect(dumpLedger(eve.db)).not.toBe(eveBefore);
    eve.close();
    // Opening the ledger again (any door) undoes it before anything reads it.
    const eveAgain = open(home);
    expect(dumpLedger(eveAgain.db)).toBe(eveBefore);
    const stop = eveAgain.team().runWhileOpen();
    await stop();
    // And the undone console can join for real.
    const real = await door(eveAgain).connect('join', { url: bare('team'), password: PASSWORD, ...who('Eve') });
    expect(real.result).toMatchObject({ state: 'done' });
    expect((eveAgain.db.prepare('SELECT count(*) AS n FROM tenants').get() as { n: number }).n).toBe(2500);
  });

  it('a cancelled publish leaves PostgreSQL without a team and the console alone; publishing again then works', async () => {
    const fay = open();
    addTenants(fay, 2500, 'Fay');
    const before = dumpLedger(fay.db);
    const ctl = new AbortController();
    await expect(
      fay.team().init(bare('cancelled', 'behalf_cancelled'), who('Fay'), {
        password: PASSWORD,
        signal: ctl.signal,
        progress: ({ copied }) => copied > 0 && ctl.abort(),
      }),
    ).rejects.toMatchObject({ code: 'team.cancelled' });
    const count = async (sql: string) => {
      const c = new pg.Client({ connectionString: cluster.url({ user: 'behalf_cancelled', password: PASSWORD, db: 'cancelled' }) });
      await c.connect();
      try {
        return Number((await c.query<{ n: string }>(sql)).rows[0]!.n);
      } finally {
        await c.end();
      }
    };
    expect(await count('SELECT count(*) AS n FROM team_meta')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM rows')).toBe(0);
    expect(dumpLedger(fay.db)).toBe(before);
    expect(fay.team().status().mode).toBe('single');

    const f = door(fay);
    const pub = await f.connect('publish', { url: bare('cancelled', 'behalf_cancelled'), password: PASSWORD, ...who('Fay') });
    expect(pub.result).toMatchObject({ state: 'done', error: null });
    expect(await count(`SELECT count(*) AS n FROM rows WHERE table_name = 'tenants'`)).toBe(2500);
  });
});
