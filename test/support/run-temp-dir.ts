import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The global setup of vitest and Playwright: everything the tests make in the temp folder goes into one folder of
 * this run, removed when the run ends. `npm test` does the same for every suite (scripts/test-all.mjs); this covers
 * `npx vitest run`, `npm run test:unit` and `npm run test:e2e`, which left ~350 ledgers (tens of MB each) in /tmp a
 * run (under `npm test` the folder sits inside test-all's). Short and open to all, as test-all.mjs's: Unix sockets
 * live under it, and the PostgreSQL tests run the server as `postgres`. The workers start after this, with TMPDIR set.
 */
export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-'));
  fs.chmodSync(dir, 0o1777);
  process.env.TMPDIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
