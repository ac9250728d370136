import fs from 'node:fs';
import { signIn } from '../../hardening/host-session';
import http from 'node:http';
import path from 'node:path';
import { bulkRowAt, writeLargeReport } from '../../support/dmarc/report-builder';
import { startCli, waitUntil, type Child } from './child';

/**
 * Helpers for the several-processes-one-ledger suite (issue #21): CLI writers that each add tenants one
 * process at a time (as a shell loop would), a `behalf serve` signed in over HTTP, and big DMARC reports.
 */

export interface WriterTally {
  ok: number;
  failures: string[];
}

/**
 * Sequential `behalf tenants add` processes: at least `min`, and on until `stop()` says the other work is
 * over. Every failure is kept with its exit code and stderr.
 */
export async function addTenantsOneByOne(
  home: string,
  prefix: string,
  min: number,
  stop: () => boolean = () => true,
): Promise<WriterTally & { attempts: number }> {
  const tally = { ok: 0, failures: [] as string[], attempts: 0 };
  for (let i = 0; i < min || !stop(); i++) {
    tally.attempts++;
    const child = startCli(['tenants', 'add', '--name', `${prefix} ${i}`, '--domain', `${prefix}-${i}.example.test`, '--json', '--home', home]);
    const code = await child.done();
    if (code === 0) tally.ok++;
    else tally.failures.push(`${prefix} ${i}: exit ${code}: ${child.stderr().trim() || child.stdout().trim()}`);
  }
  return tally;
}

/**
 * `count` reports of `rows` records (~420 bytes each) for acme.example, report ids big-1…big-N (N < 10).
 * The first is generated; the others are byte copies with the report id patched in the header (same length),
 * which is much faster than generating each.
 */
export async function writeBigReports(dir: string, count: number, rows: number): Promise<string[]> {
  const first = path.join(dir, 'big-1.xml');
  await writeLargeReport(first, { reportId: 'big-1', domain: 'acme.example', begin: '2025-03-01' }, rows, bulkRowAt);
  const head = fs.readFileSync(first).subarray(0, 2048).toString('latin1');
  const at = head.indexOf('<report_id>big-1</report_id>') + '<report_id>'.length;
  const files = [first];
  for (let n = 2; n <= count; n++) {
    const file = path.join(dir, `big-${n}.xml`);
    fs.copyFileSync(first, file);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, `big-${n}`, at, 'latin1');
    fs.closeSync(fd);
    files.push(file);
  }
  return files;
}

export interface HostSession {
  child: Child;
  call<T = unknown>(channel: string, input?: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }>;
}

/** Starts `behalf serve` on the ledger and signs in the way a browser does (login URL → cookie + page token). */
export async function startHost(home: string): Promise<HostSession> {
  const child = startCli(['serve', '--json', '--home', home], { BEHALF_DNS_SERVERS: '127.0.0.1:9' });
  await waitUntil(() => child.stdout().includes('\n') || child.exited(), 'the host to print its URL');
  if (child.exited()) throw new Error(`behalf serve exited: ${child.stderr()}`);
  const url = new URL((JSON.parse(child.stdout().split('\n')[0]!) as { url: string }).url);
  const port = Number(url.port);
  const session = await signIn({ port, origin: url.origin }, url.href);
  return {
    child,
    async call(channel, input = {}) {
      const r = await request(port, `/rpc/${channel}`, session.rpcHeaders(), JSON.stringify(input));
      return JSON.parse(r.body);
    },
  };
}

function request(port: number, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: body === undefined ? 'GET' : 'POST', headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
