import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built worker's file name (an entry of its own in electron.vite.config.ts). */
export const CHECK_WORKER_FILE = 'snapshot-check-worker.js';

/**
 * Where the snapshot-check worker's entry is: built, beside the bundle that runs this code (out/main, or its
 * chunks/ folder one level down); from the TypeScript sources (unit tests), a bootstrap that transpiles it.
 * Undefined when neither is there: the check then runs on the calling thread.
 */
export function checkWorkerScript(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (import.meta.url.endsWith('.ts')) return path.join(here, 'source-bootstrap.mjs');
  return [path.join(here, CHECK_WORKER_FILE), path.join(here, '..', CHECK_WORKER_FILE)].find((f) => fs.existsSync(f));
}
