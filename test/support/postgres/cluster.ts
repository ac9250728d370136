import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL server owned by one test file: `initdb` in a temp folder, `pg_ctl start` on a free loopback TCP
 * port, password (SCRAM) logins over TCP, torn down by `destroy()`. As root the server runs as the `postgres` user
 * (PostgreSQL refuses to run as root), through `runuser`. When the binaries are missing the test FAILS with the
 * command that installs them (the `npm test` preflight installs Debian's postgresql) — a skipped test proves nothing.
 */
const CANDIDATES = [
  process.env.BEHALF_INITDB,
  '/usr/lib/postgresql/17/bin/initdb',
  '/usr/lib/postgresql/16/bin/initdb',
  '/usr/lib/postgresql/15/bin/initdb',
].filter((p): p is string => !!p);

export function postgresBinDir(): string {
  const initdb = CANDIDATES.find((p) => fs.existsSync(p));
  if (!initdb) throw new Error('PostgreSQL is not installed (no initdb found). Run: sudo apt-get install -y postgresql (or set BEHALF_INITDB).');
  return path.dirname(initdb);
}

const asRoot = process.getuid?.() === 0;

/** Runs a server binary; as root, as the postgres user. */
function run(bin: string, args: string[]): string {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface PgCluster {
  port: number;
  /** The cluster's own temp folder (owned by the server's user): where a test puts files the server reads. */
  dir: string;
  /** The superuser's password (user `postgres`). */
  superPassword: string;
  /** A connection string for `user` to `db` on this server (password included). */
  url(opts?: { user?: string; password?: string; db?: string; port?: number; query?: string }): string;
  /** Creates a login role and a database it owns (the team's). */
  createTeamDatabase(db: string, user: string, password: string): Promise<void>;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  running(): boolean;
  destroy(): void;
  logTail(): string;
}

/** `settings`: extra server settings (`-c name=value`), e.g. ssl=on with a certificate for the TLS tests. */
export async function startPostgres(settings: Record<string, string> = {}): Promise<PgCluster> {
  const bin = postgresBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-pg-'));
  const data = path.join(dir, 'data');
  const socketDir = path.join(dir, 'sock');
  const log = path.join(dir, 'server.log');
  const superPassword = `super-${Math.random().toString(36).slice(2)}`;
  fs.mkdirSync(socketDir);
  fs.writeFileSync(path.join(dir, 'pw'), superPassword);
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  fs.chmodSync(dir, 0o700);
  run(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    `--pwfile=${path.join(dir, 'pw')}`,
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const port = await freePort();
  const pgCtl = path.join(bin, 'pg_ctl');
  const extra = Object.entries(settings)
    .map(([k, v]) => ` -c ${k}=${v}`)
    .join('');
  const opts = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100${extra}`;
  let up = false;
  const cluster: PgCluster = {
    port,
    dir,
    superPassword,
    url: (o = {}) =>
      `postgres://${encodeURIComponent(o.user ?? 'postgres')}:${encodeURIComponent(o.password ?? superPassword)}@127.0.0.1:${o.port ?? port}/${o.db ?? 'postgres'}${o.query ? `?${o.query}` : ''}`,
    async createTeamDatabase(db, user, password) {
      const client = new pg.Client({ connectionString: cluster.url() });
      await client.connect();
      try {
        await client.query(`CREATE ROLE ${pg.escapeIdentifier(user)} LOGIN PASSWORD ${pg.escapeLiteral(password)}`);
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(db)} OWNER ${pg.escapeIdentifier(user)}`);
      } finally {
        await client.end();
      }
    },
    start() {
      run(pgCtl, ['-D', data, '-l', log, '-o', opts, '-w', '-t', '60', 'start']);
      up = true;
    },
    stop(mode = 'fast') {
      if (!up) return;
      run(pgCtl, ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
      up = false;
    },
    running: () => up,
    destroy() {
      try {
        cluster.stop('immediate');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    logTail: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').slice(-30).join('\n') : ''),
  };
  cluster.start();
  return cluster;
}
