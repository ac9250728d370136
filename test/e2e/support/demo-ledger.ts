import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startNsd, type NsdServer } from '../../support/nsd';
import { demoReports, demoZones, type DemoDomain } from '../../support/demo';
import { startPostmarkSimulator, type PostmarkSimulator } from '../../support/postmark-sim';

/**
 * What `npm run demo` runs, for browser specs: the Postmark simulator (whose customers have published whatever
 * Postmark asks, so Verify succeeds) and the customers' DNS on a loopback nsd, republished when Postmark's records
 * change. startDemoLedger() also fills the ledger as the demo does.
 */
export interface DemoServices {
  home: string;
  sim: PostmarkSimulator;
  nsd: NsdServer;
  /** Environment for `behalf serve` on this ledger: the simulator, its token and nsd as resolver. */
  env: Record<string, string>;
  /** Domains whose DMARC record is served tightened to p=reject from the next publish() on. */
  drifted: Set<string>;
  /** Republishes the zones from the simulator's current DKIM/Return-Path records (after a provision). */
  publish(): Promise<void>;
  /** The real CLI on this ledger, against the simulator and nsd. */
  run(...args: string[]): Promise<{ stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

export interface DemoLedger extends DemoServices {
  /** Tenant ids by domain. */
  ids: Record<string, string>;
}

const CLI = path.resolve('out/main/cli.js');
const DOMAINS: DemoDomain[] = [
  { domain: 'acme-outdoor.example', dmarc: 'v=DMARC1; p=none; rua=mailto:dmarc@acme-outdoor.example' },
  { domain: 'bluebird.example', dmarc: 'v=DMARC1; p=none; rua=mailto:dmarc@bluebird.example' },
  { domain: 'cobalt-clinics.example', dmarc: 'v=DMARC1; p=quarantine; rua=mailto:dmarc@cobalt-clinics.example' },
  { domain: 'delta-travel.example', dmarc: 'v=DMARC1; p=none' },
];

/** The demo's Postmark simulator and the customers' DNS on nsd, with an empty ledger; `domains` join the demo's. */
export async function startDemoServices(domains: DemoDomain[] = []): Promise<DemoServices> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-demo-'));
  // The simulated customer has published whatever Postmark asks (Verify succeeds), as in the demo.
  const missing = (name: string) => Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  // The resolver reads the simulator's own records: it runs only once the simulator answers requests.
  const sim: PostmarkSimulator = await startPostmarkSimulator({
    resolver: {
      async resolveTxt(name: string) {
        const keys = sim.state.domains.flatMap((d) => [d.active, d.pending]).filter((k) => k && k.host === name.toLowerCase());
        if (keys.length === 0) throw missing(name);
        return keys.map((k) => [k!.value]);
      },
      async resolveCname(name: string) {
        if (!sim.state.domains.some((d) => d.ReturnPathDomain.toLowerCase() === name.toLowerCase())) throw missing(name);
        return ['pm.mtasv.net'];
      },
    },
  });
  const all = [...DOMAINS, ...domains];
  const drifted = new Set<string>();
  let serial = 1;
  const zones = () => demoZones(all, sim.state.domains, drifted, serial);
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
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, [CLI, ...args, '--home', home], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return {
    home,
    sim,
    nsd,
    env,
    drifted,
    publish,
    run,
    stop: async () => {
      await nsd.stop();
      await sim.close();
    },
  };
}

/**
 * The demo ledger: four tenants (Cobalt Clinics option 1 and Bluebird Bakery option 2 provisioned, Bluebird's
 * sender confirmed), vendor settings, a server for sheets by email, seed inboxes, four weeks of DMARC reports, a DNS
 * check per tenant with Bluebird's DMARC drifted, and one test send — so every screen has data on it.
 */
export async function startDemoLedger(): Promise<DemoLedger> {
  const services = await startDemoServices();
  const { home, sim, nsd, drifted, publish, run } = services;
  // `check` and `send` exit 1 for a finding (a failing record, a refused seed): data to show, not a setup failure.
  const finding = (...args: string[]) =>
    run(...args).catch((err: { code?: number }) => {
      if (err.code !== 1) throw err;
    });

  // One CLI run per kind of data (a CSV each), not one per row: the setup stays quick on a busy machine.
  const file = (name: string, text: string) => (fs.writeFileSync(path.join(home, name), text), path.join(home, name));
  await run(
    'tenants',
    'import',
    file(
      'tenants.csv',
      [
        'name,domain,contact_name,contact_email,from_address,from_name,option,tags',
        'Acme Outdoor,acme-outdoor.example,Ana Ruiz,ana@acme-outdoor.example,news@acme-outdoor.example,Acme Outdoor,1,retail',
        'Bluebird Bakery,bluebird.example,Bo Lind,bo@bluebird.example,hello@bluebird.example,Bluebird Bakery,2,',
        'Cobalt Clinics,cobalt-clinics.example,Cem Aydin,it@cobalt-clinics.example,care@cobalt-clinics.example,Cobalt Clinics,1,',
        'Delta Travel,delta-travel.example,,,,Delta Travel,3,',
      ].join('\n'),
    ),
  );
  const listed = JSON.parse((await run('tenants', 'list', '--json')).stdout) as { rows: { id: string; domain: string }[] };
  const ids = Object.fromEntries(listed.rows.map((t) => [t.domain, t.id]));
  await run('provision', '--tenant', 'Cobalt Clinics', '--run');
  // Bluebird (option 2) provisioned too, and its customer has clicked Postmark's confirmation link: it can send.
  await run('provision', '--tenant', 'Bluebird Bakery', '--run');
  for (const s of sim.state.senders) sim.confirmSender(s.ID);
  await publish();

  // The vendor's own server and confirmed sender for sheets by email.
  const account = (p: string, body: unknown) =>
    fetch(`${sim.url}${p}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'X-Postmark-Account-Token': sim.accountToken, 'Content-Type': 'application/json', Accept: 'application/json' },
    }).then((r) => r.json() as Promise<{ ID: number }>);
  const server = await account('/servers', { Name: 'Northwind transactional', Color: 'Blue' });
  sim.confirmSender((await account('/senders', { FromEmail: 'dns-help@northwind-mail.example', Name: 'Northwind Mail' })).ID);
  await run(
    'settings',
    'set',
    'vendorName=Northwind Mail',
    'vendorDomain=northwind-mail.example',
    'dmarcReportMailbox=dmarc@northwind-mail.example',
    `dnsServers=${JSON.stringify([nsd.server])}`,
    `sheetsServerId=${server.ID}`,
    'sheetsFromAddress=dns-help@northwind-mail.example',
  );

  await run(
    'seeds',
    'import',
    file(
      'seeds.csv',
      'address,provider,active\nseed.gmail@inbox-tests.example,Gmail,yes\nseed.outlook@inbox-tests.example,Outlook,yes\nseed.yahoo@inbox-tests.example,Yahoo,yes\n',
    ),
  );

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

  return { ...services, ids };
}
