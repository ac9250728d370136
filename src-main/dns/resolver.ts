import { promises as dns } from 'node:dns';
import { setResolverServers } from './servers';

/** Why a lookup gave no answer; these are also cause codes (see causes.ts). */
export type LookupFailure = 'nxdomain' | 'nodata' | 'timeout' | 'servfail' | 'refused';

/** Either the answer (with the smallest TTL when the resolver exposes it) or why there is none. */
export type Lookup<T> = { ok: true; value: T; ttl: number | null } | { ok: false; cause: LookupFailure; code: string };

export interface Address {
  address: string;
  ttl: number;
}

/** The questions a check asks, answered by one resolver (the OS one, an injected one, or one name server). */
export interface DnsClient {
  /** 'resolver' or 'ns1.acme.com (192.0.2.1)': shown to staff so they know which view said what. */
  readonly label: string;
  txt(name: string): Promise<Lookup<string[][]>>;
  cname(name: string): Promise<Lookup<string>>;
  a(name: string): Promise<Lookup<Address[]>>;
  aaaa(name: string): Promise<Lookup<Address[]>>;
  mx(name: string): Promise<Lookup<{ exchange: string; priority: number }[]>>;
  ns(name: string): Promise<Lookup<string[]>>;
  soa(name: string): Promise<Lookup<{ nsname: string; minttl: number }>>;
}

/** The `dns.Resolver` methods a check uses: `node:dns` (c-ares) or a bulk run's wire transport (wire-resolver.ts). */
export interface ResolverLike extends Pick<dns.Resolver, 'resolveTxt' | 'resolveCname' | 'resolveMx' | 'resolveNs' | 'resolveSoa' | 'cancel'> {
  resolve4(name: string, options: { ttl: true }): Promise<Address[]>;
  resolve6(name: string, options: { ttl: true }): Promise<Address[]>;
}

export interface ResolverOptions {
  /** 'host:port' or 'host' entries; omitted = the operating system's resolver configuration. */
  servers?: string[];
  /** Per-try timeout in ms. Short by default: a slow answer is reported, not waited for. */
  timeout?: number;
  tries?: number;
}

export const DEFAULT_TIMEOUT_MS = 2000;
export const DEFAULT_TRIES = 2;

/** c-ares error codes → our failure vocabulary. Everything unexpected counts as a server failure. */
export function failureFromCode(code: string | undefined): LookupFailure {
  switch (code) {
    case 'ENOTFOUND':
      return 'nxdomain';
    case 'ENODATA':
      return 'nodata';
    case 'ETIMEOUT':
    case 'ECONNREFUSED': // nothing listening on the server's port: for staff this is "no answer"
      return 'timeout';
    case 'EREFUSED':
      return 'refused';
    default:
      return 'servfail';
  }
}

export function abortError(): Error {
  return new DOMException('The DNS check was cancelled.', 'AbortError');
}

/**
 * The clients one check uses. A private session (no pool) owns its c-ares channels, so one AbortSignal cancels
 * all their in-flight queries (Resolver.cancel). A pooled session borrows a bulk run's channels: there
 * Resolver.cancel would also kill other checks' queries, so abort instead rejects each of this check's
 * pending questions at once and lets the late answers fall on the floor (the pool cancels them on close).
 */
export interface DnsSession {
  recursive: DnsClient;
  /**
   * The recursive view for questions many checks of a run share (a zone's NS, its servers' addresses, SOA):
   * in a pooled session answers are kept for the run; in a private one it is just `recursive`.
   */
  shared: DnsClient;
  /** A client that asks one server directly (used for the domain's authoritative name servers). */
  direct(server: string, label: string): DnsClient;
  dispose(): void;
}

export function newResolver(servers: string[] | undefined, timeout: number, tries: number): dns.Resolver {
  const r = new dns.Resolver({ timeout, tries });
  if (servers && servers.length > 0) setResolverServers(r, servers);
  return r;
}

export function createDnsSession(options: ResolverOptions = {}, signal?: AbortSignal): DnsSession {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const tries = options.tries ?? DEFAULT_TRIES;
  const resolvers: dns.Resolver[] = [];
  const make = (servers: string[] | undefined): dns.Resolver => {
    const r = newResolver(servers, timeout, tries);
    resolvers.push(r);
    return r;
  };
  const onAbort = () => resolvers.forEach((r) => r.cancel());
  signal?.addEventListener('abort', onAbort, { once: true });
  const recursive = wrap(make(options.servers), 'resolver', signal);
  return {
    recursive,
    shared: recursive,
    direct: (server, label) => wrap(make([server]), label, signal),
    dispose: () => signal?.removeEventListener('abort', onAbort),
  };
}

export { validateServers } from './servers';

/** 'ip' + port → the form c-ares accepts. */
export function serverAddress(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/**
 * The DnsClient over one resolver. `cancel` is the check's AbortSignal, or in a bulk run its CancelScope
 * (cancel-scope.ts): either way a question asked after it fired, or ended by it, throws an AbortError.
 */
export function wrap(
  r: ResolverLike,
  label: string,
  cancel: { readonly aborted: boolean } | undefined,
  race: <T>(p: Promise<T>) => Promise<T> = (p) => p,
): DnsClient {
  async function ask<T>(run: () => Promise<T>, isEmpty: (v: T) => boolean, ttlOf: (v: T) => number | null): Promise<Lookup<T>> {
    if (cancel?.aborted) throw abortError();
    try {
      const value = await race(run());
      // c-ares returns [] (not ENODATA) when the answer holds only a CNAME for an A query.
      if (isEmpty(value)) return { ok: false, cause: 'nodata', code: 'ENODATA' };
      return { ok: true, value, ttl: ttlOf(value) };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ECANCELLED' || cancel?.aborted || (err as Error).name === 'AbortError') throw abortError();
      return { ok: false, cause: failureFromCode(code), code: code ?? 'UNKNOWN' };
    }
  }
  const noTtl = () => null;
  const minTtl = (list: Address[]) => (list.length === 0 ? null : Math.min(...list.map((x) => x.ttl)));
  const empty = (v: unknown[]) => v.length === 0;
  return {
    label,
    txt: (name) => ask(() => r.resolveTxt(name), empty, noTtl),
    cname: (name) =>
      ask(
        async () => (await r.resolveCname(name))[0] ?? '',
        (v) => v === '',
        noTtl,
      ),
    a: (name) => ask(() => r.resolve4(name, { ttl: true }), empty, minTtl),
    aaaa: (name) => ask(() => r.resolve6(name, { ttl: true }), empty, minTtl),
    mx: (name) => ask(() => r.resolveMx(name), empty, noTtl),
    ns: (name) => ask(() => r.resolveNs(name), empty, noTtl),
    soa: (name) =>
      ask(
        () => r.resolveSoa(name),
        () => false,
        noTtl,
      ),
  };
}
