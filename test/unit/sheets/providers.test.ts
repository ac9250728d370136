import { describe, expect, it } from 'vitest';
import { buildSheet } from '../../../src-main/sheets/model';
import { detectProvider, getProvider, hostForProvider, listProviders, valueForProvider } from '../../../src-main/sheets/providers';
import { PROVIDER_IDS, type ProviderId } from '../../../src-main/sheets/types';
import { option1Input } from './fixtures';

describe('detectProvider', () => {
  const table: Array<[string[], ProviderId]> = [
    [['ns45.domaincontrol.com', 'ns46.domaincontrol.com'], 'godaddy'],
    [['NS45.DomainControl.com.'], 'godaddy'],
    [['amy.ns.cloudflare.com', 'bob.ns.cloudflare.com'], 'cloudflare'],
    [['ns-1536.awsdns-00.co.uk', 'ns-0.awsdns-00.com', 'ns-512.awsdns-00.net', 'ns-1024.awsdns-00.org'], 'route53'],
    [['dns1.registrar-servers.com', 'dns2.registrar-servers.com'], 'namecheap'],
    [['ns-cloud-a1.googledomains.com', 'ns-cloud-a2.googledomains.com'], 'google-cloud-dns'],
    [['ns1-01.azure-dns.com', 'ns2-01.azure-dns.net', 'ns3-01.azure-dns.org', 'ns4-01.azure-dns.info'], 'azure-dns'],
    [['ns1.squarespacedns.com'], 'squarespace'],
    [['ns1.domains.squarespace.com'], 'squarespace'],
    [['ns1.example-hosting.net', 'ns2.example-hosting.net'], 'generic'],
    [[], 'generic'],
    // Lookalikes must not match: the pattern is anchored on the provider's own domain.
    [['ns.domaincontrol.com.evil.example'], 'generic'],
    [['cloudflare.com.example.net'], 'generic'],
    // A zone mid-move: the provider with more NS names wins.
    [['amy.ns.cloudflare.com', 'ns45.domaincontrol.com', 'ns46.domaincontrol.com'], 'godaddy'],
  ];
  it.each(table)('%j → %s', (ns, expected) => {
    expect(detectProvider(ns)).toBe(expected);
  });
});

describe('registrar profiles', () => {
  it('loads one valid profile per provider id', () => {
    expect(
      listProviders()
        .map((p) => p.id)
        .sort(),
    ).toEqual([...PROVIDER_IDS].sort());
  });

  it('leaves no unknown placeholder in the generated text', () => {
    for (const id of PROVIDER_IDS) {
      const s = buildSheet(option1Input({ provider: id }));
      expect(JSON.stringify(s), id).not.toMatch(/\{[a-z]+\}/);
    }
  });

  const cases: Array<[ProviderId, string, string, string]> = [
    // provider, what to type for pm-bounces, for the DKIM host, for the apex
    ['godaddy', 'pm-bounces', '20240817055129pm._domainkey', '@'],
    ['cloudflare', 'pm-bounces', '20240817055129pm._domainkey', '@'],
    ['namecheap', 'pm-bounces', '20240817055129pm._domainkey', '@'],
    ['azure-dns', 'pm-bounces', '20240817055129pm._domainkey', '@'],
    ['squarespace', 'pm-bounces', '20240817055129pm._domainkey', '@'],
    ['route53', 'pm-bounces', '20240817055129pm._domainkey', ''],
    ['google-cloud-dns', 'pm-bounces.acme.com.', '20240817055129pm._domainkey.acme.com.', 'acme.com.'],
    ['generic', 'pm-bounces.acme.com.', '20240817055129pm._domainkey.acme.com.', 'acme.com.'],
  ];
  it.each(cases)('%s host field: %s / %s / apex %j', (id, rp, dkim, apex) => {
    const s = buildSheet(option1Input({ provider: id }));
    expect(s.records[1]!.enterHost).toBe(rp);
    expect(s.records[0]!.enterHost).toBe(dkim);
    expect(hostForProvider(getProvider(id), '@', 'acme.com', 'acme.com')).toBe(apex);
  });

  it('quotes TXT values where the panel wants it and dots CNAME targets in zone-style panels', () => {
    const dkim = 'k=rsa; p=abc';
    expect(valueForProvider(getProvider('route53'), 'TXT', dkim)).toBe('"k=rsa; p=abc"');
    expect(valueForProvider(getProvider('google-cloud-dns'), 'TXT', dkim)).toBe('"k=rsa; p=abc"');
    expect(valueForProvider(getProvider('godaddy'), 'TXT', dkim)).toBe(dkim);
    expect(valueForProvider(getProvider('cloudflare'), 'TXT', dkim)).toBe(dkim);
    expect(valueForProvider(getProvider('generic'), 'CNAME', 'pm.mtasv.net')).toBe('pm.mtasv.net.');
    expect(valueForProvider(getProvider('google-cloud-dns'), 'CNAME', 'pm.mtasv.net')).toBe('pm.mtasv.net.');
    expect(valueForProvider(getProvider('route53'), 'CNAME', 'pm.mtasv.net')).toBe('pm.mtasv.net');
  });

  it('splits a long Route 53 TXT value into quoted 255-byte strings on one line', () => {
    const long = 'k=rsa; p=' + 'A'.repeat(400);
    const entered = valueForProvider(getProvider('route53'), 'TXT', long);
    const parts = [...entered.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    expect(parts.map((p) => p.length)).toEqual([255, long.length - 255]);
    expect(parts.join('')).toBe(long);
    expect(entered).not.toContain('\n');
    expect(entered).toBe(`"${long.slice(0, 255)}" "${long.slice(255)}"`);
  });

  it('adapts the "what not to do" list to the panel', () => {
    const r53 = buildSheet(option1Input({ provider: 'route53' }));
    expect(r53.doNot.join('\n')).toMatch(/type it in double quotes exactly as shown, on one line \(Amazon Route 53 needs the quotes\)/);
    expect(r53.records[0]!.enterValue).toBe(`"${r53.records[0]!.value}"`);
    const google = buildSheet(option1Input({ provider: 'google-cloud-dns' }));
    expect(google.doNot.join('\n')).toContain("Don't drop the final dot from full names: pm-bounces.acme.com. is complete");
    const cf = buildSheet(option1Input({ provider: 'cloudflare' }));
    const cnameStep = cf.steps.find((s) => s.text.startsWith('Add record 2'))!;
    expect(cnameStep.fields).toContainEqual({ label: 'Proxy status', value: 'DNS only (grey cloud): switch the orange cloud off', literal: false });
    expect(cnameStep.fields.map((f) => f.label)).toEqual(['Type', 'Name', 'Target', 'TTL', 'Proxy status']);
    const r53Step = r53.steps.find((s) => s.text.startsWith('Add record 2'))!;
    expect(r53Step.fields[1]).toEqual({ label: 'Record name', value: 'pm-bounces', literal: true });
  });
});
