import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface HostProcess {
  url: string;
  origin: string;
  home: string;
  proc: ChildProcess;
  /** What the host wrote to stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

const CLI = path.resolve('out/main/cli.js');

/**
 * Starts the real browser host (`behalf serve`) as a child process on a fresh or given data directory; `nodeArgs` go
 * to Node before the CLI (e.g. `--inspect=127.0.0.1:0`).
 */
export async function startHostProcess(opts: { home?: string; env?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<HostProcess> {
  const home = opts.home ?? fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-e2e-'));
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), CLI, 'serve', '--json', '--home', home], {
    env: { ...process.env, ...opts.env, POSTMARK_ACCOUNT_TOKEN: opts.env?.POSTMARK_ACCOUNT_TOKEN ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const line = await new Promise<string>((resolve, reject) => {
    let buf = '';
    proc.stdout!.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
    proc.once('exit', (code) => reject(new Error(`host exited with ${code}: ${stderr}`)));
  });
  const { url } = JSON.parse(line) as { url: string };
  return {
    url,
    origin: new URL(url).origin,
    home,
    proc,
    stderr: () => stderr,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}
