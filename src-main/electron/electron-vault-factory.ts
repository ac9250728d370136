import { safeStorage } from 'electron';
import { ElectronVault } from '../secrets/electron-vault';

/**
 * electron-store is ESM and needs Electron's `app`, so it is loaded only here, behind the secrets module,
 * and only in the Electron door.
 */
export async function createElectronVault(): Promise<ElectronVault> {
  const { default: Store } = await import('electron-store');
  const store = new Store({ name: 'secrets', clearInvalidConfig: false });
  return new ElectronVault(safeStorage, store as unknown as { get(k: string): unknown; set(k: string, v: unknown): void; delete(k: string): void });
}
