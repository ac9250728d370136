import { promises as dns } from 'node:dns';
import { chooseDnsServers, setResolverServers } from '../dns/servers';
import { detectProvider } from './providers';
import type { ProviderId } from './types';

export const NS_TIMEOUT_MS = 2000;

/** Looks up a zone's NS host names; injectable so the service can be tested without a network. */
export type NsLookup = (zone: string) => Promise<string[]>;

/** The DNS checker's server choice (dns/servers.ts), so a sheet and a check ask the same servers; undefined = OS. */
export function dnsServersFrom(env: Record<string, string | undefined>, settingsServers: readonly string[]): string[] | undefined {
  const servers = chooseDnsServers(env, settingsServers);
  return servers.length > 0 ? servers : undefined;
}

export function nsLookup(servers: string[] | undefined, timeoutMs = NS_TIMEOUT_MS): NsLookup {
  return async (zone) => {
    const r = new dns.Resolver({ timeout: timeoutMs, tries: 1 });
    if (servers) setResolverServers(r, servers);
    // c-ares' timeout is per try and per server: a hard cap keeps the sheet from waiting on a dead network.
    let timer: NodeJS.Timeout | undefined;
    const cap = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        r.cancel();
        reject(new Error('NS lookup timed out'));
      }, timeoutMs);
    });
    try {
      return await Promise.race([r.resolveNs(zone), cap]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The DNS panel judged from the zone's name servers; any failure (timeout, NXDOMAIN, bad server list) → null. */
export async function detectProviderFromNs(zone: string, lookup: NsLookup): Promise<ProviderId | null> {
  try {
    const names = await lookup(zone);
    return names.length > 0 ? detectProvider(names) : null;
  } catch {
    return null;
  }
}
