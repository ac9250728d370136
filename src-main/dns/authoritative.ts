import { organisationalDomain } from '../domain/org-domain';
import type { DnsClient, DnsSession } from './resolver';
import { serverAddress } from './resolver';

export interface AuthoritativeSet {
  /** The zone whose NS records were found (the domain itself or a parent), or null. */
  zone: string | null;
  servers: { label: string; client: DnsClient }[];
  /** SOA minimum of the zone: how long resolvers may cache "does not exist". */
  negativeTtl: number | null;
}

export interface AuthoritativeOptions {
  /** Port the name servers listen on; 53 in the real world, the nsd port in tests. */
  port?: number;
  /** Cap on servers asked per check: two or three views are enough to tell cache from source. */
  maxServers?: number;
}

const NONE: AuthoritativeSet = { zone: null, servers: [], negativeTtl: null };

/** Candidate zone apexes from the domain up to (and including) its organisational domain. */
export function zoneCandidates(domain: string): string[] {
  const org = organisationalDomain(domain);
  const labels = domain.split('.');
  const out: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    const name = labels.slice(i).join('.');
    out.push(name);
    if (name === org) break;
  }
  return out;
}

/**
 * Finds the name servers that publish `domain`'s zone and opens one client per server, so a check can ask
 * them directly and tell "not published" from "published, resolver cache not expired".
 * Any failure here just means "no authoritative view": the resolver view still stands.
 */
export async function findAuthoritative(session: DnsSession, domain: string, opts: AuthoritativeOptions = {}): Promise<AuthoritativeSet> {
  // Shared questions: in a bulk run the zone's NS, its servers' addresses and SOA are asked once per run.
  const recursive = session.shared;
  let zone: string | null = null;
  let nsNames: string[] = [];
  for (const candidate of zoneCandidates(domain)) {
    const ns = await recursive.ns(candidate);
    if (ns.ok) {
      zone = candidate;
      nsNames = [...ns.value].sort();
      break;
    }
    if (ns.cause !== 'nxdomain' && ns.cause !== 'nodata') return NONE;
  }
  if (zone === null) return NONE;
  const port = opts.port ?? 53;
  const max = opts.maxServers ?? 3;
  const addressed = await Promise.all(nsNames.slice(0, max).map(async (name) => ({ name, ip: await firstAddress(recursive, name) })));
  const seen = new Set<string>();
  const servers: AuthoritativeSet['servers'] = [];
  for (const { name, ip } of addressed) {
    if (ip === null || seen.has(`${name}|${ip}`)) continue;
    seen.add(`${name}|${ip}`);
    const label = `${name} (${ip})`;
    servers.push({ label, client: session.direct(serverAddress(ip, port), label) });
  }
  const soa = await recursive.soa(zone);
  return { zone, servers, negativeTtl: soa.ok ? soa.value.minttl : null };
}

/** IPv4 first: many networks have no IPv6 route, and one address per server is enough. */
async function firstAddress(client: DnsClient, name: string): Promise<string | null> {
  const a = await client.a(name);
  if (a.ok) return a.value[0]?.address ?? null;
  const aaaa = await client.aaaa(name);
  return aaaa.ok ? (aaaa.value[0]?.address ?? null) : null;
}
