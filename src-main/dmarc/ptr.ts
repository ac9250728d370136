import { Resolver } from 'node:dns/promises';
import { isIPv4, isIPv6 } from 'node:net';
import type { Database } from 'better-sqlite3';
import { ptrCache } from './ptr-store';
import { setResolverServers } from '../dns/servers';
import { canonicalName } from '../domain/domain-name';

/** Anything that can reverse-resolve an IP (node's Resolver fits; tests may pass their own). */
export interface ReverseResolver {
  reverse(ip: string): Promise<string[]>;
  cancel?(): void;
}

export interface ResolvePtrOptions {
  /** DNS servers ("1.2.3.4" or "127.0.0.1:5353"); the OS resolver's when absent. */
  servers?: string[];
  /** Per lookup. Default 2000 ms: PTR lookups dominate report tools' run time, and slow ones rarely answer. */
  timeoutMs?: number;
  /** Lookups in flight at once. Default 8. */
  concurrency?: number;
  /** Cached answers older than this are looked up again. Default 30 days. */
  maxAgeDays?: number;
  signal?: AbortSignal;
  /** Replaces the DNS resolver entirely (servers/timeoutMs then don't apply). */
  resolver?: ReverseResolver;
  now?: () => Date;
}

export interface ResolvePtrResult {
  /** ip → host name (lower-case, no trailing dot), or null when there is none or it could not be learnt. */
  ptrs: Record<string, string | null>;
  fromCache: number;
  looked: number;
  /** Lookups that timed out or failed (not cached, so they are retried next time). */
  failed: number;
}

/** Answers written to the cache per write transaction. */
const PTR_SAVE_BATCH = 100;

/** DNS answers that mean "there is no PTR" (cacheable), as opposed to "could not find out" (not cached). */
const DEFINITE_NO = new Set(['ENOTFOUND', 'ENODATA']);

/**
 * Reverse DNS for report source IPs, through the `ptr_cache` table: only IPs without a fresh cached answer
 * are looked up, a few at a time, each with a short timeout.
 */
export async function resolvePtrs(db: Database, ips: readonly string[], options: ResolvePtrOptions = {}): Promise<ResolvePtrResult> {
  const now = options.now?.() ?? new Date();
  const maxAgeMs = (options.maxAgeDays ?? 30) * 86_400_000;
  const result: ResolvePtrResult = { ptrs: {}, fromCache: 0, looked: 0, failed: 0 };
  const unique = [...new Set(ips)];
  const cache = ptrCache(db);
  const todo: string[] = [];
  for (const ip of unique) {
    const row = cache.get(ip);
    if (row && now.getTime() - Date.parse(row.resolvedAt) < maxAgeMs) {
      result.ptrs[ip] = row.ptr;
      result.fromCache++;
    } else todo.push(ip);
  }
  if (todo.length === 0) return result;

  const resolver = options.resolver ?? makeResolver(options);
  const onAbort = () => resolver.cancel?.();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // Definite answers are written in batches: one commit per answer was a write transaction every few milliseconds
  // for a busy domain, and every reader keyed on the PTR cache (kept-sources.ts) started over after each.
  const answered: Array<{ ip: string; ptr: string | null }> = [];
  const flush = () => cache.saveMany(answered.splice(0), now.toISOString());
  try {
    let next = 0;
    const worker = async () => {
      while (next < todo.length && !options.signal?.aborted) {
        const ip = todo[next++] as string;
        result.looked++;
        const answer = await lookup(resolver, ip, options.timeoutMs ?? 2000);
        result.ptrs[ip] = answer.ptr;
        if (answer.definite) answered.push({ ip, ptr: answer.ptr });
        else result.failed++;
        if (answered.length >= PTR_SAVE_BATCH) flush();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 8, todo.length)) }, worker));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    flush(); // cancelled or failed too: what was learnt is kept
  }
  for (const ip of todo) if (!(ip in result.ptrs)) result.ptrs[ip] = null; // not reached before cancelling
  return result;
}

/**
 * Queries PTR records directly rather than through `resolver.reverse()`: the latter reports every failure,
 * timeouts included, as ENOTFOUND, and a timeout must not be cached as "this IP has no name".
 */
function makeResolver(options: ResolvePtrOptions): ReverseResolver {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 2000, tries: 1 });
  if (options.servers?.length) setResolverServers(resolver, options.servers);
  return { reverse: (ip) => resolver.resolvePtr(reverseName(ip)), cancel: () => resolver.cancel() };
}

/** `192.0.2.1` → `1.2.0.192.in-addr.arpa`; IPv6 → its 32 nibbles reversed under ip6.arpa. */
export function reverseName(ip: string): string {
  if (isIPv4(ip)) return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  if (!isIPv6(ip)) throw new Error(`not an IP address: ${ip}`);
  let text = ip.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const o = v4[1].split('.').map(Number);
    text = text.slice(0, -v4[1].length) + [((o[0] ?? 0) << 8) | (o[1] ?? 0), ((o[2] ?? 0) << 8) | (o[3] ?? 0)].map((n) => n.toString(16)).join(':');
  }
  const [head = '', tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return `${groups
    .map((g) => g.padStart(4, '0'))
    .join('')
    .split('')
    .reverse()
    .join('.')}.ip6.arpa`;
}

async function lookup(resolver: ReverseResolver, ip: string, timeoutMs: number): Promise<{ ptr: string | null; definite: boolean }> {
  let timer: NodeJS.Timeout | undefined;
  // c-ares has its own timeout; this guard only matters for injected resolvers that never settle.
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })), timeoutMs + 1000);
  });
  try {
    const names = await Promise.race([resolver.reverse(ip), guard]);
    const first = names[0];
    return { ptr: first ? canonicalName(first) : null, definite: true };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return { ptr: null, definite: typeof code === 'string' && DEFINITE_NO.has(code) };
  } finally {
    clearTimeout(timer);
  }
}

/** Cached PTRs only, no lookups (offline mode). */
export function cachedPtrs(db: Database, ips: readonly string[]): Record<string, string | null> {
  const cache = ptrCache(db);
  const out: Record<string, string | null> = {};
  for (const ip of new Set(ips)) out[ip] = cache.get(ip)?.ptr ?? null;
  return out;
}

/** Postmark's outbound servers reverse-resolve under mtasv.net. */
export function isPostmarkPtr(ptr: string | null | undefined): boolean {
  return !!ptr && (ptr === 'mtasv.net' || ptr.endsWith('.mtasv.net'));
}
