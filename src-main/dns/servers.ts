import { promises as dns } from 'node:dns';
import { BehalfError } from '../../src-preload/api/errors';

/**
 * Which DNS servers Behalf asks, decided once for DNS checks, DMARC lookups, PTRs and a sheet's provider guess:
 * an explicit list for this call (CLI --dns-server) wins, then BEHALF_DNS_SERVERS (comma-separated host:port;
 * tests point it at nsd), then Settings → DNS servers. An empty answer means the operating system's resolver.
 */
export function chooseDnsServers(env: Record<string, string | undefined>, settingsServers: readonly string[], override?: readonly string[]): string[] {
  if (override?.length) return [...override];
  const fromEnv = (env.BEHALF_DNS_SERVERS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return fromEnv.length ? fromEnv : [...settingsServers];
}

/** The port part of 'ip:port' or '[ipv6]:port' (undefined for a bare address). */
function portOf(server: string): string | undefined {
  const bracketed = /^\[[^\]]*\]:(.*)$/.exec(server);
  if (bracketed) return bracketed[1];
  const parts = server.split(':');
  return parts.length === 2 ? parts[1] : undefined;
}

/**
 * The only way a resolver gets its servers. The port check runs first because c-ares aborts the whole process on
 * port 0 (a native assertion, not an exception) and silently wraps ports above 65535.
 */
export function setResolverServers(r: Pick<dns.Resolver, 'setServers'>, servers: readonly string[]): void {
  try {
    for (const server of servers) {
      const port = portOf(server);
      if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
        throw new Error(`"${server.slice(0, 80)}" has port "${port.slice(0, 20)}"; ports are 1 to 65535`);
      }
    }
    r.setServers([...servers]);
  } catch (err) {
    throw new BehalfError(
      'dns.bad-server',
      `The DNS server list ${JSON.stringify(servers)} is not valid: ${(err as Error).message}`,
      'Give servers as IP or IP:port, e.g. 1.1.1.1 or 127.0.0.1:5353 (IPv6 as [::1]:53).',
    );
  }
}

/** Throws the same BehalfError a check would, up front (CLI flags, settings forms). */
export function validateServers(servers: string[]): void {
  if (servers.length > 0) setResolverServers(new dns.Resolver(), servers);
}

/** 'ip', 'ip:port', '[ipv6]' or '[ipv6]:port' (validated by setResolverServers) → host and port (53 by default). */
export function parseServer(server: string): { host: string; port: number } {
  const bracketed = /^\[([^\]]*)\](?::(\d+))?$/.exec(server);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2] ? Number(bracketed[2]) : 53 };
  const parts = server.split(':');
  if (parts.length === 2) return { host: parts[0]!, port: Number(parts[1]) };
  return { host: server, port: 53 };
}

/**
 * The servers a resolver with no list asks: the operating system's (c-ares reads /etc/resolv.conf), so a bulk
 * run's own transport asks the very servers the OS resolver path would.
 */
export function systemDnsServers(): string[] {
  return new dns.Resolver().getServers();
}
