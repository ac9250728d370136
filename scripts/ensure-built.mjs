// Builds out/ when it is missing or older than the sources, so `npm run serve`, e2e and bench always run
// current code without a manual `npm run build`.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outputs = ['out/main/cli.js', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].map((f) => path.join(root, f));

function newest(dir) {
  let max = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return max;
}

const built = outputs.every((f) => fs.existsSync(f)) ? Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs)) : 0;
const sources = Math.max(
  ...['src-main', 'src-preload', 'src-renderer', 'resources'].map((d) => (fs.existsSync(path.join(root, d)) ? newest(path.join(root, d)) : 0)),
  fs.statSync(path.join(root, 'electron.vite.config.ts')).mtimeMs,
);
if (built < sources) {
  console.log('Building Behalf (electron-vite build)…');
  execSync('npx electron-vite build', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
