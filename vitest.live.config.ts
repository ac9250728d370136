import { defineConfig } from 'vitest/config';

/**
 * `npm run test:live`: the live contract suite against a real Postmark account (POSTMARK_LIVE_ACCOUNT_TOKEN).
 * Kept out of vitest.config.ts so `npm test` never counts it; it makes a Sandbox server, so it costs nothing.
 */
export default defineConfig({
  test: {
    include: ['test/live/**/*.live.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One account, one run at a time: Postmark rate-limits and names must not collide.
    fileParallelism: false,
  },
});
