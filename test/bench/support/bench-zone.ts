import type { CheckInput } from '../../../src-main/dns/expected-records';
import { dkimValue, KEY_1024, SELECTOR, zone } from '../../support/nsd/zoneFixtures';

/** The zone the DNS benches (P2, P11) serve from loopback nsd: tenants t0…tN-1 under bench.test. */
export const ORIGIN = 'bench.test';
export const domainOf = (i: number) => `t${i}.${ORIGIN}`;

/** One zone holding `tenants` tenants' records, all correct for option 1 (DKIM, Return-Path CNAME, DMARC, SPF). */
export function benchZone(tenants: number): string {
  const lines: string[] = [];
  for (let i = 0; i < tenants; i++) {
    const t = `t${i}`;
    lines.push(
      `${t} IN TXT "v=spf1 include:spf.mtasv.net ~all"`,
      `${t} IN MX 10 mx.${ORIGIN}.`,
      `${SELECTOR}._domainkey.${t} IN TXT "${dkimValue(KEY_1024)}"`,
      `pm-bounces.${t} IN CNAME pm.mtasv.net.`,
      `_dmarc.${t} IN TXT "v=DMARC1; p=none; rua=mailto:d@${domainOf(i)}"`,
    );
  }
  lines.push('mx IN A 192.0.2.25', '_dmarc IN TXT "v=DMARC1; p=none"');
  return zone(ORIGIN, lines.join('\n'));
}

/** The check inputs for the first `tenants` tenants of the zone: option 1, with the DKIM host and value it serves. */
export function benchTenants(tenants: number): CheckInput[] {
  return Array.from({ length: tenants }, (_, i) => ({
    domain: domainOf(i),
    option: 1,
    dkimHost: `${SELECTOR}._domainkey.${domainOf(i)}`,
    dkimValue: dkimValue(KEY_1024),
    returnPath: `pm-bounces.${domainOf(i)}`,
  }));
}
