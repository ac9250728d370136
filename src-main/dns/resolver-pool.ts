import {
  abortError,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TRIES,
  newResolver,
  wrap,
  type DnsClient,
  type DnsSession,
  type Lookup,
  type LookupFailure,
  type ResolverLike,
  type ResolverOptions,
} from './resolver';
import { systemDnsServers, validateServers } from './servers';
import { WireResolver } from './wire-resolver';
import { createWireTransport, type WireTransport } from './wire-transport';

/**
 * How a bulk run asks: 'wire' (default) is its own UDP transport (wire-transport.ts) to the same servers the OS
 * resolver path uses; 'os' is node:dns (c-ares) channels, as the interactive single check always uses.
 */
export type BulkTransport = 'wire' | 'os';

export interface ResolverPoolOptions extends ResolverOptions {
  transport?: BulkTransport;
}

/** Resolvers (one per server set) and shared answers kept for a whole bulk run; close() when the run ends. */
export interface ResolverPool {
  resolver(servers: string[] | undefined): ResolverLike;
  /** The answer to a shared question, asked once per run (transient failures are asked again). */
  remember<T>(key: string, ask: () => Promise<Lookup<T>>): Promise<Lookup<T>>;
  /** Cancels whatever stray queries aborted checks left behind. */
  close(): void;
}

/** Caps keep a 100k-tenant run flat: oldest channels/answers are dropped (a dropped channel is simply rebuilt). */
const MAX_POOLED_RESOLVERS = 256;
const MAX_REMEMBERED = 20_000;
/**
 * Channels per server set, handed out round-robin (a check keeps the one it got). One channel is one UDP
 * socket: with 64 checks (~400 questions) in flight on a single socket, answers overflowed its receive
 * buffer on loopback and were lost, and every loss cost a full timeout (P2 bench: 2.7k q/s at 64 vs 18.6k at 16).
 */
const CHANNELS_PER_SERVER_SET = 4;
/** Worth asking again later in the run; nxdomain, nodata and a resolver's REFUSED hold for a run's few minutes. */
const TRANSIENT = new Set<LookupFailure>(['timeout', 'servfail']);

export function createResolverPool(options: ResolverPoolOptions = {}): ResolverPool {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const tries = options.tries ?? DEFAULT_TRIES;
  if ((options.transport ?? 'wire') === 'wire') return createWirePool(timeout, tries);
  const resolvers = new Map<string, ResolverLike>();
  const answers = new Map<string, Promise<Lookup<unknown>>>();
  let turn = 0;
  return {
    resolver(servers) {
      turn = (turn + 1) % CHANNELS_PER_SERVER_SET;
      const key = `${servers && servers.length > 0 ? servers.join(',') : ''}#${turn}`;
      let r = resolvers.get(key);
      if (!r) {
        resolvers.set(key, (r = newResolver(servers, timeout, tries)));
        evictOldest(resolvers, MAX_POOLED_RESOLVERS);
      }
      return r;
    },
    remember: rememberer(answers),
    close() {
      for (const r of resolvers.values()) r.cancel();
      resolvers.clear();
      answers.clear();
    },
  };
}

const evictOldest = (m: Map<string, unknown>, max: number) => {
  while (m.size > max) m.delete(m.keys().next().value as string);
};

function rememberer(answers: Map<string, Promise<Lookup<unknown>>>): ResolverPool['remember'] {
  return <T>(key: string, ask: () => Promise<Lookup<T>>) => {
    let p = answers.get(key) as Promise<Lookup<T>> | undefined;
    if (!p) {
      p = ask();
      answers.set(key, p);
      evictOldest(answers, MAX_REMEMBERED);
      const forget = () => answers.get(key) === p && answers.delete(key);
      p.then((v) => void (!v.ok && TRANSIENT.has(v.cause) && forget()), forget);
    }
    return p;
  };
}

/**
 * One wire transport (a few UDP sockets, whatever the number of servers) for the whole run; a resolver per server
 * set is only a list of addresses. No list means the operating system's servers, read once for the run.
 */
function createWirePool(timeout: number, tries: number): ResolverPool {
  const transport: WireTransport = createWireTransport({ timeout, tries });
  const resolvers = new Map<string, WireResolver>();
  const answers = new Map<string, Promise<Lookup<unknown>>>();
  let system: string[] | undefined;
  return {
    resolver(servers) {
      const key = servers && servers.length > 0 ? servers.join(',') : '';
      let r = resolvers.get(key);
      if (!r) {
        if (servers && servers.length > 0) validateServers(servers);
        resolvers.set(key, (r = new WireResolver(transport, servers && servers.length > 0 ? servers : (system ??= systemDnsServers()))));
        evictOldest(resolvers, MAX_POOLED_RESOLVERS);
      }
      return r;
    },
    remember: rememberer(answers),
    close() {
      transport.close();
      resolvers.clear();
      answers.clear();
    },
  };
}

/**
 * A session on a run's pooled channels. Abort rejects this check's pending questions at once (each one races
 * the check's own abort promise) instead of Resolver.cancel, which would kill the other checks' queries too.
 */
export function createPooledSession(options: ResolverPoolOptions, pool: ResolverPool, signal: AbortSignal | undefined): DnsSession {
  // One abort promise per check: every pending question of this check races it, nobody else's.
  let onAbort: (() => void) | undefined;
  const aborted = signal
    ? new Promise<never>((_, reject) => {
        onAbort = () => reject(abortError());
        signal.addEventListener('abort', onAbort, { once: true });
      })
    : undefined;
  aborted?.catch(() => undefined);
  const race = <T>(p: Promise<T>): Promise<T> => (aborted ? Promise.race([p, aborted]) : p);
  const recursiveResolver = pool.resolver(options.servers);
  const recursive = wrap(recursiveResolver, 'resolver', signal, race);
  // Asked without this check's signal (another check may be waiting on the same answer), raced per caller.
  const plain = wrap(recursiveResolver, 'resolver', undefined);
  const remembered = <K extends keyof DnsClient>(kind: K) =>
    ((name: string) => {
      if (signal?.aborted) return Promise.reject(abortError());
      return race(pool.remember(`${kind} ${name}`, () => (plain[kind] as (n: string) => Promise<Lookup<unknown>>)(name)));
    }) as DnsClient[K];
  const shared: DnsClient = {
    label: 'resolver',
    txt: remembered('txt'),
    cname: remembered('cname'),
    a: remembered('a'),
    aaaa: remembered('aaaa'),
    mx: remembered('mx'),
    ns: remembered('ns'),
    soa: remembered('soa'),
  };
  return {
    recursive,
    shared,
    direct: (server, label) => wrap(pool.resolver([server]), label, signal, race),
    dispose: () => {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    },
  };
}
