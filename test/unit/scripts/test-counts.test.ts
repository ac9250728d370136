import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countPlaywright, countVitest } from '../../../scripts/test-counts.mjs';
import { tempDir } from '../../support/temp';

const root = path.resolve(__dirname, '../../..');
const fixtures = path.join(root, 'test/fixtures/hook-failure');

// Real runner output, not hand-written JSON: the point is how vitest and Playwright report a failed hook.
describe('npm test counts a failed hook as failures, never as skips', () => {
  it('vitest: tests under a failed beforeAll and a file that fails to load are failures; it.skip stays a skip', () => {
    const out = path.join(tempDir(), 'unit.json');
    spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--config',
        path.join(fixtures, 'vitest.config.ts'),
        '--reporter=json',
        `--outputFile.json=${out}`,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    const c = countVitest(JSON.parse(fs.readFileSync(out, 'utf8')));
    expect({ passed: c.passed, failed: c.failed, skipped: c.skipped }).toEqual({ passed: 1, failed: 3, skipped: 1 });
    expect(c.notes.join('\n')).toMatch(/hook\.fixture\.ts: failed outside its tests .* 2 counted as failed/);
    expect(c.notes.join('\n')).toMatch(/import\.fixture\.ts: failed outside its tests .* 1 counted as failed/);
  });

  it('Playwright: tests under a failed beforeAll are failures; test.skip with a reason stays a skip', () => {
    const out = path.join(tempDir(), 'e2e.json');
    spawnSync(process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', '-c', path.join(fixtures, 'playwright.config.ts')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PW_JSON_OUTPUT: out },
    });
    const c = countPlaywright(JSON.parse(fs.readFileSync(out, 'utf8')));
    expect({ passed: c.passed, failed: c.failed, skipped: c.skipped }).toEqual({ passed: 1, failed: 2, skipped: 1 });
  }, 60_000);
});
