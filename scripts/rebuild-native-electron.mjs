// Compiles better-sqlite3 for Electron's ABI into .native/electron-<modules>/ (needs internet for Electron's
// headers, so it runs on developer machines with Electron, never in `npm test`). node_modules keeps the Node build.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const { electronBinary } = await import('./electron-available.mjs');
const bin = electronBinary();
if (!bin) {
  console.error('No runnable Electron binary: install Electron (npx electron --version must work).');
  process.exit(1);
}
const modules = execSync(`"${bin}" -p process.versions.modules`, { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } })
  .toString()
  .trim();
const target = path.join(root, '.native', `electron-${modules}`, 'better_sqlite3.node');
if (fs.existsSync(target)) process.exit(0);

fs.mkdirSync(path.join(root, '.native'), { recursive: true });
const work = fs.mkdtempSync(path.join(root, '.native', 'build-'));
const src = path.dirname(require.resolve('better-sqlite3/package.json'));
fs.cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
console.log(`Compiling better-sqlite3 for Electron ${electronVersion} (ABI ${modules})…`);
execSync(`npx node-gyp rebuild --release --target=${electronVersion} --dist-url=https://electronjs.org/headers`, { cwd: work, stdio: 'inherit' });
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), target);
fs.rmSync(work, { recursive: true, force: true });
console.log(`Wrote ${path.relative(root, target)}`);
