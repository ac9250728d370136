// Worker entry used only when Behalf runs from its TypeScript sources (the unit tests): a worker thread cannot
// load .ts itself, so jiti (already in the dev tree) transpiles the real entry. Built copies never load this file:
// they start out/main/snapshot-check-worker.js (electron.vite.config.ts).
import { createJiti } from 'jiti';

const jiti = createJiti(import.meta.url, { fsCache: true, interopDefault: true });
await jiti.import('./check-worker.ts');
