// `npm run bench`: runs every test/bench/**/*.bench.ts (vitest, one fork, so TypeScript sources load as in the unit
// tests), then prints one Markdown table of bench-results/<id>.json with the machine it ran on, and writes
// bench-results/latest.json and latest.md. Extra arguments filter bench files (e.g. `npm run bench -- p1`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const resultsDir = path.join(root, 'bench-results');
const ROWS = ['P1', 'P1-1M', 'P1-browser', 'P2', 'P3-gz', 'P3-zip', 'P3-stall', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10', 'P11'];

const filters = process.argv.slice(2);
const startedAt = new Date();
const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
  loadAverageAtStart: os.loadavg().map((l) => l.toFixed(2)),
};

fs.mkdirSync(resultsDir, { recursive: true });
// Stale rows from an earlier run must not pass for this run's figures (unless only some benches were asked for).
if (filters.length === 0) for (const f of fs.readdirSync(resultsDir)) if (/^P\d.*\.json$/.test(f)) fs.rmSync(path.join(resultsDir, f));

const run = spawnSync('npx', ['vitest', 'run', '--config', 'test/bench/vitest.bench.config.ts', ...filters], { cwd: root, stdio: 'inherit' });
machine.loadAverageAtEnd = os.loadavg().map((l) => l.toFixed(2));

const results = [];
for (const id of ROWS) {
  const file = path.join(resultsDir, `${id}.json`);
  if (fs.existsSync(file)) results.push(JSON.parse(fs.readFileSync(file, 'utf8')));
  else if (filters.length === 0) results.push({ id, work: '(no result: see the log above)', figure: '—', baseline: '—', goal: '—', met: null });
}

const cell = (s) => String(s).replace(/\|/g, '\\|');
const lines = [
  `Benchmarks of ${startedAt.toISOString()} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node} (${machine.platform}); load average ${machine.loadAverageAtStart.join(' / ')} at start, ${machine.loadAverageAtEnd.join(' / ')} at end.`,
  '',
  '| # | Work | Figure | Baseline (same run) | Goal / ratio | Met? |',
  '|---|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.id} | ${cell(r.work)} | ${cell(r.figure)} | ${cell(r.baseline)} | ${cell(r.goal)} | ${r.met === null ? 'pending' : r.met ? 'yes' : '**no**'} |`,
  ),
  '',
];
const md = lines.join('\n');
console.log(`\n${md}`);
fs.writeFileSync(path.join(resultsDir, 'latest.md'), md);
fs.writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify({ startedAt: startedAt.toISOString(), machine, results }, null, 2)}\n`);
process.exit(run.status ?? 1);
