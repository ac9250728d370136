import type { DnsCheckerOptions } from '../../../src-main/dns/check-domain';
import { freePort } from './free-port';
import { startNsd, type NsdServer } from './nsd-harness';
import { startSilentDns } from './silent-dns';
import { FRESH_NEW, FRESH_OLD, MAIN_ZONES, SPLIT_PRIMARY, SPLIT_SECONDARY, type FixtureSetup } from './zoneFixtures';

export interface FixtureServers {
  /** Options for createDnsChecker that aim both views at the fixture servers. */
  options: DnsCheckerOptions;
  nsd: NsdServer[];
  stop(): Promise<void>;
}

/** Short timeouts: loopback answers in microseconds, and the timeout cases should not slow the suite. */
const FAST = { timeout: 400, tries: 1 } as const;

/**
 * main   – one nsd with MAIN_ZONES, used as resolver and as the zones' own name server.
 * stale  – a "resolver" nsd still serving the old fresh.test, and the authoritative nsd serving the new one.
 * split  – two name servers of split.test (127.0.0.1 and 127.0.0.2, same port) serving different serials.
 * silent – a server that never answers.
 */
export async function startFixture(setup: FixtureSetup): Promise<FixtureServers> {
  if (setup === 'silent') {
    const silent = await startSilentDns();
    return { options: { ...FAST, servers: [silent.server], authoritative: false }, nsd: [], stop: () => silent.stop() };
  }
  if (setup === 'main') {
    const nsd = await startNsd({ zones: MAIN_ZONES });
    return { options: { ...FAST, servers: [nsd.server], authoritative: { port: nsd.port } }, nsd: [nsd], stop: () => nsd.stop() };
  }
  if (setup === 'stale') {
    const cache = await startNsd({ zones: { 'fresh.test': FRESH_OLD } });
    const auth = await startNsd({ zones: { 'fresh.test': FRESH_NEW } });
    return {
      options: { ...FAST, servers: [cache.server], authoritative: { port: auth.port } },
      nsd: [cache, auth],
      stop: async () => {
        await cache.stop();
        await auth.stop();
      },
    };
  }
  const port = await freePort(['127.0.0.1', '127.0.0.2']);
  const primary = await startNsd({ zones: { 'split.test': SPLIT_PRIMARY }, port, address: '127.0.0.1' });
  const secondary = await startNsd({ zones: { 'split.test': SPLIT_SECONDARY }, port, address: '127.0.0.2' });
  return {
    options: { ...FAST, servers: [primary.server], authoritative: { port } },
    nsd: [primary, secondary],
    stop: async () => {
      await primary.stop();
      await secondary.stop();
    },
  };
}
