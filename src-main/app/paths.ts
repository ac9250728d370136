import os from 'node:os';
import path from 'node:path';

/**
 * The data directory: --home, then BEHALF_HOME, then the OS convention (the same folder Electron's
 * app.getPath('userData') uses for an app named "Behalf", so all three doors share one ledger by default).
 */
export function resolveHome(flag?: string, env: Record<string, string | undefined> = process.env): string {
  if (flag) return path.resolve(flag);
  if (env.BEHALF_HOME) return path.resolve(env.BEHALF_HOME);
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Behalf');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Behalf');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Behalf');
}

export function ledgerFile(home: string): string {
  return path.join(home, 'ledger.sqlite');
}
