import { describe, expect, it } from 'vitest';
import { BehalfError } from '../../../src-preload/api/errors';
import { buildSheet } from '../../../src-main/sheets/model';
import { renderZone } from '../../../src-main/sheets/render-zone';
import { parseZoneFragment } from '../../../src-main/sheets/zone-parse';
import { option1Input, optionInput } from './fixtures';

const asRecords = (s: ReturnType<typeof buildSheet>) => s.records.map((r) => ({ name: r.fqdn, ttl: r.ttl, type: r.type, value: r.value }));

describe('zone fragment', () => {
  it('starts with $ORIGIN and writes FQDNs with trailing dots', () => {
    const text = renderZone(buildSheet(option1Input()));
    expect(text).toContain('$ORIGIN acme.com.\n');
    expect(text).toContain('pm-bounces.acme.com. 3600 IN CNAME pm.mtasv.net.\n');
    expect(text).toContain('$ORIGIN behalf-vendor.com.\n');
  });

  it('parses back to the same records', () => {
    const sheet = buildSheet(option1Input());
    expect(parseZoneFragment(renderZone(sheet))).toEqual(asRecords(sheet));
  });

  it('splits long TXT values into ≤255-byte strings and joins them back exactly, escapes included', () => {
    const value = 'v=test; note="quoted \\ backslash"; ünïcödé; ' + 'x'.repeat(600);
    const sheet = buildSheet(option1Input({ records: { dkim: { host: 'big._domainkey.acme.com', value } } }));
    const text = renderZone(sheet);
    const line = text.split('\n').find((l) => l.startsWith('big._domainkey'))!;
    const strings = [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
    expect(strings.length).toBe(3);
    for (const s of strings) {
      const bytes = s.replace(/\\(\d{3})/g, 'X').replace(/\\(.)/g, '$1');
      expect(bytes.length).toBeLessThanOrEqual(255);
    }
    expect(line).toContain('note=\\"quoted \\\\ backslash\\"');
    expect(line).toContain('\\195\\188'); // ü as UTF-8 bytes in \DDD form
    expect(parseZoneFragment(text)).toEqual(asRecords(sheet));
  });

  it('renders a comment-only fragment for options without records, which parses to nothing', () => {
    const text = renderZone(buildSheet(optionInput(2)));
    expect(text).toMatch(/No DNS records are needed/);
    expect(parseZoneFragment(text)).toEqual([]);
  });

  it('keeps a hostile tenant name inside its comment line', () => {
    const sheet = buildSheet(option1Input({ tenant: { name: 'Evil\nevil.acme.com. 60 IN TXT "injected"', domain: 'acme.com', contactName: '' } }));
    const records = parseZoneFragment(renderZone(sheet));
    expect(records.map((r) => r.name)).not.toContain('evil.acme.com');
    expect(records).toEqual(asRecords(sheet));
  });

  it('reads hand-written zone syntax: relative names, @, $TTL, omitted owner, class/TTL order, parentheses, comments', () => {
    const text = [
      '$ORIGIN Example.COM.',
      '$TTL 1h',
      '@ IN TXT "v=spf1 -all" ; a comment with "quotes"',
      'sel._domainkey 300 IN TXT ( "k=rsa; "',
      '    "p=abc" ) ; continued',
      '   IN 600 TXT second',
      'www CNAME target',
      'mail 1d IN CNAME other.example.net.',
      '$ORIGIN sub',
      'x 5m IN A 192.0.2.1',
    ].join('\n');
    expect(parseZoneFragment(text)).toEqual([
      { name: 'example.com', ttl: 3600, type: 'TXT', value: 'v=spf1 -all' },
      { name: 'sel._domainkey.example.com', ttl: 300, type: 'TXT', value: 'k=rsa; p=abc' },
      { name: 'sel._domainkey.example.com', ttl: 600, type: 'TXT', value: 'second' },
      { name: 'www.example.com', ttl: 3600, type: 'CNAME', value: 'target.example.com' },
      { name: 'mail.example.com', ttl: 86400, type: 'CNAME', value: 'other.example.net' },
      { name: 'x.sub.example.com', ttl: 300, type: 'A', value: '192.0.2.1' },
    ]);
  });

  it.each([
    ['an unclosed quote', 'a.example.com. 60 IN TXT "open'],
    ['an unclosed parenthesis', 'a.example.com. 60 IN TXT ( "x"'],
    ['a relative name without $ORIGIN', 'a 60 IN TXT "x"'],
    ['a record without data', 'a.example.com. 60 IN TXT'],
    ['no TTL at all', 'a.example.com. IN TXT "x"'],
    ['an unsupported directive', '$INCLUDE other.zone'],
  ])('reports %s with a line number', (_what, text) => {
    let error: unknown;
    try {
      parseZoneFragment(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(BehalfError);
    expect((error as BehalfError).code).toBe('sheet.zone-parse');
    expect((error as BehalfError).message).toMatch(/line \d+/);
  });
});
