import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { demoReports, demoZones, type DemoDomain } from '../../support/demo';
import { startNsd, type NsdServer } from '../../support/nsd';
import { startPostmarkSimulator, type PostmarkSimulator } from '../../support/postmark-sim';
import { tempDir, tempServices } from '../../support/temp';

/**
 * A watch round against nsd (the customers' DNS) and the Postmark simulator (their sending stats): faults injected
 * between rounds raise exactly their alerts, and a fact seen again is never raised twice.
 */
let sim: PostmarkSimulator;
let nsd: NsdServer;
let home: string;
let env: Record<string, string>;
let s: ReturnType<typeof tempServices>;
const DOMAINS: DemoDomain[] = [
  { domain: 'acme-outdoor.example', dmarc: 'v=DMARC1; p=none; rua=mailto:dmarc@acme-outdoor.example' },
  { domain: 'bluebird.example', dmarc: 'v=DMARC1; p=none; rua=mailto:dmarc@bluebird.example' },
];
let serial = 1;
/** Republishes the zones from the simulator's records, minus the keys in `withoutDkim` and with `drifted` at p=reject. */
const publish = (drifted = new Set<string>(), withoutDkim = new Set<string>()) => {
  const domains = sim.state.domains.map((d) => (withoutDkim.has(d.Name.toLowerCase()) ? { ...d, active: null, pending: null } : d));
  return nsd.reload(demoZones(DOMAINS, domains as typeof sim.state.domains, drifted, ++serial));
};

async function cli(...args: string[]) {
  const out: string[] = [];
  const code = await runCli([...args, '--home', home], { out: (t) => out.push(t), err: (t) => out.push(t) }, env);
  return { code, out: out.join('\n') };
}

beforeAll(async () => {
  sim = await startPostmarkSimulator({ searchLagMs: 0 });
  home = tempDir('behalf-watch-');
  nsd = await startNsd({ zones: {} });
  env = { BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken, BEHALF_DNS_AUTHORITATIVE_PORT: String(nsd.port) };
  for (const t of [
    ['--name', 'Acme Outdoor', '--domain', 'acme-outdoor.example', '--option', '1', '--from', 'news@acme-outdoor.example', '--from-name', 'Acme'],
    ['--name', 'Bluebird Bakery', '--domain', 'bluebird.example', '--option', '2', '--from', 'hello@bluebird.example', '--from-name', 'Bluebird'],
  ])
    expect((await cli('tenants', 'add', ...t)).code).toBe(0);
  for (const name of ['Acme Outdoor', 'Bluebird Bakery']) expect((await cli('provision', '--tenant', name, '--run')).code).toBe(0);
  await publish();
  expect((await cli('settings', 'set', `dnsServers=${JSON.stringify([nsd.server])}`)).code).toBe(0);
  s = tempServices({ home, env });
});
afterAll(async () => {
  s?.close();
  await nsd?.stop();
  await sim?.close();
});

describe('a watch round against nsd and the simulator', () => {
  it('watches the tenants being verified and live; a round over healthy facts raises nothing', async () => {
    const statuses = s.tenants.list({ statuses: [], limit: 10, offset: 0 }).rows.map((t) => [t.name, t.status]);
    expect(statuses).toEqual(
      expect.arrayContaining([
        ['Acme Outdoor', 'awaiting-dns'],
        ['Bluebird Bakery', 'awaiting-confirmation'],
      ]),
    );
    const first = await s.watch.runOnce();
    expect(first.failed).toEqual([]);
    expect(first.checked).toBe(2);
    expect(first.raised).toEqual([]);
    expect(
      s.dns.latest(s.tenants.list({ statuses: [], limit: 10, offset: 0 }).rows.find((t) => t.option === 1)!.id)?.report.records.find((r) => r.kind === 'dkim')
        ?.status,
    ).toBe('ok');
  });

  it('raises exactly the injected faults, then none of them twice', async () => {
    // Faults: Acme's DKIM record removed from its zone, Bluebird (option 2) tightens DMARC to p=reject, Acme's
    // Postmark server turns to trouble, and DMARC reports show a forger sending as Acme.
    await publish(new Set(['bluebird.example']), new Set(['acme-outdoor.example']));
    const acmeServer = sim.state.servers.find((x) => x.Name === 'behalf-acme-outdoor')!;
    sim.setStatsProfile(acmeServer.ID, 'trouble');
    const reportDir = path.join(home, 'reports');
    fs.mkdirSync(reportDir, { recursive: true });
    for (const [name, xml] of Object.entries(demoReports([{ domain: 'acme-outdoor.example', volume: 200, postmark: 'aligned', spoofed: true }]))) {
      fs.writeFileSync(path.join(reportDir, name), xml);
    }
    s.close();
    expect((await cli('dmarc', 'import', reportDir)).code).toBe(0);
    s = tempServices({ home, env });

    const second = await s.watch.runOnce();
    expect(second.failed).toEqual([]);
    const kinds = second.raised.map((a) => [a.tenantName, a.kind]).sort();
    const senders = second.raised.filter((a) => a.kind === 'dmarc-new-failing-sender');
    expect(senders.length).toBeGreaterThan(0);
    expect(kinds.filter(([, k]) => k !== 'dmarc-new-failing-sender')).toEqual([
      ['Acme Outdoor', 'dkim-gone'],
      ['Acme Outdoor', 'health-in-trouble'],
      ['Bluebird Bakery', 'dmarc-tightened'],
    ]);
    expect(senders.every((a) => a.tenantName === 'Acme Outdoor' && /failed DMARC/.test(a.detail))).toBe(true);
    expect(second.raised.find((a) => a.kind === 'dkim-gone')!.detail).toMatch(/DKIM record at .*acme-outdoor\.example is gone/);
    expect(second.raised.find((a) => a.kind === 'dmarc-tightened')!.title).toMatch(/reject under option 2/);
    expect(second.raised.every((a) => a.unread)).toBe(true);

    const third = await s.watch.runOnce();
    expect(third.failed).toEqual([]);
    expect(third.raised).toEqual([]);
    expect(s.watch.list().alerts).toHaveLength(second.raised.length);
  });

  it('acknowledge and snooze through the contract; the unread count follows and an unknown id is a clear error', async () => {
    const dispatch = createDispatch(createHandlers(s));
    const listed = await dispatch('alerts.list', {});
    if (!listed.ok) throw new Error('alerts.list failed');
    const { alerts, unread } = listed.value as { alerts: { id: number }[]; unread: number };
    expect(unread).toBe(alerts.length);
    expect(await dispatch('alerts.acknowledge', { id: alerts[0]!.id })).toMatchObject({ ok: true, value: { unread: false } });
    expect(await dispatch('alerts.snooze', { id: alerts[1]!.id, hours: 24 })).toMatchObject({
      ok: true,
      value: { unread: false, snoozedUntil: expect.any(String) },
    });
    expect(await dispatch('alerts.list', {})).toMatchObject({ ok: true, value: { unread: alerts.length - 2, alerts: { length: alerts.length - 1 } } });
    expect(await dispatch('alerts.acknowledge', { id: 99999 })).toMatchObject({ ok: false, error: { code: 'alert.not-found' } });
    expect(await dispatch('alerts.snooze', { id: alerts[2]!.id, hours: 0 })).toMatchObject({ ok: false });
  });

  it('health out of trouble closes the episode; a later one is a new alert', async () => {
    const acmeServer = sim.state.servers.find((x) => x.Name === 'behalf-acme-outdoor')!;
    sim.setStatsProfile(acmeServer.ID, 'healthy');
    expect((await s.watch.runOnce()).raised).toEqual([]);
    sim.setStatsProfile(acmeServer.ID, 'trouble');
    expect((await s.watch.runOnce()).raised.map((a) => a.kind)).toEqual(['health-in-trouble']);
  });

  it('behalf watch --once [--json] prints the round and its new alerts (exit 0); behalf alerts lists the inbox', async () => {
    s.close();
    const usage = await cli('watch');
    expect(usage.code).toBe(2);
    expect(usage.out).toMatch(/--once/);
    // Acme's DKIM record is put back (nothing to say), then removed again: a new fact, raised once.
    await publish(new Set(['bluebird.example']));
    const back = await cli('watch', '--once', '--json');
    expect(back.code).toBe(0);
    expect(JSON.parse(back.out)).toMatchObject({ checked: 2, failed: [], raised: [] });
    await publish(new Set(['bluebird.example']), new Set(['acme-outdoor.example']));
    const text = await cli('watch', '--once');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/2 tenant\(s\) rechecked, 1 new alert\(s\)/);
    expect(text.out).toMatch(/DKIM gone\s+Acme Outdoor\s+unread/);
    const json = await cli('watch', '--once', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ checked: 2, failed: [], raised: [] });
    const inbox = await cli('alerts', '--json');
    expect(inbox.code).toBe(0);
    const listed = JSON.parse(inbox.out) as { alerts: { kind: string; tenantName: string; unread: boolean }[]; unread: number };
    expect(listed.alerts.filter((a) => a.kind === 'dkim-gone').map((a) => a.tenantName)).toEqual(['Acme Outdoor', 'Acme Outdoor']);
    expect(listed.unread).toBe(listed.alerts.filter((a) => a.unread).length);
    const all = await cli('alerts', '--all');
    expect(all.code).toBe(0);
    expect(all.out).toMatch(/acknowledged/);
    expect(all.out).toMatch(/snoozed/);
    s = tempServices({ home, env });
  });
});
