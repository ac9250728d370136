import type { SimDomain } from '../postmark-sim/state';

/**
 * The demo customers' DNS, served by a loopback nsd: each customer has published what Postmark asked for
 * (DKIM and Return-Path of every domain the simulator knows), plus SPF, MX and a DMARC record. `drifted`
 * names domains whose DMARC record was later tightened to p=reject — drift the next check reports.
 */
export interface DemoDomain {
  domain: string;
  dmarc: string;
}

/** Postmark's outbound IPs used in the demo reports, and their reverse names under mtasv.net. */
export const POSTMARK_IPS = [
  { ip: '50.31.156.110', ptr: 'mta110a-ord.mtasv.net' },
  { ip: '50.31.156.118', ptr: 'mta118a-ord.mtasv.net' },
];

function soa(origin: string, body: string[], serial: number): string {
  return [`$ORIGIN ${origin}.`, '$TTL 300', `@ IN SOA ns1 hostmaster ${serial} 3600 600 86400 120`, '@ IN NS ns1', 'ns1 IN A 127.0.0.1', ...body, ''].join(
    '\n',
  );
}

/** TXT strings are at most 255 bytes: long DKIM keys are published split, as registrars do. */
const txt = (value: string) => (value.match(/.{1,255}/g) ?? ['']).map((s) => `"${s}"`).join(' ');

export function demoZones(domains: DemoDomain[], sim: SimDomain[], drifted: Set<string>, serial: number): Record<string, string> {
  const zones: Record<string, string> = {};
  for (const d of domains) {
    const policy = drifted.has(d.domain) ? d.dmarc.replace(/p=\w+/, 'p=reject') : d.dmarc;
    const body = ['@ IN MX 10 mx1', 'mx1 IN A 192.0.2.25', '@ IN TXT "v=spf1 mx ip4:209.85.220.41 ~all"', `_dmarc IN TXT ${txt(policy)}`];
    for (const s of sim.filter((x) => x.Name.toLowerCase() === d.domain)) {
      for (const key of [s.active, s.pending]) if (key) body.push(`${key.host}. IN TXT ${txt(key.value)}`);
      body.push(`${s.ReturnPathDomain.toLowerCase()}. IN CNAME pm.mtasv.net.`);
    }
    zones[d.domain] = soa(d.domain, body, serial);
  }
  // Reverse DNS for Postmark's IPs, so the DMARC page ties those sources to Postmark (mtasv.net).
  zones['156.31.50.in-addr.arpa'] = soa(
    '156.31.50.in-addr.arpa',
    POSTMARK_IPS.map((p) => `${p.ip.split('.')[3]} IN PTR ${p.ptr}.`),
    serial,
  );
  return zones;
}
