// Preflight for the test suites: finds every system tool they drive (scripts/system-tools.mjs) before any
// suite starts, so a missing tool stops the run with the command that fixes it instead of turning into
// dozens of failures at launch. As root with apt-get it installs what is missing itself (one update, one
// install). Usage: `node scripts/preflight.mjs [--for unit,e2e] [-- command args…]` — with a command, it runs
// it afterwards with the tools' paths in the environment (CHROMIUM_PATH, BEHALF_NSD, PATH with sbin).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EXTRA_DIRS, SYSTEM_TOOLS } from './system-tools.mjs';

function executable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Where tools are looked for: PATH plus the sbin directories, or exactly BEHALF_PREFLIGHT_PATH when set. */
export function searchDirs(env) {
  const own = env.BEHALF_PREFLIGHT_PATH;
  const dirs = own !== undefined ? own.split(path.delimiter) : [...(env.PATH ?? '').split(path.delimiter), ...EXTRA_DIRS];
  return [...new Set(dirs.filter(Boolean))];
}

/** The tool's path, or null. A path given in the tool's variable wins (and must be executable). */
export function findTool(tool, env, dirs = searchDirs(env)) {
  if (tool.env && env[tool.env]) return executable(env[tool.env]) ? env[tool.env] : null;
  for (const dir of dirs) if (executable(path.join(dir, tool.bin))) return path.join(dir, tool.bin);
  for (const file of tool.paths ?? []) if (env.BEHALF_PREFLIGHT_PATH === undefined && executable(file)) return file;
  return null;
}

export function toolsFor(suites, tools = SYSTEM_TOOLS) {
  return suites.includes('all') ? tools : tools.filter((t) => t.suites.some((s) => suites.includes(s)));
}

/** The exact commands that install `missing`, for Debian/Ubuntu and for macOS (Homebrew). */
export function installCommands(missing) {
  const formulae = missing.filter((t) => t.brew && !t.brew.startsWith('--cask')).map((t) => t.brew);
  const casks = missing.filter((t) => t.brew?.startsWith('--cask')).map((t) => t.brew.replace('--cask ', ''));
  const brew = [formulae.length ? `brew install ${formulae.join(' ')}` : '', casks.length ? `brew install --cask ${casks.join(' ')}` : ''];
  return { apt: `sudo apt-get install -y ${missing.map((t) => t.apt).join(' ')}`, brew: brew.filter(Boolean).join(' && ') };
}

/** Variables the suites need: each tool's path variable, and PATH extended by the directories tools were found in. */
function suiteEnv(found, env) {
  const out = {};
  const pathDirs = (env.PATH ?? '').split(path.delimiter);
  const extra = [];
  for (const { tool, file } of found) {
    if (tool.env) out[tool.env] = file;
    const dir = path.dirname(file);
    if (!pathDirs.includes(dir) && !extra.includes(dir)) extra.push(dir);
  }
  if (extra.length) out.PATH = [...pathDirs, ...extra].filter(Boolean).join(path.delimiter);
  return out;
}

function aptInstall(aptGet, packages, env, log) {
  log(`Installing missing test tools with apt-get (running as root): apt-get update && apt-get install -y ${packages.join(' ')}`);
  const opts = { encoding: 'utf8', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...packages],
  ]) {
    const r = spawnSync(aptGet, args, opts);
    if (r.status !== 0) {
      log(
        `apt-get ${args[0]} failed (exit ${r.status ?? r.signal ?? r.error?.message}):\n${`${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n')}`,
      );
      return false;
    }
  }
  return true;
}

/**
 * Finds (and as root, installs) the tools `suites` need. Returns { ok, env, message }: `env` holds the
 * variables to pass to the suites; `message` (when not ok) says exactly what to run.
 */
export function preflight({ suites = ['all'], env = process.env, uid = process.getuid?.(), log = console.log, tools = SYSTEM_TOOLS } = {}) {
  const wanted = toolsFor(suites, tools);
  const dirs = searchDirs(env);
  const look = () => wanted.map((tool) => ({ tool, file: findTool(tool, env, dirs) }));
  let result = look();
  let missing = result.filter((r) => !r.file).map((r) => r.tool);
  const aptGet = findTool({ bin: 'apt-get' }, env, dirs);
  let tried = false;
  if (missing.length && uid === 0 && aptGet) {
    tried = true;
    aptInstall(aptGet, [...new Set(missing.map((t) => t.apt))], env, log);
    result = look();
    missing = result.filter((r) => !r.file).map((r) => r.tool);
  }
  if (missing.length === 0) return { ok: true, env: suiteEnv(result, env), message: '' };
  const { apt, brew } = installCommands(missing);
  const lines = [
    `The tests need system tools that are not installed: ${missing.map((t) => `${t.name} (${t.for})`).join('; ')}.`,
    tried ? 'apt-get ran but they are still missing; install them by hand:' : 'Install them, then run the tests again:',
    `  ${apt}`,
    ...(brew ? [`  ${brew}    # macOS, Homebrew`] : []),
    ...missing.filter((t) => t.env).map((t) => `  (or point ${t.env} at an existing ${t.name} binary)`),
  ];
  return { ok: false, env: {}, message: lines.join('\n') };
}

function main(argv) {
  const dash = argv.indexOf('--');
  const own = dash >= 0 ? argv.slice(0, dash) : argv;
  const command = dash >= 0 ? argv.slice(dash + 1) : [];
  const forIdx = own.indexOf('--for');
  const suites = forIdx >= 0 ? own[forIdx + 1].split(',') : ['all'];
  const r = preflight({ suites });
  if (!r.ok) {
    console.error(r.message);
    process.exit(1);
  }
  if (command.length === 0) process.exit(0);
  const run = spawnSync(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, ...r.env } });
  process.exit(run.status ?? 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) main(process.argv.slice(2));
