import type { SecretVault } from './vault';

/**
 * Browser host and CLI: no OS keychain is available to plain Node, so nothing is written to disk.
 * The account token comes from POSTMARK_ACCOUNT_TOKEN or is typed in for this session; server tokens are
 * re-fetched from Postmark with the account token when needed, and kept here for the session only.
 */
export class MemoryVault implements SecretVault {
  readonly storage = 'memory only (this session); set POSTMARK_ACCOUNT_TOKEN to provide it at start';
  private accountToken: string | undefined;
  private source: 'none' | 'environment' | 'session';
  private readonly serverTokens = new Map<number, string>();
  private readonly secrets = new Map<string, string>();

  constructor(env: Record<string, string | undefined> = process.env) {
    const fromEnv = env.POSTMARK_ACCOUNT_TOKEN?.trim();
    this.accountToken = fromEnv || undefined;
    this.source = fromEnv ? 'environment' : 'none';
  }

  tokenSource() {
    return this.source;
  }
  hasAccountToken(): boolean {
    return this.accountToken !== undefined;
  }
  getAccountToken(): string | undefined {
    return this.accountToken;
  }
  setAccountToken(token: string): void {
    this.accountToken = token;
    this.source = 'session';
  }
  clearAccountToken(): void {
    this.accountToken = undefined;
    this.source = 'none';
  }
  getServerToken(serverId: number): string | undefined {
    return this.serverTokens.get(serverId);
  }
  setServerToken(serverId: number, token: string): void {
    this.serverTokens.set(serverId, token);
  }
  forgetServerToken(serverId: number): void {
    this.serverTokens.delete(serverId);
  }
  forgetPostmarkTokens(): void {
    this.clearAccountToken();
    this.serverTokens.clear();
  }
  getSecret(name: string): string | undefined {
    return this.secrets.get(name);
  }
  setSecret(name: string, value: string): void {
    this.secrets.set(name, value);
  }
  forgetSecret(name: string): void {
    this.secrets.delete(name);
  }
}
