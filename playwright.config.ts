import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './test/support/chromium-args';

/** Real Chromium from Debian (Playwright's own browser download is not possible here). */
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  workers: 1,
  globalSetup: './test/support/run-temp-dir.ts', // one temp folder per run, removed at its end
  reporter: process.env.PW_JSON_OUTPUT ? [['list'], ['json', { outputFile: process.env.PW_JSON_OUTPUT }]] : [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
  },
});
