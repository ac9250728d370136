// Can an Electron binary run on this machine? Its download is blocked on some machines (and Debian has none),
// so `npm start` and the _electron suite ask this first. We read electron's path.txt ourselves: requiring the
// `electron` package would try to download the binary when it is missing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export function electronBinary() {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!fs.existsSync(pathFile)) return null;
    const bin = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    if (!fs.existsSync(bin)) return null;
    const r = spawnSync(bin, ['--version'], { timeout: 15000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    return r.status === 0 ? bin : null;
  } catch {
    return null;
  }
}
