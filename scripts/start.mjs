// `npm start`: the Electron window where an Electron binary can run; otherwise the browser host, whose
// sign-in URL is printed. Either way the console opens on the same data directory.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { electronBinary } from './electron-available.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const run = (cmd, args) => spawn(cmd, args, { cwd: root, stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));

spawnSync(process.execPath, [path.join(root, 'scripts/ensure-built.mjs')], { stdio: 'inherit' });
const electron = electronBinary();
if (electron) {
  // The Electron ABI build of better-sqlite3 lives in .native/, the Node one in node_modules: both coexist.
  const rebuilt = spawnSync(process.execPath, [path.join(root, 'scripts/rebuild-native-electron.mjs')], { stdio: 'inherit' });
  if (rebuilt.status !== 0) process.exit(rebuilt.status ?? 1);
  run(electron, [root, ...process.argv.slice(2)]);
} else {
  console.log('No Electron binary can run here: starting the browser host instead.');
  run(process.execPath, [path.join(root, 'out/main/cli.js'), 'serve', ...process.argv.slice(2)]);
}
