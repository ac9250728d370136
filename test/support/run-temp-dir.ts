import fs from 'node:fs';
import { makeRunTempDir } from '../../scripts/run-temp-dir.mjs';

/**
 * The global setup of vitest and Playwright: a suite run on its own (`npx vitest run`, `npm run test:unit`,
 * `npm run test:e2e`) gets one temp folder, as `npm test` gives every suite (scripts/run-temp-dir.mjs); one unit
 * run had left ~350 ledgers in /tmp. Under `npm test` the folder sits inside test-all's. The workers start after
 * this, with TMPDIR set.
 */
export default function setup(): () => void {
  const dir = makeRunTempDir();
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
