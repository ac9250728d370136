import { BehalfError } from '../../src-preload/api/errors';

export const DEFAULT_POSTMARK_ENDPOINT = 'https://api.postmarkapp.com';

/**
 * The official client takes `useHttps` + `requestHost`, and the host may carry a port and a path prefix
 * (`127.0.0.1:8080/prefix`), so any http(s) URL maps onto it.
 */
export function clientHostOptions(endpoint: string): { useHttps: boolean; requestHost: string } {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw badEndpoint(endpoint);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badEndpoint(endpoint);
  const prefix = url.pathname.replace(/\/+$/, '');
  return { useHttps: url.protocol === 'https:', requestHost: `${url.host}${prefix}` };
}

function badEndpoint(endpoint: string): BehalfError {
  return new BehalfError(
    'postmark.endpoint-invalid',
    `The Postmark endpoint '${endpoint}' is not an http(s) URL.`,
    'Unset BEHALF_POSTMARK_URL to use https://api.postmarkapp.com, or set it to a full URL such as http://127.0.0.1:8080.',
  );
}
