import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTool, preflight } from '../../../scripts/preflight.mjs';
import { SYSTEM_TOOLS, type SystemTool } from '../../../scripts/system-tools.mjs';
import { tempDir } from '../../support/temp';

const root = path.resolve(__dirname, '../../..');
const TOOLS: SystemTool[] = [
  { name: 'nsd', bin: 'nsd', env: 'BEHALF_NSD', apt: 'nsd', brew: 'nsd', for: 'DNS', suites: ['unit'] },
  { name: 'pdftotext', bin: 'pdftotext', apt: 'poppler-utils', brew: 'poppler', for: 'PDF text', suites: ['unit', 'e2e'] },
  { name: 'Chromium', bin: 'chromium', env: 'CHROMIUM_PATH', apt: 'chromium', brew: '--cask chromium', for: 'browser', suites: ['e2e'] },
];

function fakeBin(dir: string, name: string, script = 'exit 0'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return file;
}

/** An environment where the preflight looks only in `dir` (none of this machine's real tools or apt-get). */
const onlyIn = (dir: string) => ({ BEHALF_PREFLIGHT_PATH: dir, PATH: '/nonexistent' });

describe('preflight', () => {
  it('finds every tool, and hands the suites their paths and directories', () => {
    const dir = tempDir();
    for (const t of TOOLS) fakeBin(dir, t.bin);
    const r = preflight({ tools: TOOLS, env: onlyIn(dir), uid: 1000, log: () => {} });
    expect(r).toEqual({
      ok: true,
      message: '',
      env: { BEHALF_NSD: path.join(dir, 'nsd'), CHROMIUM_PATH: path.join(dir, 'chromium'), PATH: `/nonexistent:${dir}` },
    });
  });

  it('not root: stops with the exact apt-get and Homebrew commands for what is missing', () => {
    const dir = tempDir();
    fakeBin(dir, 'pdftotext');
    fakeBin(dir, 'apt-get', `: > "${dir}/ran"`);
    const r = preflight({ tools: TOOLS, env: onlyIn(dir), uid: 1000, log: () => {} });
    expect(r.ok).toBe(false);
    expect(r.message).toContain('\n  sudo apt-get install -y nsd chromium\n');
    expect(r.message).toContain('  brew install nsd && brew install --cask chromium    # macOS, Homebrew');
    expect(r.message).toMatch(/not installed: nsd \(DNS\); Chromium \(browser\)/);
    expect(fs.existsSync(path.join(dir, 'ran'))).toBe(false);
  });

  it('checks only the tools of the suites asked for', () => {
    const dir = tempDir();
    fakeBin(dir, 'pdftotext');
    fakeBin(dir, 'chromium');
    expect(preflight({ suites: ['e2e'], tools: TOOLS, env: onlyIn(dir), uid: 1000 }).ok).toBe(true);
    expect(preflight({ suites: ['unit'], tools: TOOLS, env: onlyIn(dir), uid: 1000 }).message).toContain('sudo apt-get install -y nsd\n');
  });

  it('root with apt-get: one update, one install of every missing package, said on one line', () => {
    const dir = tempDir();
    fakeBin(dir, 'pdftotext');
    // The fake apt-get records its arguments and "installs" by creating the binaries.
    fakeBin(
      dir,
      'apt-get',
      `echo "$@" >> "${dir}/apt.log"\n[ "$1" = install ] && for b in nsd chromium; do printf '#!/bin/sh\\n' > "${dir}/$b"; /bin/chmod +x "${dir}/$b"; done\nexit 0`,
    );
    const said: string[] = [];
    const r = preflight({ tools: TOOLS, env: onlyIn(dir), uid: 0, log: (l) => said.push(l) });
    expect(r.ok).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'apt.log'), 'utf8')).toBe('update -qq\ninstall -y -qq nsd chromium\n');
    expect(said).toEqual(['Installing missing test tools with apt-get (running as root): apt-get update && apt-get install -y nsd chromium']);
  });

  it('root, but apt-get fails: stops with its output and the command', () => {
    const dir = tempDir();
    fakeBin(dir, 'apt-get', 'echo "E: Unable to locate package nsd" >&2; exit 100');
    const said: string[] = [];
    const r = preflight({ tools: TOOLS, env: onlyIn(dir), uid: 0, log: (l) => said.push(l) });
    expect(r.ok).toBe(false);
    expect(said.join('\n')).toContain('E: Unable to locate package nsd');
    expect(r.message).toContain('apt-get ran but they are still missing');
    expect(r.message).toContain('sudo apt-get install -y nsd poppler-utils chromium');
  });

  it('a tool variable pointing nowhere counts as missing, not as found elsewhere', () => {
    const dir = tempDir();
    fakeBin(dir, 'nsd');
    expect(findTool(TOOLS[0]!, { ...onlyIn(dir), BEHALF_NSD: path.join(dir, 'no-such-nsd') })).toBeNull();
    expect(findTool(TOOLS[0]!, onlyIn(dir))).toBe(path.join(dir, 'nsd'));
  });

  it('looks in the sbin directories too, where nsd and dovecot live', () => {
    const nsd = SYSTEM_TOOLS.find((t) => t.bin === 'nsd')!;
    const found = findTool(nsd, { PATH: '/usr/bin:/bin' });
    // This machine has nsd in /usr/sbin, which is not on the PATH given.
    expect(found).toBe('/usr/sbin/nsd');
  });
});

describe('npm test with a tool missing', () => {
  const cleanEnv = () => {
    const env: Record<string, string | undefined> = { ...process.env };
    for (const t of SYSTEM_TOOLS) if (t.env) delete env[t.env];
    return env;
  };

  it('stops before any suite, prints the exact command and exits non-zero', () => {
    const dir = tempDir();
    const r = spawnSync(process.execPath, ['scripts/test-all.mjs'], { cwd: root, encoding: 'utf8', env: { ...cleanEnv(), BEHALF_PREFLIGHT_PATH: dir } });
    expect(r.status).toBe(1);
    const all = SYSTEM_TOOLS.map((t) => t.apt).join(' ');
    expect(r.stderr).toContain(`  sudo apt-get install -y ${all}\n`);
    expect(r.stderr).toContain('No suite was run.');
    expect(r.stdout).not.toMatch(/=== (build|typecheck|unit|e2e)/);
  });

  it('test:unit / test:e2e: the preflight does not start the suite when its tools are missing', () => {
    const dir = tempDir();
    const marker = path.join(dir, 'suite-ran');
    const r = spawnSync(
      process.execPath,
      ['scripts/preflight.mjs', '--for', 'e2e', '--', process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`],
      { cwd: root, encoding: 'utf8', env: { ...cleanEnv(), BEHALF_PREFLIGHT_PATH: dir } },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('sudo apt-get install -y chromium nsd poppler-utils unzip\n');
    expect(fs.existsSync(marker)).toBe(false);
  });

  it("runs the suite with the tools' paths once they are all there", () => {
    const dir = tempDir();
    for (const t of SYSTEM_TOOLS) fakeBin(dir, t.bin);
    const r = spawnSync(process.execPath, ['scripts/preflight.mjs', '--for', 'unit', '--', process.execPath, '-e', 'console.log(process.env.BEHALF_NSD)'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...cleanEnv(), BEHALF_PREFLIGHT_PATH: dir },
    });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(path.join(dir, 'nsd'));
  });
});
