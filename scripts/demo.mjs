/* global fetch, setInterval, clearInterval */
// `npm run demo`: the whole Postmark flow without an account. Starts the Postmark simulator (bundled from
// test/support with rolldown, which vite already brings), seeds sample tenants in a temporary data
// directory, and runs the browser host against the simulator with BEHALF_POSTMARK_SIMULATED=1 (the console
// shows a "Postmark is simulated" banner). Ctrl+C stops everything; the data directory is left for inspection.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = path.join(root, 'out/main/cli.js');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-demo-'));

const simFile = path.join(home, 'postmark-sim.mjs');
await build({
  input: path.join(root, 'test/support/postmark-sim/index.ts'),
  platform: 'node',
  external: [/^node:/],
  logLevel: 'warn',
  output: { file: simFile, format: 'esm' },
});
const { startPostmarkSimulator } = await import(pathToFileURL(simFile).href);

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
const run = (...args) => promisify(execFile)(process.execPath, [cli, ...args, '--home', home], { env });

// Objects that already exist in the "account": one matches a tenant, one matches nobody (for Reconcile).
const account = (p, body) => fetch(`${sim.url}${p}`, {
  method: 'POST', body: JSON.stringify(body),
  headers: { 'X-Postmark-Account-Token': sim.accountToken, 'Content-Type': 'application/json', Accept: 'application/json' },
});
await account('/servers', { Name: 'legacy-newsletter', Color: 'Grey' });
await account('/servers', { Name: 'behalf-delta-travel', Color: 'Blue' });

const tenants = [
  ['--name', 'Acme Outdoor', '--domain', 'acme-outdoor.example', '--option', '1', '--contact-name', 'Ana Ruiz', '--contact-email', 'ana@acme-outdoor.example', '--from', 'news@acme-outdoor.example', '--from-name', 'Acme Outdoor'],
  ['--name', 'Bluebird Bakery', '--domain', 'bluebird.example', '--option', '2', '--contact-name', 'Bo Lind', '--contact-email', 'bo@bluebird.example', '--from', 'hello@bluebird.example', '--from-name', 'Bluebird Bakery'],
  ['--name', 'Cobalt Clinics', '--domain', 'cobalt-clinics.example', '--option', '1', '--from', 'care@cobalt-clinics.example', '--from-name', 'Cobalt Clinics'],
  ['--name', 'Delta Travel', '--domain', 'delta-travel.example', '--option', '3', '--from-name', 'Delta Travel'],
];
for (const t of tenants) await run('tenants', 'add', ...t);
// One tenant already provisioned, so its Postmark tab shows DKIM records waiting to be verified.
await run('provision', '--tenant', 'Cobalt Clinics', '--run');

const host = spawn(process.execPath, [cli, 'serve', '--json', '--home', home], { env, stdio: ['ignore', 'pipe', 'inherit'] });
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
console.log(`
Behalf demo — Postmark is SIMULATED at ${sim.url} (nothing reaches a real account)
Data directory: ${home}

Open: ${url}

Try: Tenants → Acme Outdoor → Postmark → Provision option 1 → Verify (the demo "customer" has published the
records); Bluebird Bakery (option 2) → Provision; about 20 s later the demo customer clicks Postmark's link,
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
  host.kill('SIGTERM');
  await sim.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
host.once('exit', () => void stop());
