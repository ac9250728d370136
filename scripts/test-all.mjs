// `npm test`: every suite, in order, with one closing line of totals ("N passed, N failed, N skipped").
// preflight (the system tools the suites drive; installs them as root, else stops with the command) →
// unit (vitest) → e2e (Playwright + Debian Chromium against the browser host) → electron (_electron, or skipped
// with the reason where no Electron binary can run). Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { preflight } from './preflight.mjs';
import { makeRunTempDir } from './run-temp-dir.mjs';
import { countPlaywright, countVitest } from './test-counts.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// Before any suite: a missing tool would otherwise fail every spec that drives it, far from the cause.
console.log('=== preflight (system tools) ===');
const tools = preflight({ suites: ['all'] });
if (!tools.ok) {
  console.error(tools.message);
  console.error('\nNo suite was run.');
  process.exit(1);
}
// The suites inherit the tools' paths (CHROMIUM_PATH, BEHALF_NSD, …, and PATH with the sbin directories).
Object.assign(process.env, tools.env);
console.log('all system tools found');

// One temp folder for the whole run, removed at the end (run-temp-dir.mjs).
const tmp = makeRunTempDir();
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function add(label, passed, failed, skipped, status, note = '', notes = []) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`${label.padEnd(10)} ${passed} passed, ${failed} failed, ${skipped} skipped${note}`);
  for (const n of notes) lines.push(`${''.padEnd(10)} ${n}`);
  if (status !== 0 && failed === 0) {
    totals.failed += 1;
    lines.push(`${label.padEnd(10)} exited ${status} without a failing test: counted as 1 failure`);
  }
}

const build = run('build', process.execPath, ['scripts/ensure-built.mjs']);
if (build !== 0) add('build', 0, 1, 0, build);

// Static checks gate the run too (per-process type checks; lint enforces the folder boundaries). They are
// reported on their own line and count as a failure when they fail, never as passed tests.
for (const [label, script] of [
  ['typecheck', 'typecheck'],
  ['lint', 'lint'],
]) {
  const status = run(label, 'npm', ['run', '--silent', script]);
  if (status === 0) lines.push(`${label.padEnd(10)} ok`);
  else add(label, 0, 1, 0, status);
}

const unitJson = path.join(tmp, 'unit.json');
const unit = run('unit (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`]);
if (fs.existsSync(unitJson)) {
  const c = countVitest(JSON.parse(fs.readFileSync(unitJson, 'utf8')));
  add('unit', c.passed, c.failed, c.skipped, unit, '', c.notes);
} else add('unit', 0, 0, 0, unit || 1);

const e2eJson = path.join(tmp, 'e2e.json');
const e2e = run('e2e (Playwright, Chromium)', 'npx', ['playwright', 'test'], { PW_JSON_OUTPUT: e2eJson });
if (fs.existsSync(e2eJson)) {
  const c = countPlaywright(JSON.parse(fs.readFileSync(e2eJson, 'utf8')));
  add('e2e', c.passed, c.failed, c.skipped, e2e, '', c.notes);
} else add('e2e', 0, 0, 0, e2e || 1);

const elJson = path.join(tmp, 'electron.json');
const el = run('electron (_electron)', process.execPath, ['test/electron/run.mjs'], { ELECTRON_JSON_OUTPUT: elJson });
if (fs.existsSync(elJson)) {
  const j = JSON.parse(fs.readFileSync(elJson, 'utf8'));
  add('electron', j.passed, j.failed, j.skipped, el, j.reason ? ` (${j.reason})` : '');
} else add('electron', 0, 0, 0, el || 1);

fs.rmSync(tmp, { recursive: true, force: true });

console.log('\n=== summary ===');
for (const l of lines) console.log(l);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
