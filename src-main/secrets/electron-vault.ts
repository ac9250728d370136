import { BehalfError } from '../../src-preload/api/errors';
import type { SecretVault } from './vault';

/** The slice of Electron's safeStorage we use, so this file can be tested with a double. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** The slice of electron-store we use. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

const ACCOUNT_KEY = 'postmark.accountToken';
const serverKey = (id: number) => `postmark.serverTokens.${id}`;
/** Which server ids have a stored token, so all of them can be dropped (the store is not always enumerable). */
const SERVER_IDS_KEY = 'postmark.serverTokenIds';

/**
 * Electron: tokens encrypted with the OS keychain (safeStorage) inside electron-store. When the OS offers no real
 * encryption (Linux without a keyring falls back to "basic_text"), we refuse to store rather than keep plaintext,
 * as Electron Fiddle does.
 */
export class ElectronVault implements SecretVault {
  readonly storage: string;

  constructor(
    private readonly safe: SafeStorageLike,
    private readonly store: KeyValueStore,
    private readonly env: Record<string, string | undefined> = process.env,
  ) {
    this.storage = this.encryptionUsable() ? 'encrypted with the OS keychain (Electron safeStorage)' : 'unavailable: the OS offers no keychain encryption';
  }

  tokenSource() {
    if (this.env.POSTMARK_ACCOUNT_TOKEN?.trim()) return 'environment' as const;
    return this.store.get(ACCOUNT_KEY) ? ('encrypted-store' as const) : ('none' as const);
  }
  hasAccountToken(): boolean {
    return this.getAccountToken() !== undefined;
  }
  getAccountToken(): string | undefined {
    const env = this.env.POSTMARK_ACCOUNT_TOKEN?.trim();
    return env || this.read(ACCOUNT_KEY);
  }
  setAccountToken(token: string): void {
    this.write(ACCOUNT_KEY, token);
  }
  clearAccountToken(): void {
    this.store.delete(ACCOUNT_KEY);
  }
  getServerToken(serverId: number): string | undefined {
    return this.read(serverKey(serverId));
  }
  setServerToken(serverId: number, token: string): void {
    this.write(serverKey(serverId), token);
    this.store.set(SERVER_IDS_KEY, [...new Set([...this.serverIds(), serverId])]);
  }
  forgetServerToken(serverId: number): void {
    this.store.delete(serverKey(serverId));
    this.store.set(
      SERVER_IDS_KEY,
      this.serverIds().filter((id) => id !== serverId),
    );
  }
  forgetPostmarkTokens(): void {
    this.store.delete(ACCOUNT_KEY);
    for (const id of this.serverIds()) this.store.delete(serverKey(id));
    this.store.delete(SERVER_IDS_KEY);
  }
  private serverIds(): number[] {
    const ids = this.store.get(SERVER_IDS_KEY);
    return Array.isArray(ids) ? ids.filter((id): id is number => Number.isInteger(id)) : [];
  }
  getSecret(name: string): string | undefined {
    return this.read(`secrets.${name}`);
  }
  setSecret(name: string, value: string): void {
    this.write(`secrets.${name}`, value);
  }
  forgetSecret(name: string): void {
    this.store.delete(`secrets.${name}`);
  }

  private encryptionUsable(): boolean {
    if (!this.safe.isEncryptionAvailable()) return false;
    return this.safe.getSelectedStorageBackend?.() !== 'basic_text';
  }

  private write(key: string, plain: string): void {
    if (!this.encryptionUsable()) {
      throw new BehalfError(
        'secrets.encryption-unavailable',
        'This system offers no keychain encryption, so Behalf will not store the token (it would be plaintext on disk).',
        'Unlock or install a keyring (GNOME Keyring, KWallet), or start Behalf with POSTMARK_ACCOUNT_TOKEN set in the environment.',
      );
    }
    this.store.set(key, this.safe.encryptString(plain).toString('base64'));
  }

  private read(key: string): string | undefined {
    const value = this.store.get(key);
    if (typeof value !== 'string' || !this.safe.isEncryptionAvailable()) return undefined;
    return this.safe.decryptString(Buffer.from(value, 'base64'));
  }
}
