import { describe, expect, it } from 'vitest';
import { ElectronVault, type SafeStorageLike } from '../../../src-main/secrets/electron-vault';
import { MemoryVault } from '../../../src-main/secrets/memory-vault';

/** A reversible stand-in for the OS keychain, so we can see that what is stored is not the plaintext. */
function fakeSafe(backend: string, available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s) => Buffer.from([...Buffer.from(s)].map((b) => b ^ 0x5a)),
    decryptString: (b) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString(),
  };
}
function mapStore() {
  const m = new Map<string, unknown>();
  return { m, get: (k: string) => m.get(k), set: (k: string, v: unknown) => void m.set(k, v), delete: (k: string) => void m.delete(k) };
}

describe('ElectronVault', () => {
  it('stores the account token and server tokens encrypted, never as plaintext', () => {
    const store = mapStore();
    const v = new ElectronVault(fakeSafe('gnome_libsecret'), store, {});
    v.setAccountToken('acct-token-123');
    v.setServerToken(7, 'server-token-7');
    expect(JSON.stringify([...store.m])).not.toMatch(/acct-token|server-token/);
    expect(v.getAccountToken()).toBe('acct-token-123');
    expect(v.getServerToken(7)).toBe('server-token-7');
    expect(v.tokenSource()).toBe('encrypted-store');
    v.clearAccountToken();
    expect(v.hasAccountToken()).toBe(false);
  });

  it('refuses to store when the OS offers no real encryption (basic_text or unavailable)', () => {
    for (const safe of [fakeSafe('basic_text'), fakeSafe('gnome_libsecret', false)]) {
      const store = mapStore();
      const v = new ElectronVault(safe, store, {});
      expect(() => v.setAccountToken('acct-token-123')).toThrow(/will not store the token/);
      expect(store.m.size).toBe(0);
    }
  });

  it('prefers POSTMARK_ACCOUNT_TOKEN from the environment', () => {
    const v = new ElectronVault(fakeSafe('basic_text'), mapStore(), { POSTMARK_ACCOUNT_TOKEN: 'from-env-token' });
    expect(v.getAccountToken()).toBe('from-env-token');
    expect(v.tokenSource()).toBe('environment');
  });
});

describe('MemoryVault', () => {
  it('takes the token from the environment or the session, and keeps it in memory only', () => {
    expect(new MemoryVault({ POSTMARK_ACCOUNT_TOKEN: ' env-token ' }).getAccountToken()).toBe('env-token');
    const v = new MemoryVault({});
    expect(v.hasAccountToken()).toBe(false);
    v.setAccountToken('typed-token');
    expect(v.tokenSource()).toBe('session');
    expect(v.getAccountToken()).toBe('typed-token');
  });
});
