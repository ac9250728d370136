import { monitorEventLoopDelay } from 'node:perf_hooks';
import { importReports } from '../../../src-main/dmarc/import';
import { importReportsOffThread } from '../../../src-main/dmarc/import/worker/import-off-thread';
import { openLedger } from '../../../src-main/ledger/open';

/**
 * Child process for P3: imports the given files into a fresh ledger, as main would (on the import worker, with its
 * own connection), and prints one JSON line with the time, the process's peak RSS (worker included: one process)
 * and the longest event-loop stall of the importing process's main thread, measured until the worker's last commit
 * and checkpoint are over.
 * argv: <ledger file> <report file>...
 */
const [ledger, ...files] = process.argv.slice(2);
const db = openLedger(ledger!);
const loop = monitorEventLoopDelay({ resolution: 5 });
let rssSampled = 0;
const sampler = setInterval(() => (rssSampled = Math.max(rssSampled, process.memoryUsage().rss)), 50);
// Where the long stalls fall (ms since the start; the import ends at `ms`), to tell a busy thread from the OS not
// scheduling it on a loaded machine.
const gaps: Array<{ atMs: number; gapMs: number }> = [];
let tick = performance.now();
const ticker = setInterval(() => {
  const now = performance.now();
  if (now - tick > 45 && gaps.length < 20) gaps.push({ atMs: Math.round(now - start), gapMs: Math.round(now - tick) });
  tick = now;
}, 5);
loop.enable();
const start = performance.now();
const t = process.hrtime.bigint();
// BENCH_IMPORT_THREAD=main: the import on the main thread as before issue #17, for an A/B of the stall.
const result = await (process.env.BENCH_IMPORT_THREAD === 'main' ? importReports : importReportsOffThread)(db, files);
const ms = Number(process.hrtime.bigint() - t) / 1e6;
// The histogram records a delay only when the loop gets its next turn: let it have one after the last commit,
// or the stall of the final commit (and its WAL checkpoint) would never be counted.
await new Promise((resolve) => setTimeout(resolve, 20));
loop.disable();
clearInterval(sampler);
clearInterval(ticker);
db.close();
process.stdout.write(
  `${JSON.stringify({
    ms,
    result: { ...result, errors: result.errors.slice(0, 3) },
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    sampledRssMB: rssSampled / 2 ** 20,
    stallMaxMs: loop.max / 1e6,
    stallP99Ms: loop.percentile(99) / 1e6,
    gaps,
  })}\n`,
);
