// One temp folder per test run: everything the suites make in the temp folder (ledgers, nsd and PostgreSQL data,
// browser profiles, reports) goes there, and the run removes it at its end. Left in /tmp it was ~1 GB a run.
// `npm test` makes one for every suite (test-all.mjs); vitest's and Playwright's global setup
// (test/support/run-temp-dir.ts) make one for a suite run on its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Makes the folder and points TMPDIR at it (child processes started afterwards inherit it); returns its path.
 * Short (sockets live under it, and a Unix socket path has ~107 bytes) and open to all like /tmp (the PostgreSQL
 * tests run the server as `postgres`).
 */
export function makeRunTempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-'));
  fs.chmodSync(dir, 0o1777);
  process.env.TMPDIR = dir;
  return dir;
}
