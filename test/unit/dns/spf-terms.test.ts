import { describe, expect, it } from 'vitest';
import { costsLookup, hasMacro, isSpfRecord, parseSpf } from '../../../src-main/dns/spf-terms';

describe('SPF term parser', () => {
  it('parses mechanisms with qualifiers, domains and prefixes, and modifiers', () => {
    const { terms, errors } = parseSpf(
      'v=spf1 +a -mx:mail.acme.com/24 ~include:_spf.google.com ?exists:%{i}.x.acme.com ip4:192.0.2.0/24 ip6:2001:db8::/32 ptr redirect=_spf.acme.com exp=explain.acme.com -all',
    );
    expect(errors).toEqual([]);
    expect(terms.map((t) => (t.type === 'mechanism' ? `${t.qualifier}${t.name}:${t.domain ?? ''}${t.cidr ?? ''}` : `${t.name}=${t.value}`))).toEqual([
      '+a:',
      '-mx:mail.acme.com/24',
      '~include:_spf.google.com',
      '?exists:%{i}.x.acme.com',
      '+ip4:192.0.2.0/24',
      '+ip6:2001:db8::/32',
      '+ptr:',
      'redirect=_spf.acme.com',
      'exp=explain.acme.com',
      '-all:',
    ]);
  });

  it('recognises v=spf1 exactly', () => {
    expect(isSpfRecord('v=spf1 -all')).toBe(true);
    expect(isSpfRecord('V=SPF1')).toBe(true);
    expect(isSpfRecord('v=spf10 -all')).toBe(false);
    expect(isSpfRecord('spf1 -all')).toBe(false);
  });

  it('reports the usual typos as errors', () => {
    expect(parseSpf('v=spf1 include: _spf.google.com ~all').errors).toEqual([
      '"include:" needs a domain after the colon',
      '"_spf.google.com" is not an SPF mechanism',
    ]);
    expect(parseSpf('v=spf1 ip4:300.1.1.1 -all').errors[0]).toMatch(/IPv4/);
    expect(parseSpf('v=spf1 ip4:192.0.2.1/33 -all').errors[0]).toMatch(/prefix/);
    expect(parseSpf('v=spf1 all:foo').errors[0]).toMatch(/no argument/);
    expect(parseSpf('v=spf1 redirect=a.com redirect=b.com').errors).toContain('redirect= appears more than once');
    expect(parseSpf('v=spf1 includes:x.com').errors[0]).toMatch(/not an SPF mechanism/);
  });

  it('counts include, a, mx, ptr, exists and redirect (unless there is an all) toward the limit', () => {
    const { terms } = parseSpf('v=spf1 include:a.com a mx ptr exists:b.com ip4:192.0.2.1 ip6:::1 redirect=c.com');
    expect(terms.filter((t) => costsLookup(t, false))).toHaveLength(6);
    expect(terms.filter((t) => costsLookup(t, true))).toHaveLength(5);
  });

  it('spots macros', () => {
    expect(hasMacro('%{i}._spf.acme.com')).toBe(true);
    expect(hasMacro('_spf.acme.com')).toBe(false);
  });
});
