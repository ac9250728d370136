import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built worker's file name (an entry of its own in electron.vite.config.ts). */
export const PDF_WORKER_FILE = 'sheets-pdf-worker.js';

/**
 * Where the PDF worker's entry is. Built, it sits beside the bundle that runs this code (out/main, or its chunks/
 * folder one level down). Run from the TypeScript sources (unit tests), a small bootstrap transpiles the real
 * entry. Undefined when neither is there: the caller then renders on its own thread.
 */
export function pdfWorkerScript(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (import.meta.url.endsWith('.ts')) return path.join(here, 'source-bootstrap.mjs');
  return [path.join(here, PDF_WORKER_FILE), path.join(here, '..', PDF_WORKER_FILE)].find((f) => fs.existsSync(f));
}
