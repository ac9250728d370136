import fs from 'node:fs';
import path from 'node:path';

/** One row of the benchmark table: the figure and its baseline, both measured in the same run. */
export interface BenchResult {
  id: string;
  work: string;
  /** Human-readable figure, e.g. "p95 1.9 ms". */
  figure: string;
  /** Human-readable baseline, e.g. "SQL p95 48 ms". */
  baseline: string;
  /** The goal and where the figure stands against it, e.g. "≤ 5 ms" or "0.41 × (goal ≥ 0.2 ×)". */
  goal: string;
  /** null when the row could not be measured (pending work). */
  met: boolean | null;
  /** Raw numbers for anyone comparing runs. */
  details?: Record<string, unknown>;
}

export const RESULTS_DIR = path.resolve('bench-results');

export function writeResult(r: BenchResult): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, `${r.id}.json`), `${JSON.stringify({ ...r, measuredAt: new Date().toISOString() }, null, 2)}\n`);
  console.log(`[bench] ${r.id}: ${r.figure} | baseline ${r.baseline} | ${r.goal} | ${r.met === null ? 'pending' : r.met ? 'met' : 'NOT met'}`);
}
