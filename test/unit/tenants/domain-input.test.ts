import { describe, expect, it } from 'vitest';
import { readAddress, readDomain, suggestDomain, unicodeDomain } from '../../../src-preload/api/domain-input';
import { domainFlags } from '../../../src-main/domain/domain-flags';
import { cli } from '../../support/cli';
import { tempDir, tempServices } from '../../support/temp';

/**
 * Issue #22 items 1 and 4 beyond the hostile table (which carries the spellings to every door): suggestions,
 * look-alike flags, display, search by either form, and the CLI's --as-is.
 */
describe('reading a domain', () => {
  it('offers the domain of an address, and of fullwidth look-alikes, without taking it', () => {
    expect(readDomain('support@acme.com')).toMatchObject({ ok: false, suggestion: 'acme.com', message: expect.stringMatching(/did you mean acme\.com\?/) });
    expect(readDomain('Jane@Bücher.de')).toMatchObject({ ok: false, suggestion: 'bücher.de' });
    expect(readDomain('ａｃｍｅ.com')).toMatchObject({ ok: false, suggestion: 'acme.com' });
  });

  it('keeps a www. host as typed but suggests the bare domain', () => {
    expect(readDomain('https://www.acme.com/')).toEqual({ ok: true, domain: 'www.acme.com' });
    expect(suggestDomain('www.acme.com')).toBe('acme.com');
    expect(suggestDomain('www2.acme.co.uk')).toBe('acme.co.uk');
    expect(suggestDomain('www.com')).toBeNull();
    expect(suggestDomain('wwwacme.com')).toBeNull();
  });

  it('shows the U-label of a stored A-label, and leaves ASCII and broken A-labels alone', () => {
    expect(unicodeDomain('xn--mller-shne-kcb9d.de')).toBe('müller-söhne.de');
    expect(unicodeDomain('acme.com')).toBe('acme.com');
    expect(unicodeDomain('xn--abc.com')).toBe('xn--abc.com');
  });

  it('addresses: IDN domain part as A-label, SMTPUTF8 local part refused with the reason', () => {
    expect(readAddress('it@müller-söhne.de')).toEqual({ ok: true, address: 'it@xn--mller-shne-kcb9d.de' });
    expect(readAddress('jörg@acme.com')).toMatchObject({ ok: false, message: expect.stringMatching(/SMTPUTF8/) });
  });
});

describe("look-alike flags (the display-name linter's script and confusable data)", () => {
  it.each([
    ['xn--pple-43d.com', 'mixed-script'], // аpple: Cyrillic а + Latin
    ['xn--80ak6aa92e.com', 'confusable'], // аррӏе: all Cyrillic, reads as "apple"
    ['www.acme.com', 'www'],
  ])('%s is flagged %s', (domain, kind) => {
    expect(domainFlags(domain).map((f) => f.kind)).toContain(kind);
  });

  it.each(['xn--bcher-kva.de', 'xn--e1afmkfd.xn--p1ai', 'xn--r8jz45g.jp', 'acme.com'])('%s is not flagged', (domain) => {
    expect(domainFlags(domain)).toEqual([]);
  });
});

describe('search finds an IDN tenant by either form', () => {
  it('Unicode, A-label, part of either, through the index and the contact address', () => {
    const s = tempServices();
    s.tenants.create({ name: 'Müller', domain: 'müller-söhne.de', contactEmail: 'it@müller-söhne.de' });
    s.tenants.create({ name: 'Other', domain: 'other.com' });
    for (const q of ['müller-söhne', 'xn--mller-shne-kcb9d', 'söhne.de', 'it@müller']) {
      expect(
        s.tenants.list({ search: q }).rows.map((t) => t.name),
        q,
      ).toEqual(['Müller']);
    }
    s.close();
  });
});

describe('behalf tenants add: suggestions, never silent corrections', () => {
  it('www.: prints the suggestion and exits 2; --as-is keeps it', async () => {
    const home = tempDir();
    const r = await cli(['tenants', 'add', '--name', 'W', '--domain', 'www.acme.com', '--home', home]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/did you mean acme\.com\?[\s\S]*--domain acme\.com[\s\S]*--as-is/);
    expect(JSON.parse((await cli(['tenants', 'list', '--json', '--home', home])).out).total).toBe(0);
    expect((await cli(['tenants', 'add', '--name', 'W', '--domain', 'www.acme.com', '--as-is', '--home', home])).code).toBe(0);
  });

  it('an address in --domain: exit 2 with "did you mean"', async () => {
    const r = await cli(['tenants', 'add', '--name', 'A', '--domain', 'support@acme.com', '--home', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/did you mean acme\.com\?/);
  });

  it('an IDN: stored as the A-label, printed in Unicode beside it; a look-alike is warned about', async () => {
    const home = tempDir();
    const r = await cli(['tenants', 'add', '--name', 'Bücher', '--domain', 'Bücher.de', '--home', home]);
    expect(r).toMatchObject({ code: 0, out: expect.stringMatching(/Added Bücher \(bücher\.de, stored as xn--bcher-kva\.de\)/) });
    const spoof = await cli(['tenants', 'add', '--name', 'Apple?', '--domain', 'аpple.com', '--home', home]);
    expect(spoof.code).toBe(0);
    expect(spoof.err).toMatch(/warning: "аpple" mixes Cyrillic and Latin/);
  });
});
