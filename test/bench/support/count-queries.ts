import { promises as dns } from 'node:dns';
import { WireResolver } from '../../../src-main/dns/wire-resolver';

const RESOLVE_METHODS = ['resolveTxt', 'resolveCname', 'resolve4', 'resolve6', 'resolveMx', 'resolveNs', 'resolveSoa'] as const;
const QTYPE: Record<(typeof RESOLVE_METHODS)[number], string> = {
  resolveTxt: 'TXT',
  resolveCname: 'CNAME',
  resolve4: 'A',
  resolve6: 'AAAA',
  resolveMx: 'MX',
  resolveNs: 'NS',
  resolveSoa: 'SOA',
};

/**
 * Counts every question the checker asks (and, with `keep`, records it as "name TYPE", so dnsperf replays the very
 * same mix), at node:dns's Resolver and at the bulk run's own transport (WireResolver), whichever the run uses.
 */
export function countQueries({ keep = true }: { keep?: boolean } = {}): { asked: string[]; count: () => number; restore: () => void } {
  const asked: string[] = [];
  let count = 0;
  const protos = [dns.Resolver.prototype, WireResolver.prototype] as unknown as Record<string, (...args: unknown[]) => unknown>[];
  const originals = protos.flatMap((proto) => RESOLVE_METHODS.map((m) => [proto, m, proto[m]!] as const));
  for (const [proto, m, fn] of originals) {
    proto[m] = function (this: unknown, ...args: unknown[]) {
      count += 1;
      if (keep) asked.push(`${String(args[0])} ${QTYPE[m]}`);
      return fn.apply(this, args);
    };
  }
  return { asked, count: () => count, restore: () => originals.forEach(([proto, m, fn]) => (proto[m] = fn)) };
}
