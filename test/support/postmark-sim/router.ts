import type { SimResolver } from './dns-verify';
import type { SimReply } from './sim-error';
import type { SimServer, SimState } from './state';

/** Everything a route handler may touch. */
export interface SimEnv {
  state: SimState;
  resolver: SimResolver;
  accountToken: string;
  /** Wall-clock start, used to build DKIM selectors. */
  startedAt: number;
}

export interface RouteContext {
  env: SimEnv;
  params: Record<string, string>;
  /** Query keys lower-cased: postmark.js sends `fromDate`, the docs say `fromdate`; Postmark takes both. */
  query: Map<string, string>;
  body: unknown;
  /** The server that owns the X-Postmark-Server-Token (server-token routes only). */
  server: SimServer | undefined;
}

export type Auth = 'account' | 'server';

export interface Route {
  method: string;
  /** Lower-case path with `:name` parameters, e.g. `/domains/:id/verifydkim`. */
  pattern: string;
  auth: Auth;
  handle(ctx: RouteContext): SimReply | Promise<SimReply>;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** Lower-cases and drops the trailing slash: postmark.js posts to `/domains/` and sends `/verifyDKIM`. */
export function normalisePath(pathname: string): string {
  const lower = pathname.toLowerCase().replace(/\/{2,}/g, '/');
  return lower.length > 1 ? lower.replace(/\/$/, '') : lower;
}

export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch | 'wrong-method' | undefined {
  const segments = normalisePath(pathname).split('/');
  let pathMatched = false;
  for (const route of routes) {
    const params = matchPattern(route.pattern.split('/'), segments);
    if (!params) continue;
    pathMatched = true;
    if (route.method === method.toUpperCase()) return { route, params };
  }
  return pathMatched ? 'wrong-method' : undefined;
}

function matchPattern(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const want = pattern[i] ?? '';
    const got = decodeURIComponent(segments[i] ?? '');
    if (want.startsWith(':')) {
      if (got === '') return undefined;
      params[want.slice(1)] = got;
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
}
