import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startNsd, type NsdServer } from '../../support/nsd';
import { demoReports, demoZones, type DemoDomain } from '../../support/demo';
import { startPostmarkSimulator, type PostmarkSimulator } from '../../support/postmark-sim';

/**
 * The `npm run demo` ledger for browser specs: four tenants (Cobalt Clinics provisioned in the Postmark
 * simulator), vendor settings, a server for sheets by email, seed inboxes, four weeks of DMARC reports, a DNS
 * check per tenant with Bluebird's DMARC drifted, and one test send from Bluebird (option 2, confirmed) — so every screen has data on it. The
 * customers' DNS is served by a loopback nsd and republished when Postmark's records change, as in the demo.
 */
export interface DemoLedger {
  home: string;
  sim: PostmarkSimulator;
  nsd: NsdServer;
  /** Environment for `behalf serve` on this ledger: the simulator, its token and nsd as resolver. */
  env: Record<string, string>;
  /** Tenant ids by domain. */
  ids: Record<string, string>;
  /** Republishes the zones from the simulator's current DKIM/Return-Path records (after a provision). */
  publish(): Promise<void>;
  stop(): Promise<void>;
}

const CLI = path.resolve('out/main/cli.js');
const DOMAINS: DemoDomain[] = [
  { domain: 'acme-outdoor.example', dmarc: 'v=DMARC1; p=none; rua=mailto:dmarc@acme-outdoor.example' },
  { domain: 'bluebird.example', dmarc: 'v=DMARC1; p=none; rua=mailto:dmarc@bluebird.example' },
  { domain: 'cobalt-clinics.example', dmarc: 'v=DMARC1; p=quarantine; rua=mailto:dmarc@cobalt-clinics.example' },
  { domain: 'delta-travel.example', dmarc: 'v=DMARC1; p=none' },
];

export async function startDemoLedger(): Promise<DemoLedger> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-demo-'));
  // The simulated customer has published whatever Postmark asks (Verify succeeds), as in the demo.
  let sim: PostmarkSimulator | undefined;
  const missing = (name: string) => Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  sim = await startPostmarkSimulator({
    resolver: {
      async resolveTxt(name: string) {
        const keys = sim!.state.domains.flatMap((d) => [d.active, d.pending]).filter((k) => k && k.host === name.toLowerCase());
        if (keys.length === 0) throw missing(name);
        return keys.map((k) => [k!.value]);
      },
      async resolveCname(name: string) {
        if (!sim!.state.domains.some((d) => d.ReturnPathDomain.toLowerCase() === name.toLowerCase())) throw missing(name);
        return ['pm.mtasv.net'];
      },
    },
  });
  const drifted = new Set<string>();
  let serial = 1;
  const zones = () => demoZones(DOMAINS, sim!.state.domains, drifted, serial);
  const nsd = await startNsd({ zones: zones() });
  const publish = async () => {
    serial += 1;
    await nsd.reload(zones());
  };
  const env = {
    BEHALF_POSTMARK_URL: sim.url,
    POSTMARK_ACCOUNT_TOKEN: sim.accountToken,
    BEHALF_DNS_SERVERS: nsd.server,
    BEHALF_DNS_AUTHORITATIVE_PORT: String(nsd.port),
  };
  // Asynchronous on purpose: the simulator lives in this process and must keep answering while the CLI runs.
  const run = (...args: string[]) => promisify(execFile)(process.execPath, [CLI, ...args, '--home', home], { env: { ...process.env, ...env }, encoding: 'utf8' });
  // `check` and `send` exit 1 for a finding (a failing record, a refused seed): data to show, not a setup failure.
  const finding = (...args: string[]) => run(...args).catch((err: { code?: number }) => { if (err.code !== 1) throw err; });

  const tenants = [
    ['--name', 'Acme Outdoor', '--domain', 'acme-outdoor.example', '--option', '1', '--contact-name', 'Ana Ruiz', '--contact-email', 'ana@acme-outdoor.example', '--from', 'news@acme-outdoor.example', '--from-name', 'Acme Outdoor', '--tag', 'retail'],
    ['--name', 'Bluebird Bakery', '--domain', 'bluebird.example', '--option', '2', '--contact-name', 'Bo Lind', '--contact-email', 'bo@bluebird.example', '--from', 'hello@bluebird.example', '--from-name', 'Bluebird Bakery'],
    ['--name', 'Cobalt Clinics', '--domain', 'cobalt-clinics.example', '--option', '1', '--contact-name', 'Cem Aydin', '--contact-email', 'it@cobalt-clinics.example', '--from', 'care@cobalt-clinics.example', '--from-name', 'Cobalt Clinics'],
    ['--name', 'Delta Travel', '--domain', 'delta-travel.example', '--option', '3', '--from-name', 'Delta Travel'],
  ];
  const ids: Record<string, string> = {};
  for (const t of tenants) {
    const added = JSON.parse((await run('tenants', 'add', ...t, '--json')).stdout) as { id: string; domain: string };
    ids[added.domain] = added.id;
  }
  await run('provision', '--tenant', 'Cobalt Clinics', '--run');
  // Bluebird (option 2) provisioned too, and its customer has clicked Postmark's confirmation link: it can send.
  await run('provision', '--tenant', 'Bluebird Bakery', '--run');
  for (const s of sim.state.senders) sim.confirmSender(s.ID);
  await publish();

  // The vendor's own server and confirmed sender for sheets by email.
  const account = (p: string, body: unknown) => fetch(`${sim.url}${p}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'X-Postmark-Account-Token': sim.accountToken, 'Content-Type': 'application/json', Accept: 'application/json' },
  }).then((r) => r.json() as Promise<{ ID: number }>);
  const server = await account('/servers', { Name: 'Northwind transactional', Color: 'Blue' });
  sim.confirmSender((await account('/senders', { FromEmail: 'dns-help@northwind-mail.example', Name: 'Northwind Mail' })).ID);
  await run('settings', 'set', 'vendorName=Northwind Mail', 'vendorDomain=northwind-mail.example', 'dmarcReportMailbox=dmarc@northwind-mail.example',
    `dnsServers=${JSON.stringify([nsd.server])}`, `sheetsServerId=${server.ID}`, 'sheetsFromAddress=dns-help@northwind-mail.example');

  for (const [address, provider] of [['seed.gmail@inbox-tests.example', 'Gmail'], ['seed.outlook@inbox-tests.example', 'Outlook'], ['seed.yahoo@inbox-tests.example', 'Yahoo']]) {
    await run('seeds', 'add', address!, '--provider', provider!);
  }

  const reportDir = path.join(home, 'dmarc-reports');
  fs.mkdirSync(reportDir, { recursive: true });
  const reports = demoReports([
    { domain: 'acme-outdoor.example', volume: 420, postmark: 'aligned', spoofed: true },
    { domain: 'bluebird.example', volume: 150, postmark: 'unaligned' },
    { domain: 'cobalt-clinics.example', volume: 260, postmark: 'aligned' },
  ]);
  for (const [name, xml] of Object.entries(reports)) fs.writeFileSync(path.join(reportDir, name), xml);
  await run('dmarc', 'import', reportDir);

  await finding('check', '--all', '--dns-server', nsd.server);
  drifted.add('bluebird.example');
  await publish();
  await finding('check', '--tenant', 'Bluebird Bakery', '--dns-server', nsd.server);
  await finding('send', '--tenant', 'Bluebird Bakery');

  return {
    home,
    sim,
    nsd,
    env,
    ids,
    publish,
    stop: async () => {
      await nsd.stop();
      await sim!.close();
    },
  };
}
