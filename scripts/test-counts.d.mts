/** Types for test-counts.mjs (imported by its tests). */
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  notes: string[];
}
export function countVitest(report: unknown): Counts;
export function countPlaywright(report: unknown): Counts;
