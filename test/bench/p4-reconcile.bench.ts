import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import readline from 'node:readline';
import { AccountClient } from 'postmark';
import { afterAll, expect, it } from 'vitest';
import { tempServices } from '../support/temp';
import { bundleChild } from './support/bundle';
import { profile } from './support/profile';
import { writeResult } from './support/results';
import { round, since } from './support/stats';

const N = 2000;
let simProcess: ChildProcess | undefined;
afterAll(() => void simProcess?.stdin?.end());

/** The simulator in its own process (children/postmark-sim-child.ts), filled with N of each object. */
async function startSimulatorProcess(): Promise<{ url: string; requestHost: string; accountToken: string }> {
  const child = await bundleChild('test/bench/children/postmark-sim-child.ts');
  simProcess = spawn(process.execPath, [child, String(N)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await once(readline.createInterface({ input: simProcess.stdout! }), 'line')) as [string];
  return JSON.parse(line) as { url: string; requestHost: string; accountToken: string };
}

/** P4: reconcile 2,000 servers + 2,000 domains + 2,000 sender signatures from the simulator; a rerun writes nothing. */
it('P4 reconcile 2,000 × 3', async () => {
  const sim = await startSimulatorProcess();
  const s = tempServices({ env: { BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken } });
  const csv = [
    'name,domain,contact_email,contact_name,from_address,option',
    ...Array.from({ length: N }, (_, i) => `Tenant ${i},tenant-${i}.example,ops@tenant-${i}.example,Ops,hi@tenant-${i}.example,${[1, 2, 3][i % 3]}`),
  ];
  expect(s.tenants.importCsv(csv.join('\n'), false).imported).toBe(N);
  const changes = () => (s.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

  // Baseline: only reading every page of the three lists through the official client, as reconcile must.
  const pm = new AccountClient(sim.accountToken, { useHttps: false, requestHost: sim.requestHost });
  let t = process.hrtime.bigint();
  let listed = 0;
  for (let offset = 0; offset < N; offset += 500) {
    const [a, b, c] = await Promise.all([
      pm.getServers({ count: 500, offset }),
      pm.getDomains({ count: 500, offset }),
      pm.getSenderSignatures({ count: 500, offset }),
    ]);
    listed += a.Servers.length + b.Domains.length + c.SenderSignatures.length;
  }
  const listMs = since(t);
  expect(listed).toBe(3 * N);

  t = process.hrtime.bigint();
  const first = await s.postmark.reconcile();
  const firstMs = since(t);
  const before = changes();
  t = process.hrtime.bigint();
  const second = await s.postmark.reconcile();
  const secondMs = since(t);
  const rerunChanges = changes() - before;
  // What bounds a run (bench-results/P4.cpuprofile): a third, profiled run; (idle) is time waiting on HTTP.
  const hot = await profile('P4', async () => void (await s.postmark.reconcile()), 8);
  await s.postmark.stopRunner();
  s.close();

  writeResult({
    id: 'P4',
    work: `Reconcile ${N.toLocaleString('en')} servers + ${N.toLocaleString('en')} domains + ${N.toLocaleString('en')} sender signatures from the simulator`,
    figure: `${round(firstMs / 1000, 2)} s (${first.matched.length.toLocaleString('en')} matched, ${first.written.toLocaleString('en')} rows written); rerun ${round(secondMs / 1000, 2)} s, ${second.written} rows written`,
    baseline: `listing every page with the official client: ${round(listMs / 1000, 2)} s`,
    goal: '≤ 3 s; rerun writes 0 rows',
    met: firstMs <= 3000 && second.written === 0 && rerunChanges === 0,
    details: {
      profileTop: hot,
      getsPerRun: 2 * N,
      msPerDetailGet: round(secondMs / (2 * N), 3),
      firstMs: round(firstMs),
      secondMs: round(secondMs),
      listMs: round(listMs),
      matched: first.matched.length,
      unmatched: first.unmatched.length,
      written: first.written,
      rerunWritten: second.written,
      rerunChanges,
    },
  });
});
