import fs from 'node:fs';
import { DEFAULT_BULK_CONCURRENCY, runBulkCheck } from '../../../src-main/dns/bulk';
import { createDnsChecker } from '../../../src-main/dns/check-domain';
import { benchTenants } from '../support/bench-zone';
import { countQueries } from '../support/count-queries';

/**
 * Child process for P2's measured run: the bulk check as the app runs it (bundled, nothing else loaded, nothing
 * run before it in the process), over `tenants` tenants of the bench zone at the default concurrency. Prints one
 * JSON line with the figures and writes the questions asked, one "name TYPE" a line, for dnsperf to replay.
 * argv: <server ip:port> <tenants> <questions file>
 */
const [server, tenants, questionsFile] = process.argv.slice(2);
const inputs = benchTenants(Number(tenants));
const checker = createDnsChecker({ servers: [server!], authoritative: false });
// The counter wraps the resolver's methods once, before the run, so the run's code never sees them change.
const counter = countQueries();
let heap = 0;
const cpu = process.cpuUsage();
const t = process.hrtime.bigint();
const summary = await runBulkCheck(inputs, {
  checker,
  onProgress: (done) => done % 50 === 0 && (heap = Math.max(heap, process.memoryUsage().heapUsed)),
});
const ms = Number(process.hrtime.bigint() - t) / 1e6;
const used = process.cpuUsage(cpu);
counter.restore();
fs.writeFileSync(questionsFile!, `${counter.asked.join('\n')}\n`);
process.stdout.write(
  `${JSON.stringify({
    concurrency: DEFAULT_BULK_CONCURRENCY,
    done: summary.done,
    byStatus: summary.byStatus,
    queries: counter.asked.length,
    ms,
    cpuMicrosPerQuestion: (used.user + used.system) / counter.asked.length,
    heapMB: heap / 2 ** 20,
    rssMB: process.memoryUsage().rss / 2 ** 20,
  })}\n`,
);
