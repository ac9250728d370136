/** Nearest-rank percentile of already collected samples (ms). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function ms(n: number, digits = 2): string {
  return `${n.toFixed(digits)} ms`;
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Milliseconds since `start` (process.hrtime.bigint()). */
export function since(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function peakMemory(): { rssMB: number; heapUsedMB: number } {
  const m = process.memoryUsage();
  return { rssMB: round(process.resourceUsage().maxRSS / 1024, 1), heapUsedMB: round(m.heapUsed / 2 ** 20, 1) };
}
