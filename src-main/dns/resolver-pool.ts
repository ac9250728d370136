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
import { AbortWatch, CancelScope } from './cancel-scope';
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
  /**
   * The answer to a shared question, asked once per run (transient failures are asked again): the answer itself
   * once it has come, so a check need not race it against its own abort.
   */
  remember<T>(key: string, ask: () => Promise<Lookup<T>>): Promise<Lookup<T>> | Lookup<T>;
  /** Cancels `scope` when `signal` aborts (one listener per signal for the run); returns the function that stops. */
  watchAbort(signal: AbortSignal, scope: CancelScope): () => void;
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
  const answers: Answers = new Map();
  const aborts = new AbortWatch();
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
    watchAbort: (signal, scope) => aborts.watch(signal, scope),
    close() {
      aborts.clear();
      for (const r of resolvers.values()) r.cancel();
      resolvers.clear();
      answers.clear();
    },
  };
}

const evictOldest = (m: Map<string, unknown>, max: number) => {
  while (m.size > max) m.delete(m.keys().next().value as string);
};

/** A run's shared answer: the question's promise, and its answer once it has come. */
interface KeptAnswer {
  asked: Promise<Lookup<unknown>>;
  answer?: Lookup<unknown>;
}
type Answers = Map<string, KeptAnswer>;

function rememberer(answers: Answers): ResolverPool['remember'] {
  return <T>(key: string, ask: () => Promise<Lookup<T>>) => {
    let entry = answers.get(key);
    if (!entry) {
      const asked = ask();
      const kept: KeptAnswer = { asked };
      entry = kept;
      answers.set(key, kept);
      evictOldest(answers, MAX_REMEMBERED);
      const forget = () => answers.get(key) === kept && answers.delete(key);
      asked.then((v) => (!v.ok && TRANSIENT.has(v.cause) ? forget() : (kept.answer = v)), forget);
    }
    return (entry.answer ?? entry.asked) as Promise<Lookup<T>> | Lookup<T>;
  };
}

/**
 * One wire transport (a few UDP sockets, whatever the number of servers) for the whole run; a resolver per server
 * set is only a list of addresses. No list means the operating system's servers, read once for the run.
 */
function createWirePool(timeout: number, tries: number): ResolverPool {
  const transport: WireTransport = createWireTransport({ timeout, tries });
  const resolvers = new Map<string, WireResolver>();
  const answers: Answers = new Map();
  const aborts = new AbortWatch();
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
    watchAbort: (signal, scope) => aborts.watch(signal, scope),
    close() {
      aborts.clear();
      transport.close();
      resolvers.clear();
      answers.clear();
    },
  };
}

/**
 * A session on a run's pooled channels. Abort ends this check's pending questions at once and nobody else's:
 * Resolver.cancel would kill the other checks' queries too. On the run's own transport each question is ended
 * through the check's CancelScope; node:dns channels and the answers the run shares race the scope instead.
 */
export function createPooledSession(options: ResolverPoolOptions, pool: ResolverPool, signal: AbortSignal | undefined): DnsSession {
  const scope = new CancelScope(abortError);
  const unwatch = signal ? pool.watchAbort(signal, scope) : undefined;
  const race = <T>(p: Promise<T>): Promise<T> => (signal ? Promise.race([p, scope.whenCancelled()]) : p);
  const scoped = (r: ResolverLike, label: string): DnsClient => (r instanceof WireResolver ? wrap(r.scoped(scope), label, scope) : wrap(r, label, scope, race));
  const recursiveResolver = pool.resolver(options.servers);
  const recursive = scoped(recursiveResolver, 'resolver');
  // Asked without this check's scope (another check may be waiting on the same answer), raced per caller.
  const plain = wrap(recursiveResolver, 'resolver', undefined);
  const remembered = <K extends keyof DnsClient>(kind: K) =>
    ((name: string) => {
      if (scope.aborted) return Promise.reject(abortError());
      const answer = pool.remember(`${kind} ${name}`, () => (plain[kind] as (n: string) => Promise<Lookup<unknown>>)(name));
      return answer instanceof Promise ? race(answer) : Promise.resolve(answer);
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
    direct: (server, label) => scoped(pool.resolver([server]), label),
    dispose: () => unwatch?.(),
  };
}
