import { spawn, type ChildProcess } from 'node:child_process';
import { promises as dns } from 'node:dns';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

export const NSD_BINARY = process.env.BEHALF_NSD ?? '/usr/sbin/nsd';

export interface StartNsdOptions {
  /** Zone origin (e.g. "acme.test") → zone file text. A zone whose text does not parse is served as SERVFAIL. */
  zones: Record<string, string>;
  port?: number;
  /** Loopback address to bind; 127.0.0.1 unless a test needs a second server on the same port. */
  address?: string;
}

export interface NsdServer {
  /** "127.0.0.1:PORT", ready for Resolver.setServers / the checker's `servers`. */
  server: string;
  port: number;
  address: string;
  dir: string;
  /** Replaces every zone (restarts nsd on the same port) and waits until it answers again. */
  reload(zones: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
  /** nsd's stderr so far (for failure messages). */
  log(): string;
}

function zoneFileName(origin: string): string {
  return `${origin.replace(/\.$/, '').replace(/[^A-Za-z0-9.-]/g, '_') || 'root'}.zone`;
}

/** nsd.conf for a throw-away, unprivileged-path, root-run instance: everything lives in `dir`. */
export function nsdConfig(dir: string, address: string, port: number, zones: Record<string, string>): string {
  const server = [
    'server:',
    `  ip-address: ${address}@${port}`,
    `  port: ${port}`,
    '  do-ip6: no',
    '  rrl-ratelimit: 0',
    '  chroot: ""',
    '  username: ""',
    `  pidfile: "${dir}/nsd.pid"`,
    '  database: ""',
    `  zonelistfile: "${dir}/zone.list"`,
    `  xfrdfile: "${dir}/xfrd.state"`,
    `  xfrdir: "${dir}"`,
    `  zonesdir: "${dir}"`,
    '  verbosity: 0',
    '  server-count: 1',
    '  hide-version: yes',
    'remote-control:',
    '  control-enable: no',
  ];
  const zoneBlocks = Object.keys(zones).flatMap((origin) => ['zone:', `  name: "${origin.replace(/\.$/, '')}"`, `  zonefile: "${zoneFileName(origin)}"`]);
  return [...server, ...zoneBlocks, ''].join('\n');
}

function writeFiles(dir: string, address: string, port: number, zones: Record<string, string>): string {
  for (const f of fs.readdirSync(dir)) if (f.endsWith('.zone') || f === 'zone.list') fs.rmSync(path.join(dir, f), { force: true });
  for (const [origin, text] of Object.entries(zones)) fs.writeFileSync(path.join(dir, zoneFileName(origin)), text.endsWith('\n') ? text : `${text}\n`);
  const conf = path.join(dir, 'nsd.conf');
  fs.writeFileSync(conf, nsdConfig(dir, address, port, zones));
  return conf;
}

/** Polls until nsd answers anything (even REFUSED/NXDOMAIN/SERVFAIL): then it is listening. */
async function waitUntilAnswering(server: string, probe: string, child: ChildProcess, log: () => string): Promise<void> {
  const resolver = new dns.Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([server]);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`nsd exited before answering:\n${log()}`);
    try {
      await resolver.resolveSoa(probe);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ECONNREFUSED' && code !== 'ETIMEOUT') return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nsd did not answer on ${server} within 15 s:\n${log()}`);
}

function launch(conf: string, logs: string[]): ChildProcess {
  // Own process group, so stop() can end nsd and the helper processes it forks, by id.
  const child = spawn(NSD_BINARY, ['-d', '-c', conf], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    logs.push(chunk);
    if (logs.length > 200) logs.shift();
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      /* already gone */
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** Starts a real nsd on loopback serving `zones`; resolves once it answers queries. */
export async function startNsd(opts: StartNsdOptions): Promise<NsdServer> {
  // Said plainly, so a machine without nsd fails every DNS test with the fix rather than a bare ENOENT.
  if (!fs.existsSync(NSD_BINARY)) {
    throw new Error(
      `nsd is not installed (looked for ${NSD_BINARY}): run \`sudo apt-get install -y nsd\` (npm test does this itself when run as root) or set BEHALF_NSD to an nsd binary`,
    );
  }
  const address = opts.address ?? '127.0.0.1';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-nsd-'));
  const logs: string[] = [];
  const log = () => logs.join('');
  const probe = Object.keys(opts.zones)[0] ?? 'probe.invalid';
  let port = opts.port ?? (await freePort([address]));
  let child: ChildProcess | null = null;

  const startOn = async (zones: Record<string, string>) => {
    const conf = writeFiles(dir, address, port, zones);
    child = launch(conf, logs);
    await waitUntilAnswering(`${address}:${port}`, Object.keys(zones)[0] ?? probe, child, log);
  };
  // A port picked as free can be taken before nsd binds it: retry on a fresh one unless the caller chose it.
  for (let attempt = 0; ; attempt++) {
    try {
      await startOn(opts.zones);
      break;
    } catch (err) {
      if (child) await kill(child);
      if (opts.port !== undefined || attempt >= 3) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw err;
      }
      port = await freePort([address]);
    }
  }
  const onExit = () => {
    if (child?.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  };
  process.once('exit', onExit);

  return {
    server: `${address}:${port}`,
    port,
    address,
    dir,
    log,
    async reload(zones) {
      if (child) await kill(child);
      await startOn(zones);
    },
    async stop() {
      process.removeListener('exit', onExit);
      if (child) await kill(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
