import { defineConfig } from 'vitest/config';

/**
 * Benchmarks, not tests: `npm run bench` (test/bench/run.mjs) runs this config. One fork, files one after
 * another, so no benchmark competes with another for the CPU; long timeouts because the data sets are big.
 */
export default defineConfig({
  test: {
    include: ['test/bench/**/*.bench.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 15 * 60_000,
    hookTimeout: 15 * 60_000,
  },
});
