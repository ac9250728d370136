import { monitorEventLoopDelay } from 'node:perf_hooks';
import { importReports } from '../../../src-main/dmarc/import';
import { openLedger } from '../../../src-main/ledger/open';

/**
 * Child process for P3: imports the given files into a fresh ledger, as main would, and prints one JSON line
 * with the time, the process's peak RSS and the longest event-loop stall seen during the import.
 * argv: <ledger file> <report file>...
 */
const [ledger, ...files] = process.argv.slice(2);
const db = openLedger(ledger!);
const loop = monitorEventLoopDelay({ resolution: 5 });
let rssSampled = 0;
const sampler = setInterval(() => (rssSampled = Math.max(rssSampled, process.memoryUsage().rss)), 50);
loop.enable();
const t = process.hrtime.bigint();
const result = await importReports(db, files);
const ms = Number(process.hrtime.bigint() - t) / 1e6;
// The histogram records a delay only when the loop gets its next turn: let it have one after the last commit,
// or the stall of the final commit (and its WAL checkpoint) would never be counted.
await new Promise((resolve) => setTimeout(resolve, 20));
loop.disable();
clearInterval(sampler);
db.close();
process.stdout.write(`${JSON.stringify({
  ms,
  result: { ...result, errors: result.errors.slice(0, 3) },
  maxRssMB: process.resourceUsage().maxRSS / 1024,
  sampledRssMB: rssSampled / 2 ** 20,
  stallMaxMs: loop.max / 1e6,
  stallP99Ms: loop.percentile(99) / 1e6,
})}\n`);
