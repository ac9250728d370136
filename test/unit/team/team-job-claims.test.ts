import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostmarkSimulator } from '../../support/postmark-sim';
import { TeamConsole, waitFor } from '../../support/team/consoles';
import { twoConsoles, type TwoConsoles } from '../../support/team/two-consoles';

/**
 * Issue #19 item 5: Postmark work runs once per team. Two consoles (separate processes, separate homes) hold the
 * same outbox jobs — named team-wide by their idempotency keys — and race for them against the Postmark simulator;
 * every job reaches Postmark exactly once (counted in the simulator's request log). A console killed (-9) while it
 * holds a claim leaves the job to the other once the lease runs out.
 */
const PASSWORD = 'claims-pw-55';
const LEASE_MS = 1500;
let team: TwoConsoles;
let sim: PostmarkSimulator;
let ann: TeamConsole;
let ben: TeamConsole;
let url: string;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
const claimsLike = (prefix: string) =>
  admin(
    async (c) =>
      (
        await c.query<{ job_key: string; state: string; console_id: string | null; attempts: number; result: { state: string } | null }>(
          'SELECT job_key, state, console_id, attempts, result FROM job_claims WHERE job_key LIKE $1 ORDER BY job_key',
          [`${prefix}%`],
        )
      ).rows,
  );
const consoleIdOf = (c: TeamConsole) =>
  JSON.parse(c.query<{ value_json: string }>(`SELECT value_json FROM team_state WHERE key = 'console'`)[0]!.value_json) as string;
/**
 * Create calls that reached Postmark, whatever the answer (the simulator's request log): a second create of the
 * same name is refused by Postmark and then adopted, so counting only successes would hide a job run twice.
 */
const serverCreates = () => sim.state.requests.filter((r) => r.method === 'POST' && r.path === '/servers').length;
const serversNamed = (prefix: string) => sim.state.servers.filter((s) => s.Name.startsWith(prefix));

/** The same create-server jobs written into a console's ledger, as a provisioning plan with stable keys makes them. */
function queueJobs(c: TeamConsole, prefix: string, n: number): void {
  const tenants = c.query<{ id: string }>(`SELECT id FROM tenants WHERE name LIKE ? ORDER BY name`, `${prefix} %`);
  expect(tenants).toHaveLength(n);
  const now = new Date().toISOString();
  const values = tenants.map(
    (t, i) =>
      `('${t.id}', 'create-server', '${JSON.stringify({ name: `${prefix} server ${i}` })}', '${prefix.toLowerCase()}:${t.id}:create-server', 'queued', '${now}', '${now}')`,
  );
  c.exec(`INSERT INTO postmark_jobs (tenant_id, kind, payload_json, idempotency_key, state, created_at, updated_at) VALUES ${values.join(', ')}`);
}

async function importTenants(c: TeamConsole, prefix: string, n: number) {
  const file = path.join(c.home, `${prefix}.csv`);
  fs.writeFileSync(
    file,
    ['name,domain', ...Array.from({ length: n }, (_, i) => `${prefix} ${String(i).padStart(3, '0')},${prefix.toLowerCase()}-${i}.example`)].join('\n'),
  );
  await c.ok('tenants', 'import', file);
}

beforeAll(async () => {
  team = await twoConsoles({
    password: PASSWORD,
    leaseMs: LEASE_MS,
    seed: async (ann) => {
      await importTenants(ann, 'Race', 100);
      await importTenants(ann, 'Kill', 1);
    },
  });
  ({ sim, ann, ben, url } = team);
}, 300_000);

afterAll(() => team?.close());

describe('Postmark work runs once per team', { timeout: 600_000 }, () => {
  it('two consoles racing for 100 jobs run each exactly once', async () => {
    queueJobs(ann, 'Race', 100);
    queueJobs(ben, 'Race', 100);
    const before = serverCreates();
    const [a, b] = await Promise.all([ann.start(['sync']).done, ben.start(['sync']).done]);
    expect([a.code, b.code], `${a.out}${a.err}\n${b.out}${b.err}`).toEqual([0, 0]);

    // Postmark saw each create once: 100 requests, 100 servers, no name twice.
    expect(serverCreates() - before).toBe(100);
    const names = serversNamed('Race server').map((s) => s.Name);
    expect(names).toHaveLength(100);
    expect(new Set(names).size).toBe(100);

    // The team's record: every job done, once, by one of the two consoles.
    const claims = await claimsLike('outbox:race:');
    expect(claims).toHaveLength(100);
    expect(claims.every((c) => c.state === 'done' && c.result?.state === 'succeeded')).toBe(true);
    const ids = new Set([consoleIdOf(ann), consoleIdOf(ben)]);
    expect(claims.every((c) => ids.has(c.console_id!))).toBe(true);

    // Each console's own ledger ends with every job succeeded: run there, or settled from the team's record when
    // it reaches a job the other console ran (waiting out the lease if it was still running then).
    await waitFor(
      'both consoles to settle every job',
      async () => {
        await Promise.all([ann.run('sync'), ben.run('sync')]);
        return [ann, ben].every(
          (c) => c.query<{ n: number }>(`SELECT count(*) AS n FROM postmark_jobs WHERE idempotency_key LIKE 'race:%' AND state = 'succeeded'`)[0]!.n === 100,
        );
      },
      120_000,
    );
    expect(serverCreates() - before).toBe(100);
    const settled = (c: TeamConsole) =>
      c.query<{ n: number }>(`SELECT count(*) AS n FROM postmark_jobs WHERE idempotency_key LIKE 'race:%' AND result_json LIKE '%ranByConsole%'`)[0]!.n;
    const ranHere = (c: TeamConsole) => claims.filter((x) => x.console_id === consoleIdOf(c)).length;
    // What a console did not run itself it took from the team's record, and the other way round.
    expect(settled(ann)).toBe(100 - ranHere(ann));
    expect(settled(ben)).toBe(100 - ranHere(ben));
  });

  it('a console killed holding a claim: the other runs the job once the lease has run out', async () => {
    queueJobs(ann, 'Kill', 1);
    queueJobs(ben, 'Kill', 1);
    // Ann's create hangs in flight (Postmark has not acted: the request is dropped when its caller dies).
    sim.faults.next({ delayMs: 120_000, processed: false, match: /^\/servers$/ });
    const hung = ann.start(['sync']);
    const claimed = await waitFor(
      'ann to claim the job',
      async () => (await claimsLike('outbox:kill:')).find((c) => c.state === 'running' && c.console_id === consoleIdOf(ann)),
      60_000,
    );
    expect(claimed.attempts).toBe(1);
    await waitFor("ann's create to reach Postmark", () => sim.state.requests.some((r) => r.method === 'POST' && r.path === '/servers' && r.status === 0));
    await ann.kill9(hung);

    // Ben while the lease still holds: the job waits on his side, nothing is sent.
    // (Whether the lease still holds when this runs depends on the machine, so only the end state is asserted.)
    await waitFor(
      'ben to run the job after the lease',
      async () => {
        await ben.run('sync');
        return (await claimsLike('outbox:kill:')).find((c) => c.state === 'done');
      },
      60_000,
    );
    const [done] = await claimsLike('outbox:kill:');
    expect(done).toMatchObject({ state: 'done', console_id: consoleIdOf(ben), attempts: 2, result: { state: 'succeeded' } });
    expect(ben.query(`SELECT state, attempts FROM postmark_jobs WHERE idempotency_key LIKE 'kill:%'`)).toEqual([{ state: 'succeeded', attempts: 1 }]);
    expect(serversNamed('Kill server')).toHaveLength(1);
  });
});
