import { BehalfError } from '../../src-preload/api/errors';
import { isLoopback } from '../domain/loopback';

export const DEFAULT_POSTMARK_ENDPOINT = 'https://api.postmarkapp.com';

/**
 * The official client takes `useHttps` + `requestHost`, and the host may carry a port and a path prefix
 * (`127.0.0.1:8080/prefix`), so any http(s) URL maps onto it.
 */
export function clientHostOptions(endpoint: string): { useHttps: boolean; requestHost: string } {
  let url: URL;
  try {
    url = new URL(checkSecretEndpoint(endpoint));
  } catch (err) {
    throw err instanceof BehalfError ? badEndpoint(endpoint, err) : err;
  }
  const prefix = url.pathname.replace(/\/+$/, '');
  return { useHttps: url.protocol === 'https:', requestHost: `${url.host}${prefix}` };
}

function badEndpoint(endpoint: string, why: BehalfError): BehalfError {
  return new BehalfError(
    'postmark.endpoint-invalid',
    `The Postmark endpoint '${endpoint.slice(0, 200)}' was not used: ${why.message}`,
    `${why.hint ?? ''} Unset BEHALF_POSTMARK_URL to use https://api.postmarkapp.com.`.trim(),
  );
}

/**
 * One rule for every URL a secret is sent to (Postmark, Postmark DMARC): https anywhere, plain http only to this
 * machine (the simulator, a local proxy). No credentials, query or fragment: they would ride along in every call.
 */
export function checkSecretEndpoint(raw: string, what = 'The Postmark API URL'): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new BehalfError('settings.endpoint-invalid', `${what} '${raw.slice(0, 200)}' is not a URL.`, 'Use a full URL such as https://api.postmarkapp.com.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new BehalfError('settings.endpoint-invalid', `${what} must start with https://.`, 'Use a full URL such as https://api.postmarkapp.com.');
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new BehalfError(
      'settings.endpoint-insecure',
      `${what} uses plain http to ${url.host}: the token would cross the network unencrypted.`,
      'Use https://, or http:// only to 127.0.0.1 / localhost (a local proxy or the simulator).',
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new BehalfError(
      'settings.endpoint-invalid',
      `${what} may not carry a user name, password, query or fragment.`,
      'Give only scheme, host, port and an optional path prefix.',
    );
  }
  return url.href.replace(/\/+$/, '');
}
