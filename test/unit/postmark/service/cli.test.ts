import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../src-main/cli/main';
import { createFakeResolver, startPostmarkSimulator, type PostmarkSimulator } from '../../../support/postmark-sim';
import { tempDir } from '../../../support/temp';

let sim: PostmarkSimulator;
let home: string;
const env = () => ({ BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken });

async function cli(args: string[], extraEnv: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--home', home], { out: (t) => out.push(t), err: (t) => err.push(t) }, { ...env(), ...extraEnv });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('behalf provision / outbox / sync against the simulator', () => {
  beforeAll(async () => {
    sim = await startPostmarkSimulator({ resolver: createFakeResolver() });
    home = tempDir();
  });
  afterAll(async () => sim?.close());

  it('queues without --run, lists the outbox, then sync runs the jobs and reconciles', async () => {
    expect((await cli(['tenants', 'add', '--name', 'Acme', '--domain', 'acme.example', '--option', '1'])).code).toBe(0);
    const queued = await cli(['provision', '--tenant', 'Acme']);
    expect(queued.code).toBe(0);
    expect(queued.out).toContain('2 job(s) queued; status provisioning');
    expect(sim.state.servers.length).toBe(0);

    const outbox = await cli(['outbox', '--json']);
    const jobs = (JSON.parse(outbox.out) as { jobs: { label: string; state: string }[] }).jobs;
    expect(jobs.map((j) => `${j.label}:${j.state}`)).toEqual(['Create the domain acme.example:queued', 'Create the server behalf-acme:queued']);

    const sync = await cli(['sync', '--json']);
    expect(sync.code).toBe(0);
    const report = JSON.parse(sync.out) as { run: { succeeded: number }; reconcile: { matched: unknown[]; written: number } };
    expect(report.run.succeeded).toBe(2);
    expect(report.reconcile.matched.length).toBe(2);
    expect(sim.state.domains.map((d) => d.Name)).toEqual(['acme.example']);
    expect((await cli(['outbox'])).out).toContain('The outbox is empty');
    expect(JSON.parse((await cli(['tenants', 'list', '--json'])).out).rows[0].status).toBe('awaiting-dns');
  });

  it('--run provisions at once and shows the records to publish; no token → jobs wait and sync exits 1', async () => {
    expect((await cli(['tenants', 'add', '--name', 'Gamma', '--domain', 'gamma.example', '--option', '3'])).code).toBe(0);
    expect((await cli(['tenants', 'add', '--name', 'Beta', '--domain', 'beta.example', '--option', '1'])).code).toBe(0);
    const noToken = await cli(['provision', '--tenant', 'Gamma', '--run'], { POSTMARK_ACCOUNT_TOKEN: '' });
    expect(noToken.code).toBe(1);
    expect(noToken.out).toMatch(/no Postmark account token/);
    expect((await cli(['sync'], { POSTMARK_ACCOUNT_TOKEN: '' })).code).toBe(1);

    const run = await cli(['provision', '--tenant', 'beta.example', '--run', '--return-path', 'pmb']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/TXT\s+\S+pm\._domainkey\.beta\.example\s+k=rsa;p=/);
    expect(run.out).toContain('CNAME pmb.beta.example  pm.mtasv.net');
    expect(run.out).not.toContain(sim.serverToken(sim.state.servers[0]!.ID));
    expect(sim.state.servers.map((s) => s.Name).sort()).toEqual(['behalf-acme', 'behalf-beta', 'behalf-gamma']);
  });
});
