import Database from 'better-sqlite3';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Consoles of a team as separate processes, each with its own data directory, driven through the built CLI
 * (`out/main/cli.js`) — what three people on three machines would run.
 */
export const CLI = path.resolve('out/main/cli.js');

export function ensureBuilt(): void {
  execFileSync(process.execPath, [path.resolve('scripts/ensure-built.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
}

export interface Run {
  code: number | null;
  out: string;
  err: string;
}

export interface Proc {
  proc: ChildProcess;
  out(): string;
  err(): string;
  done: Promise<Run>;
}

export class TeamConsole {
  readonly home: string;
  private readonly running = new Set<Proc>();

  constructor(
    readonly name: string,
    readonly env: Record<string, string> = {},
  ) {
    this.home = fs.mkdtempSync(path.join(os.tmpdir(), `behalf-team-${name}-`));
  }

  start(args: string[], env: Record<string, string> = {}): Proc {
    const proc = spawn(process.execPath, [CLI, ...args, '--home', this.home], {
      env: { ...process.env, POSTMARK_ACCOUNT_TOKEN: '', ...this.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr!.on('data', (d) => (err += d));
    const p: Proc = {
      proc,
      out: () => out,
      err: () => err,
      done: new Promise((resolve) =>
        proc.once('exit', (code) => {
          this.running.delete(p);
          resolve({ code, out, err });
        }),
      ),
    };
    this.running.add(p);
    return p;
  }

  run(...args: string[]): Promise<Run> {
    return this.start(args).done;
  }

  /** Runs and expects exit 0, with the output in the failure message. */
  async ok(...args: string[]): Promise<string> {
    const r = await this.run(...args);
    if (r.code !== 0) throw new Error(`${this.name}: behalf ${args.join(' ')} exited ${r.code}\n${r.out}\n${r.err}`);
    return r.out;
  }

  async json<T = unknown>(...args: string[]): Promise<T> {
    return JSON.parse(await this.ok(...args, '--json')) as T;
  }

  /** Read-only look at the console's ledger file. */
  query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[] {
    const db = new Database(path.join(this.home, 'ledger.sqlite'), { readonly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  /** A write made straight to the ledger (as any other program on that machine could): the triggers still see it. */
  exec(sql: string, ...params: unknown[]): void {
    const db = new Database(path.join(this.home, 'ledger.sqlite'));
    try {
      db.pragma('busy_timeout = 5000');
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
  }

  /** The shared part of the ledger, comparable between consoles (local ids left out). */
  shared(): Record<string, unknown[]> {
    return {
      tenants: this.query('SELECT id, name, name_lc, domain, option, status, notes, contact_name, from_name FROM tenants ORDER BY id'),
      tags: this.query('SELECT tenant_id, tag FROM tenant_tags ORDER BY tenant_id, tag'),
      settings: this.query(`SELECT key, value_json FROM settings WHERE key IN ('vendorName', 'vendorDomain') ORDER BY key`),
      audit: this.query('SELECT tenant_id, at, action, field, old_value, new_value, operator_name FROM audit ORDER BY tenant_id, at, action, field, new_value'),
    };
  }

  async kill9(p: Proc): Promise<void> {
    p.proc.kill('SIGKILL');
    await p.done;
  }

  destroy(): void {
    for (const p of this.running) p.proc.kill('SIGKILL');
    fs.rmSync(this.home, { recursive: true, force: true });
  }
}

/** A TCP proxy a console reaches PostgreSQL through, so a test can cut that console's connection (and only its). */
export async function cuttableProxy(targetPort: number): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const listen = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect(targetPort, '127.0.0.1');
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server!.address() as net.AddressInfo).port;
  };
  const cut = async () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
    if (server) await new Promise((resolve) => server!.close(resolve));
    server = null;
  };
  await listen();
  return {
    get port() {
      return port;
    },
    cut,
    restore: listen,
    close: cut,
  };
}

export async function waitFor<T>(what: string, fn: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
