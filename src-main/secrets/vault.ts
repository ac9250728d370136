/**
 * Where Postmark tokens live. Only main-process code holds a vault; no door ever returns a token,
 * only `hasAccountToken()`.
 */
export interface SecretVault {
  /** How tokens are kept, for the settings screen ("encrypted by the OS keychain", "memory only"). */
  readonly storage: string;
  tokenSource(): 'none' | 'environment' | 'session' | 'encrypted-store';
  hasAccountToken(): boolean;
  getAccountToken(): string | undefined;
  setAccountToken(token: string): void;
  clearAccountToken(): void;
  getServerToken(serverId: number): string | undefined;
  setServerToken(serverId: number, token: string): void;
  forgetServerToken(serverId: number): void;
  /** Drops the stored account token and every server token (an endpoint change: they were given for another URL). */
  forgetPostmarkTokens(): void;
  /** Other service secrets by a stable name (e.g. 'postmark-dmarc.token'), kept like the tokens above. */
  getSecret(name: string): string | undefined;
  setSecret(name: string, value: string): void;
  forgetSecret(name: string): void;
}
