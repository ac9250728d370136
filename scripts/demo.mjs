/* global fetch, setInterval, clearInterval */
// `npm run demo`: the whole Postmark flow without an account, with something on every screen. Starts the
// Postmark simulator and a loopback nsd serving the demo customers' DNS (both bundled from test/support with
// rolldown, which vite already brings), seeds a temporary data directory — vendor settings, four tenants
// (one provisioned), a seed list, four weeks of DMARC aggregate reports, a DNS check per tenant and one
// tenant whose DMARC record later drifted — and runs the browser host against the simulator with
// BEHALF_POSTMARK_SIMULATED=1 (the console shows a "Postmark is simulated" banner). Without nsd the demo
// records no DNS checks and says so (they would need a DNS server to ask). Ctrl+C stops everything; the data
// directory is left for inspection.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'rolldown';
import { findTool } from './preflight.mjs';
import { SYSTEM_TOOLS } from './system-tools.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = path.join(root, 'out/main/cli.js');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-demo-'));

const bundle = path.join(home, 'demo-support.mjs');
await build({
  input: path.join(root, 'test/support/demo/index.ts'),
  platform: 'node',
  external: [/^node:/],
  logLevel: 'warn',
  output: { file: bundle, format: 'esm' },
});
// Found before the bundle loads: the nsd harness reads BEHALF_NSD once, when it is imported.
const nsdBinary = findTool(
  SYSTEM_TOOLS.find((t) => t.bin === 'nsd'),
  process.env,
);
if (nsdBinary) process.env.BEHALF_NSD = nsdBinary;
const { startPostmarkSimulator, startNsd, demoZones, demoReports } = await import(pathToFileURL(bundle).href);

// In the demo the "customer" has published every record already: Verify succeeds once you click it. The
// records come from the simulator's own state, so rotation and revocation behave as with real DNS.
let sim;
const missing = (name) => Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
const resolver = {
  async resolveTxt(name) {
    const host = name.toLowerCase();
    const keys = sim.state.domains.flatMap((d) => [d.active, d.pending]).filter((k) => k && k.host === host);
    if (keys.length === 0) throw missing(name);
    return keys.map((k) => [k.value]);
  },
  async resolveCname(name) {
    if (!sim.state.domains.some((d) => d.ReturnPathDomain.toLowerCase() === name.toLowerCase())) throw missing(name);
    return ['pm.mtasv.net'];
  },
};
sim = await startPostmarkSimulator({ resolver });

const env = { ...process.env, BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken, BEHALF_POSTMARK_SIMULATED: '1' };
// Async on purpose: the simulator lives in this process and must keep answering while the CLI runs.
const exec = promisify(execFile);
const run = (...args) => exec(process.execPath, [cli, ...args, '--home', home], { env });
// `behalf check` exits 1 when a record is not ok: that is a finding to show, not a demo failure.
const check = (...args) =>
  run('check', ...args).catch((err) => {
    if (err.code !== 1) throw err;
  });

// Objects that already exist in the "account": one matches a tenant, one matches nobody (for Reconcile).
const account = (p, body) =>
  fetch(`${sim.url}${p}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'X-Postmark-Account-Token': sim.accountToken, 'Content-Type': 'application/json', Accept: 'application/json' },
  });
await account('/servers', { Name: 'legacy-newsletter', Color: 'Grey' });
await account('/servers', { Name: 'behalf-delta-travel', Color: 'Blue' });

const tenants = [
  [
    '--name',
    'Acme Outdoor',
    '--domain',
    'acme-outdoor.example',
    '--option',
    '1',
    '--contact-name',
    'Ana Ruiz',
    '--contact-email',
    'ana@acme-outdoor.example',
    '--from',
    'news@acme-outdoor.example',
    '--from-name',
    'Acme Outdoor',
  ],
  [
    '--name',
    'Bluebird Bakery',
    '--domain',
    'bluebird.example',
    '--option',
    '2',
    '--contact-name',
    'Bo Lind',
    '--contact-email',
    'bo@bluebird.example',
    '--from',
    'hello@bluebird.example',
    '--from-name',
    'Bluebird Bakery',
  ],
  ['--name', 'Cobalt Clinics', '--domain', 'cobalt-clinics.example', '--option', '1', '--from', 'care@cobalt-clinics.example', '--from-name', 'Cobalt Clinics'],
  ['--name', 'Delta Travel', '--domain', 'delta-travel.example', '--option', '3', '--from-name', 'Delta Travel'],
];
for (const t of tenants) await run('tenants', 'add', ...t);
// One tenant already provisioned, so its Postmark tab shows DKIM records waiting to be verified.
await run('provision', '--tenant', 'Cobalt Clinics', '--run');
// Sending health (#18): Acme Outdoor's server too, with weeks of history in trouble (bounces and complaints over the
// limits); Cobalt's history is healthy. The Health page ranks them worst first.
await run('provision', '--tenant', 'Acme Outdoor', '--run');
for (const server of sim.state.servers) {
  if (server.Name === 'behalf-acme-outdoor') sim.setStatsProfile(server.ID, 'trouble');
}

// The customers' DNS on a loopback nsd, republished whenever Postmark's records change (a provision, a DKIM
// rotation), as if each customer copied them at once. Bluebird's DMARC record is tightened after the first
// check: the drift the DNS checks page reports.
const DOMAINS = [
  { domain: 'acme-outdoor.example', dmarc: 'v=DMARC1; p=none; rua=mailto:dmarc@acme-outdoor.example' },
  { domain: 'bluebird.example', dmarc: 'v=DMARC1; p=none; rua=mailto:dmarc@bluebird.example' },
  { domain: 'cobalt-clinics.example', dmarc: 'v=DMARC1; p=quarantine; rua=mailto:dmarc@cobalt-clinics.example' },
  { domain: 'delta-travel.example', dmarc: 'v=DMARC1; p=none' },
];
const drifted = new Set();
let nsd = null;
let published = '';
let serial = 1;
const publish = async () => {
  const zones = demoZones(DOMAINS, sim.state.domains, drifted, serial);
  const key = JSON.stringify(zones);
  if (key === published) return;
  published = key;
  serial += 1;
  await nsd.reload(demoZones(DOMAINS, sim.state.domains, drifted, serial));
};
if (nsdBinary) {
  nsd = await startNsd({ zones: demoZones(DOMAINS, sim.state.domains, drifted, serial) });
  published = JSON.stringify(demoZones(DOMAINS, sim.state.domains, drifted, serial));
  // The demo's name servers (ns1.<domain> → 127.0.0.1) answer on nsd's port, for the authoritative view.
  env.BEHALF_DNS_AUTHORITATIVE_PORT = String(nsd.port);
}

// Vendor settings from the terminal door, before the host starts (so it reads them at once).
// The watch (#18) is on in the demo: a round every 6 hours in the browser host, no quiet hours (a demo runs at any hour).
await run(
  'settings',
  'set',
  'vendorName=Northwind Mail',
  'vendorDomain=northwind-mail.example',
  'dmarcReportMailbox=dmarc@northwind-mail.example',
  'watchIntervalHours=6',
  'watchQuietFrom=0',
  'watchQuietTo=0',
  ...(nsd ? [`dnsServers=${JSON.stringify([nsd.server])}`] : []),
);

// stdin is passed through: Enter in this terminal asks the host for a new one-time sign-in link.
const host = spawn(process.execPath, [cli, 'serve', '--json', '--home', home], { env, stdio: ['inherit', 'pipe', 'inherit'] });
const line = await new Promise((resolve, reject) => {
  let buf = '';
  host.stdout.on('data', (d) => {
    buf += d;
    const nl = buf.indexOf('\n');
    if (nl >= 0) resolve(buf.slice(0, nl));
  });
  host.once('exit', (code) => reject(new Error(`the browser host exited with ${code}`)));
});
const { url } = JSON.parse(line);
// Later lines are new sign-in links the host printed on request.
let pending = '';
host.stdout.on('data', (d) => {
  pending += d;
  for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
    const next = pending.slice(0, nl);
    pending = pending.slice(nl + 1);
    try {
      const fresh = JSON.parse(next).url;
      if (fresh && fresh !== url) console.log(`Open: ${fresh}`);
    } catch {
      /* not a link line */
    }
  }
});

for (const [address, provider] of [
  ['seed.gmail@inbox-tests.example', 'Gmail'],
  ['seed.outlook@inbox-tests.example', 'Outlook'],
  ['seed.yahoo@inbox-tests.example', 'Yahoo'],
  ['seed.proton@inbox-tests.example', 'Proton'],
]) {
  await run('seeds', 'add', address, '--provider', provider);
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

// Numbers for the Health page, as a refresh would fetch them (`behalf health` exits 1: a tenant is in trouble).
await run('health', '--refresh').catch((err) => {
  if (err.code !== 1) throw err;
});

let dnsNote;
if (nsd) {
  const server = ['--dns-server', nsd.server];
  await check('--all', ...server);
  drifted.add('bluebird.example');
  await publish();
  await check('--tenant', 'Bluebird Bakery', ...server);
  dnsNote = `DNS: the customers' zones are served by nsd at ${nsd.server} (Settings → DNS resolvers); Bluebird Bakery's DMARC record drifted to p=reject.`;
} else {
  dnsNote = 'DNS: nsd is not installed, so no DNS checks were recorded (install it with `sudo apt-get install -y nsd` for a demo with checks and drift).';
}
// Sender rules (#18): Acme Outdoor sends its newsletter on the transactional stream (the checklist fails it: no
// one-click unsubscribe there); Cobalt Clinics sends marketing on a Broadcast stream. `rules` exits 1 on a failing rule.
await run('rules', '--tenant', 'Acme Outdoor', '--bulk-mail', 'transactional').catch((err) => {
  if (err.code !== 1) throw err;
});
await run('rules', '--tenant', 'Cobalt Clinics', '--bulk-mail', 'broadcast').catch((err) => {
  if (err.code !== 1) throw err;
});

// One real watch round against the simulator (and nsd when present), as the schedule would run it: it raises the
// alerts for what is wrong (Acme Outdoor in trouble; with reports, the unknown sender failing DMARC as Acme).
const watchRound = JSON.parse((await run('watch', '--once', '--json')).stdout);
const alertNote = `Watch: one round raised ${watchRound.raised.length} alert(s) (${watchRound.raised.map((a) => a.title).join('; ') || 'none'}); the schedule runs every 6 hours.`;

const republish = setInterval(() => {
  if (nsd) publish().catch((err) => console.error(`republishing demo DNS failed: ${err.message}`));
}, 2_000);

console.log(`
Behalf demo — Postmark is SIMULATED at ${sim.url} (nothing reaches a real account)
Data directory: ${home}
${dnsNote}
${alertNote}
DMARC: ${Object.keys(reports).length} aggregate reports over four weeks imported (Postmark's servers, the customers' own mail, an unknown failing sender on acme-outdoor.example).

Open: ${url}   (works once; press Enter here for a new link)

Try: Health ranks the customers worst first: Acme Outdoor is in trouble (bounces and complaints over the limits).
Alerts (sidebar) lists what the watch round raised. Tenants → Acme Outdoor → Overview: the mailbox providers' rules it fails, with the fix.
Tenants → Acme Outdoor → Postmark → Verify (the demo "customer" has published the records); Bluebird Bakery (option 2) → Provision; about 20 s later the demo customer clicks Postmark's link,
then Refresh confirmation turns it live;
Provisioning → Reconcile links "behalf-delta-travel" to Delta Travel and lists "legacy-newsletter" as unmatched.
Ctrl+C stops the demo.`);

// The customer of option 2 "clicks" Postmark's confirmation link a little while after each signature appears.
const clickAt = new Map();
const confirmer = setInterval(() => {
  for (const s of sim.state.senders) {
    if (s.Confirmed) continue;
    if (!clickAt.has(s.ID)) clickAt.set(s.ID, Date.now() + 20_000);
    else if (clickAt.get(s.ID) <= Date.now()) sim.confirmSender(s.ID);
  }
}, 2_000);

const stop = async () => {
  clearInterval(confirmer);
  clearInterval(republish);
  host.kill('SIGTERM');
  await nsd?.stop();
  await sim.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
host.once('exit', () => void stop());
