// Runs the _electron Playwright suite where an Electron binary can run; elsewhere reports every spec as
// skipped with the reason, so the totals say plainly that these tests did not run here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { electronBinary } from '../../scripts/electron-available.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const out = process.env.ELECTRON_JSON_OUTPUT;
const specs = fs.readFileSync(path.join(here, 'app.electron.ts'), 'utf8').match(/\btest\(/g)?.length ?? 0;

if (!electronBinary()) {
  console.log(`skipped: no Electron binary (${specs} _electron tests; run them on a machine where \`npx electron --version\` works)`);
  if (out) fs.writeFileSync(out, JSON.stringify({ passed: 0, failed: 0, skipped: specs, reason: 'skipped: no Electron binary' }));
  process.exit(0);
}
const json = path.join(here, '.last-run.json');
const r = spawnSync('npx', ['playwright', 'test', '-c', path.join(here, 'playwright.electron.config.ts')], { stdio: 'inherit', env: { ...process.env, PW_JSON_OUTPUT: json } });
const s = fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, 'utf8')).stats : { expected: 0, unexpected: 1, skipped: 0, flaky: 0 };
if (out) fs.writeFileSync(out, JSON.stringify({ passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped }));
process.exit(r.status ?? 1);
