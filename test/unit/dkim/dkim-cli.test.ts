import { promises as dnsPromises } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import { startNsd, type NsdServer } from '../../support/nsd';
import { zone } from '../../support/nsd/zoneFixtures';
import { startPostmarkSimulator, type PostmarkSimulator } from '../../support/postmark-sim';
import { tempDir, tempServices } from '../../support/temp';

let nsd: NsdServer;
let sim: PostmarkSimulator;
let home: string;
let env: Record<string, string>;

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--home', home], { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  nsd = await startNsd({ zones: { 'clirot.test': zone('clirot.test', '') } });
  const resolver = new dnsPromises.Resolver();
  resolver.setServers([nsd.server]);
  sim = await startPostmarkSimulator({ resolver });
  home = tempDir();
  env = { BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken, BEHALF_DNS_SERVERS: nsd.server };
  // A tenant live on its first key for a year (its sighting moved back), set up through the services.
  const s = tempServices({ home, env });
  const t = s.tenants.create({ name: 'Cli Rota', domain: 'clirot.test', option: 1 });
  await s.postmark.provision({ id: t.id, returnPathDomain: 'bounces' });
  const key = s.postmark.state(t.id).domain!.pending!;
  await nsd.reload({ 'clirot.test': zone('clirot.test', `${key.host.replace('.clirot.test', '')} IN TXT "${key.value}"`) });
  await s.postmark.verify(t.id);
  s.dkim.list();
  s.db.prepare('UPDATE dkim_keys SET first_seen_active_at = ?').run(new Date(Date.now() - 400 * 86_400_000).toISOString());
  await s.postmark.stopRunner();
  s.close();
}, 60_000);
afterAll(async () => {
  await sim?.close();
  await nsd?.stop();
});

describe('behalf dkim', () => {
  it('lists and finds the due key, rotates it, and says what to do next', async () => {
    const due = await cli(['dkim', 'due']);
    expect(due.code).toBe(1);
    expect(due.out).toMatch(/Cli Rota\s+clirot\.test\s+\d{14}pm\s+1024\s+≥?400 d\s+DUE\s+active/);
    expect(due.out).toContain('Policy: rotate every 6 months');

    const usage = await cli(['dkim', 'rotate']);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('--tenant X (repeatable) or --all-due');

    const rotated = await cli(['dkim', 'rotate', '--all-due', '--json']);
    expect(rotated.code).toBe(0);
    const json = JSON.parse(rotated.out) as { queued: { name: string }[]; list: { rows: { rotation: { stage: string; sheet: { state: string } } }[] } };
    expect(json.queued.map((q) => q.name)).toEqual(['Cli Rota']);
    expect(json.list.rows[0]!.rotation).toMatchObject({ stage: 'new-key-pending', sheet: { state: 'no-contact' } });

    expect((await cli(['dkim', 'due'])).out).toBe('No DKIM key is due (policy: rotate every 6 months).');
    const list = await cli(['dkim', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/\d{14}pm\s+1024\s+–\s+pending/);
    expect(list.out).toContain('new key pending (publish it)');

    const pending = sim.state.domains.find((d) => d.Name === 'clirot.test')!.pending!;
    const active = sim.state.domains.find((d) => d.Name === 'clirot.test')!.active!;
    const txt = (k: { host: string; value: string }) => `${k.host.replace('.clirot.test', '')} IN TXT "${k.value}"`;
    await nsd.reload({ 'clirot.test': zone('clirot.test', `${txt(active)}\n${txt(pending)}`) });
    const progress = await cli(['dkim', 'progress', '--tenant', 'Cli Rota']);
    expect(progress.code).toBe(0);
    expect(progress.out).toContain('Cli Rota: new key pending (publish it) → new key active');
  }, 60_000);
});
