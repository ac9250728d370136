import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is compiled for Node in node_modules (tests, CLI, browser host). Electron needs a build for
 * its own ABI, which scripts/rebuild-native-electron.mjs puts in `.native/electron-<modules>/`. Choosing the
 * file at run time lets `npm start` and `npm test` share one checkout in either order with no rebuilds.
 */
export function nativeBindingPath(): string | undefined {
  const electronVersion = process.versions.electron;
  if (!electronVersion) return undefined;
  const candidates = [process.env.BEHALF_NATIVE_DIR, path.join(process.cwd(), '.native'), resourcesDir() ? path.join(resourcesDir()!, 'native') : undefined];
  for (const dir of candidates) {
    if (!dir) continue;
    const file = path.join(dir, `electron-${process.versions.modules}`, 'better_sqlite3.node');
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** Electron adds `resourcesPath` to process in packaged apps; Node does not have it. */
function resourcesDir(): string | undefined {
  const dir = (process as { resourcesPath?: unknown }).resourcesPath;
  return typeof dir === 'string' ? dir : undefined;
}
