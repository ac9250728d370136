import fs from 'node:fs';
import { DEFAULT_BULK_CONCURRENCY, runBulkCheck } from '../../../src-main/dns/bulk';
import { createDnsChecker } from '../../../src-main/dns/check-domain';
import { benchTenants } from '../support/bench-zone';
import { countQueries } from '../support/count-queries';

/**
 * Child process for P2: the bulk check as the app runs it (bundled, nothing else loaded, nothing run before it in
 * the process), over `tenants` tenants of the bench zone at the default concurrency. Prints one JSON line.
 * argv: <server ip:port> <tenants> <mode> [questions file]
 * - mode `time`: the measured run. Writes the questions asked, one "name TYPE" a line, for dnsperf to replay.
 * - mode `memory` (node --expose-gc): the same run, stopping for a full GC at each quarter to read the live heap
 *   (flat memory shows as the same figure at each). The pauses make its time meaningless, so it is not timed.
 */
const [server, tenants, mode, questionsFile] = process.argv.slice(2);
const inputs = benchTenants(Number(tenants));
const checker = createDnsChecker({ servers: [server!], authoritative: false });
// The counter wraps the resolver's methods once, before the run, so the run's code never sees them change.
const counter = countQueries({ keep: mode === 'time' });
const quarter = Number(tenants) / 4;
const liveHeapMB: number[] = [];
const gc = (globalThis as { gc?: () => void }).gc;
if (mode === 'memory' && !gc) throw new Error('memory mode needs node --expose-gc');
const cpu = process.cpuUsage();
const t = process.hrtime.bigint();
const summary = await runBulkCheck(inputs, {
  checker,
  onProgress: (done) => {
    if (mode !== 'memory' || done % quarter !== 0) return;
    gc!();
    liveHeapMB.push(process.memoryUsage().heapUsed / 2 ** 20);
  },
});
const ms = Number(process.hrtime.bigint() - t) / 1e6;
const used = process.cpuUsage(cpu);
counter.restore();
if (questionsFile) fs.writeFileSync(questionsFile, `${counter.asked.join('\n')}\n`);
process.stdout.write(
  `${JSON.stringify({
    concurrency: DEFAULT_BULK_CONCURRENCY,
    done: summary.done,
    byStatus: summary.byStatus,
    queries: counter.count(),
    ms,
    cpuMicrosPerQuestion: (used.user + used.system) / counter.count(),
    liveHeapMB,
    rssMB: process.memoryUsage().rss / 2 ** 20,
  })}\n`,
);
