import { EVENTS_PROTOCOL, PAGE_TOKEN_FRAGMENT, PAGE_TOKEN_HEADER, PAGE_TOKEN_PROTOCOL_PREFIX } from '../../src-preload/api/host-session';
import { request, type RawReply } from './http';

export interface SignedIn {
  login: RawReply;
  /** `behalf_session=…`, ready for a Cookie header. */
  cookie: string;
  /** The page token the login redirect put in the URL fragment. */
  token: string;
  /** Headers a real console page sends on /rpc: JSON, the cookie, this origin and the page token. */
  rpcHeaders(extra?: Record<string, string>): Record<string, string>;
  /** WebSocket subprotocols a real console page offers on /events. */
  protocols: string[];
}

/** Signs in over raw HTTP exactly as a browser following the one-time link does. */
export async function signIn(host: { port: number; origin: string }, loginUrl: string): Promise<SignedIn> {
  const u = new URL(loginUrl);
  const login = await request(host.port, { path: u.pathname + u.search });
  const cookie = String(login.headers['set-cookie']?.[0]).split(';')[0]!;
  const token = new RegExp(`#${PAGE_TOKEN_FRAGMENT}=([A-Za-z0-9_-]+)$`).exec(String(login.headers.location))?.[1] ?? '';
  return {
    login,
    cookie,
    token,
    rpcHeaders: (extra = {}) => ({ 'content-type': 'application/json', cookie, origin: host.origin, [PAGE_TOKEN_HEADER]: token, ...extra }),
    protocols: [EVENTS_PROTOCOL, PAGE_TOKEN_PROTOCOL_PREFIX + token],
  };
}
