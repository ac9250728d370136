import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DEFAULT_BULK_CONCURRENCY, runBulkCheck } from '../../src-main/dns/bulk';
import { createDnsChecker } from '../../src-main/dns/check-domain';
import type { CheckInput } from '../../src-main/dns/expected-records';
import { startNsd, type NsdServer } from '../support/nsd';
import { benchTenants, benchZone, ORIGIN } from './support/bench-zone';
import { bundleChild } from './support/bundle';
import { countQueries } from './support/count-queries';
import { p2Floors } from './support/p2-floors';
import { profile } from './support/profile';
import { RESULTS_DIR, writeResult } from './support/results';
import { round, since } from './support/stats';

/**
 * The measured run: 10,000 tenants (50,000 questions, ~2 s here), the first bulk run of a process that runs the
 * checker as the app is built (one bundle), at the default concurrency, JIT warm-up included. dnsperf's figure is
 * its rate over 10 s, so the run is long enough to be compared with it; a ledger at P1's scale (100,000 tenants)
 * makes a nightly run ten times longer still.
 */
const TENANTS = 10_000;
/** Short runs (the first 1,000 tenants) at 4, 16 and 64 checks in flight, shown beside it, and the floors. */
const SHORT_TENANTS = 1_000;

interface TimedRun {
  tenants: number;
  queries: number;
  ms: number;
  qps: number;
  byStatus: Record<string, number>;
  heapMB: number;
  rssMB: number;
}

/** One bulk run in this process, its questions counted (and kept for the floors) and its heap sampled every 50 tenants. */
async function timedRun(inputs: CheckInput[], checker: ReturnType<typeof createDnsChecker>, concurrency: number): Promise<{ run: TimedRun; asked: string[] }> {
  const counter = countQueries();
  let heap = 0;
  const t = process.hrtime.bigint();
  const summary = await runBulkCheck(inputs, {
    checker,
    concurrency,
    onProgress: (done) => done % 50 === 0 && (heap = Math.max(heap, process.memoryUsage().heapUsed)),
  });
  const ms = since(t);
  counter.restore();
  expect(summary.done).toBe(inputs.length);
  expect(summary.byStatus['failed-to-check']).toBe(0);
  const run = {
    tenants: inputs.length,
    queries: counter.asked.length,
    ms: round(ms),
    qps: round(counter.asked.length / (ms / 1000), 0),
    byStatus: summary.byStatus,
    heapMB: round(heap / 2 ** 20, 1),
    rssMB: round(process.memoryUsage().rss / 2 ** 20, 1),
  };
  return { run, asked: counter.asked };
}

let nsd: NsdServer | undefined;
afterAll(async () => nsd?.stop());

/** P2: a bulk DNS check of 10,000 tenants against loopback nsd, against dnsperf on the same server. */
it('P2 bulk DNS check of 10,000 tenants', async () => {
  nsd = await startNsd({ zones: { [ORIGIN]: benchZone(TENANTS) } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-bench-p2-'));
  try {
    // The measured run, in a child process of its own. A first child reads the live heap at each quarter of the
    // same run (and is the first time nsd answers these names: dnsperf measures a warm nsd too); then the timed one.
    const child = await bundleChild('test/bench/children/p2-bulk-child.ts');
    const questionsFile = path.join(dir, 'questions.txt');
    const runChild = (flags: string[], mode: 'time' | 'memory') =>
      JSON.parse(
        execFileSync(process.execPath, [...flags, child, nsd!.server, String(TENANTS), mode, ...(mode === 'time' ? [questionsFile] : [])], {
          encoding: 'utf8',
        }),
      ) as {
        done: number;
        byStatus: Record<string, number>;
        queries: number;
        ms: number;
        cpuMicrosPerQuestion: number;
        liveHeapMB: number[];
        rssMB: number;
      };
    const memory = runChild(['--expose-gc'], 'memory');
    expect(memory.liveHeapMB).toHaveLength(4);
    // BENCH_P2_PROFILE=1: the measured run under --cpu-prof (bench-results/P2-first-run/), JIT warm-up and all; the
    // profile slows it, so its figure is not the row's.
    const out = runChild(
      process.env.BENCH_P2_PROFILE ? ['--cpu-prof', '--cpu-prof-interval=250', `--cpu-prof-dir=${path.join(RESULTS_DIR, 'P2-first-run')}`] : [],
      'time',
    );
    expect(out.done).toBe(TENANTS);
    expect(out.byStatus['failed-to-check']).toBe(0);
    expect(out.queries).toBeGreaterThanOrEqual(4 * TENANTS);
    const qps = out.queries / (out.ms / 1000);
    const flat = memory.liveHeapMB[3]! <= memory.liveHeapMB[0]! * 1.1;

    const dnsperf = execFileSync('dnsperf', ['-s', nsd.address, '-p', String(nsd.port), '-d', questionsFile, '-l', '10'], { encoding: 'utf8' });
    const dnsperfQps = Number(/Queries per second:\s+([\d.]+)/.exec(dnsperf)?.[1]);
    expect(dnsperfQps).toBeGreaterThan(0);
    const ratio = (q: number) => round(q / dnsperfQps, 2);

    // Short runs in this process (sources as the unit tests load them), at 4, 16 and 64 checks in flight.
    const short = benchTenants(SHORT_TENANTS);
    const checker = createDnsChecker({ servers: [nsd.server], authoritative: false });
    const runs: Record<string, TimedRun> = {};
    let asked: string[] = [];
    for (const concurrency of [...new Set([4, DEFAULT_BULK_CONCURRENCY, 64])]) {
      const r = await timedRun(short, checker, concurrency);
      runs[`c${concurrency}`] = r.run;
      asked = r.asked;
    }

    // The short run's questions below the checker, and the checker on them once the JIT has warmed up.
    const floors = await p2Floors({ host: nsd.address, port: nsd.port }, asked);
    let warm = { qps: 0, cpuMicrosPerQuestion: 0 };
    for (let pass = 0; pass < 3; pass++) {
      const t = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      await runBulkCheck(short, { checker });
      const used = process.cpuUsage(cpu);
      warm = { qps: round(asked.length / (since(t) / 1000), 0), cpuMicrosPerQuestion: round((used.user + used.system) / asked.length, 1) };
    }

    // What bounds the checker (bench-results/P2.cpuprofile): one more short run at the default concurrency, profiled.
    const hot = await profile('P2', async () => void (await runBulkCheck(short, { checker })));
    const shortRuns = Object.entries(runs)
      .map(([c, r]) => `${r.qps.toLocaleString('en')} q/s at ${c.slice(1)} (${ratio(r.qps)}×)`)
      .join(', ');
    writeResult({
      id: 'P2',
      work: `Bulk DNS check of ${TENANTS.toLocaleString('en')} option-1 tenants (${out.queries.toLocaleString('en')} queries) against loopback nsd: a process's first bulk run, the app's bundle`,
      figure:
        `${round(qps, 0).toLocaleString('en')} q/s at the default concurrency ${DEFAULT_BULK_CONCURRENCY} (${round(out.ms / 1000, 2)} s, ${round(out.cpuMicrosPerQuestion, 1)} µs CPU a question); live heap after a full GC at each quarter of the run: ${memory.liveHeapMB.map((m) => round(m, 1)).join(' / ')} MB. ` +
        `Short runs of ${SHORT_TENANTS.toLocaleString('en')} tenants (the bench's own process): ${shortRuns}`,
      baseline: `dnsperf -l 10, same queries: ${round(dnsperfQps, 0).toLocaleString('en')} q/s; below the checker (the short run's questions): UDP alone ${floors.udp.qps.toLocaleString('en')} q/s, with decoding ${floors.udpDecode.qps.toLocaleString('en')} q/s, the bulk resolver ${floors.resolver.qps.toLocaleString('en')} q/s; the checker warm: ${warm.qps.toLocaleString('en')} q/s (${warm.cpuMicrosPerQuestion} µs CPU a question)`,
      goal: `${ratio(qps)}× (goal ≥ 0.2×); memory flat (last quarter within 10 % of the first: ${flat ? 'yes' : 'no'})`,
      met: qps / dnsperfQps >= 0.2 && flat,
      details: {
        profileTop: hot,
        measured: { ...out, qps },
        memory,
        runs,
        dnsperfQps,
        ratio: qps / dnsperfQps,
        queriesPerCheck: out.queries / TENANTS,
        warm,
        floors,
      },
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
