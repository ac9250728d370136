import { describe, expect, it } from 'vitest';
import { BehalfError } from '../../../src-preload/api/errors';
import { readDomain } from '../../../src-preload/api/domain-input';
import { canonicalName, normaliseDomain, sameName } from '../../../src-main/domain/domain-name';

// Issue 16: "normalise a domain" existed five times (dns/names, the DMARC builder, the display-name address rule,
// the public-mailbox list, inline copies). Two facts remain, each with one function:
// a host name a person typed (validated, the contract's reading) and the spelling of a DNS owner name (never refused).
describe('normaliseDomain: a host name typed by a person', () => {
  it('reads it as the contract does: lower case, no trailing dot, an IDN as its A-label', () => {
    expect(normaliseDomain(' Acme.COM. ')).toBe('acme.com');
    expect(normaliseDomain('bücher.de')).toBe('xn--bcher-kva.de');
    // The same answer the renderer shows while typing (readDomain), so a door and a service never disagree.
    for (const raw of ['Acme.COM.', 'bücher.de', 'https://acme.com/path', 'xn--bcher-kva.de']) {
      const r = readDomain(raw);
      expect(r.ok && r.domain).toBe(normaliseDomain(raw));
    }
  });

  it('refuses what is not a mail domain, with the code the caller asks for', () => {
    for (const bad of ['', 'acme', 'user@acme.com', 'a..com', '-x.com', 'exa mple.com']) {
      expect(() => normaliseDomain(bad), bad).toThrow(BehalfError);
    }
    expect(() => normaliseDomain('not a domain', 'domain', 'dns.invalid-domain')).toThrow(expect.objectContaining({ code: 'dns.invalid-domain' }));
    expect(() => normaliseDomain('acme', 'From domain')).toThrow(
      expect.objectContaining({ code: 'input.invalid', message: expect.stringContaining('From domain') }),
    );
  });

  it('refuses an underscore label: no mail domain has one (those are DNS owner names, see canonicalName)', () => {
    expect(() => normaliseDomain('_dmarc.acme.com')).toThrow(BehalfError);
    expect(() => normaliseDomain('s1._domainkey.acme.com')).toThrow(BehalfError);
  });
});

describe('canonicalName: the one spelling of a DNS owner name', () => {
  it('trims, lower-cases and drops trailing dots, keeping underscore labels', () => {
    expect(canonicalName(' _DMARC.Acme.com. ')).toBe('_dmarc.acme.com');
    expect(canonicalName('20240101pm._domainkey.acme.com..')).toBe('20240101pm._domainkey.acme.com');
    expect(canonicalName('')).toBe('');
  });

  it('compares two spellings of one name', () => {
    expect(sameName('PM-bounces.acme.com.', 'pm-bounces.acme.com')).toBe(true);
    expect(sameName('acme.com', 'acme.co')).toBe(false);
  });
});
