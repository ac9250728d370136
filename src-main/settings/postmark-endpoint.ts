import { checkSecretEndpoint, DEFAULT_POSTMARK_ENDPOINT } from '../postmark/endpoint';
import type { SecretVault } from '../secrets/vault';
import type { SettingsService } from './settings-service';

/** The vault keeps, beside the tokens, the API URL they were given for. */
const TOKEN_ENDPOINT_SECRET = 'postmark.token-endpoint';

export interface EndpointChange {
  endpoint: string;
  previous: string;
  tokensCleared: boolean;
}

/**
 * Changes the stored Postmark API URL. Callers are main-process paths that have confirmed with a person (the
 * Electron dialog, the CLI): the contract cannot reach this directly. The stored tokens are dropped, so the
 * account token is never sent to a URL it was not given for.
 */
export function changePostmarkEndpoint(deps: { settings: SettingsService; vault: SecretVault }, raw: string): EndpointChange {
  const endpoint = raw.trim() === '' ? '' : checkSecretEndpoint(raw);
  const previous = deps.settings.get().postmarkEndpoint;
  if (endpoint === previous) return { endpoint, previous, tokensCleared: false };
  deps.settings.writeProtected({ postmarkEndpoint: endpoint });
  deps.vault.forgetPostmarkTokens();
  deps.vault.forgetSecret(TOKEN_ENDPOINT_SECRET);
  return { endpoint, previous, tokensCleared: true };
}

/**
 * Wraps a vault so Postmark tokens are handed out only for the API URL they were stored under. Another process
 * (the CLI) may change the URL in the shared ledger; this catches that here and drops the stale tokens instead
 * of sending them to the new URL. Tokens from the environment were given together with the environment's URL
 * by the person who started Behalf, so they follow it.
 */
export function bindTokensToEndpoint(vault: SecretVault, endpoint: () => string): SecretVault {
  const current = () => endpoint() || DEFAULT_POSTMARK_ENDPOINT;
  const stale = (): boolean => {
    const recorded = vault.getSecret(TOKEN_ENDPOINT_SECRET);
    return recorded !== undefined && recorded !== current();
  };
  const dropIfStale = () => {
    if (!stale()) return;
    vault.forgetPostmarkTokens();
    vault.forgetSecret(TOKEN_ENDPOINT_SECRET);
  };
  const record = () => {
    if (vault.getSecret(TOKEN_ENDPOINT_SECRET) !== current()) vault.setSecret(TOKEN_ENDPOINT_SECRET, current());
  };
  return {
    get storage() {
      return vault.storage;
    },
    tokenSource: () => (dropIfStale(), vault.tokenSource()),
    hasAccountToken: () => (dropIfStale(), vault.hasAccountToken()),
    getAccountToken: () => (dropIfStale(), vault.getAccountToken()),
    setAccountToken: (token) => (dropIfStale(), vault.setAccountToken(token), record()),
    clearAccountToken: () => vault.clearAccountToken(),
    getServerToken: (id) => (dropIfStale(), vault.getServerToken(id)),
    setServerToken: (id, token) => (dropIfStale(), vault.setServerToken(id, token), record()),
    forgetServerToken: (id) => vault.forgetServerToken(id),
    forgetPostmarkTokens: () => vault.forgetPostmarkTokens(),
    getSecret: (name) => vault.getSecret(name),
    setSecret: (name, value) => vault.setSecret(name, value),
    forgetSecret: (name) => vault.forgetSecret(name),
  };
}
