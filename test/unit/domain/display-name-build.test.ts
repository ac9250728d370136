import { describe, expect, it } from 'vitest';
import {
  buildFrom,
  deriveSlug,
  formatMailbox,
  isSafeSlug,
  lintDisplayName,
  quoteDisplayName,
  sanitizeSuggestion,
  slugify,
  vendorAddress,
  type AddressPattern,
  type BuildFromInput,
  type LintContext,
} from '../../../src-main/domain/display-name';

const vendor = { name: 'Sendwise', sendingDomain: 'sendwise.com', addressPattern: 'per-customer' as AddressPattern };
const tenant = { name: 'Acme, Inc.', domain: 'acme.com', fromName: '', fromAddress: 'support@acme.com' };
const input = (over: Partial<BuildFromInput> = {}): BuildFromInput => ({ tenant, vendor, preset: 'via', ...over });

describe('vendorAddress', () => {
  it.each([
    ['shared', 'info@sendwise.com'],
    ['per-customer', 'acme@sendwise.com'],
    ['per-customer-subdomain', 'acme@acme.sendwise.com'],
  ] as const)('%s → %s', (pattern, expected) => {
    expect(vendorAddress(pattern, 'acme', 'Sendwise.com.')).toBe(expected);
  });

  it('uses the configured shared local part', () => {
    expect(vendorAddress('shared', 'acme', 'sendwise.com', 'hello')).toBe('hello@sendwise.com');
  });
});

describe('slugs', () => {
  it.each([
    ['Acme, Inc.', 'acme.com', 'acme', 'name'],
    ['Café Müller GmbH', 'cafe.de', 'cafe-muller', 'name'],
    ["Jane's Bakery", 'janes.example', 'janes-bakery', 'name'],
    ['Smith & Sons Ltd', 'smith.co.uk', 'smith-and-sons', 'name'],
    ['Straße AG', 'strasse.de', 'strasse', 'name'],
    ['Ørsted', 'orsted.com', 'orsted', 'name'],
    ['株式会社トヨタ', 'toyota.co.jp', 'toyota', 'domain'],
    ['!!!', '', 'customer', 'fallback'],
    ['Support', 'support.example', 'support-team', 'name'],
    ['Postmaster', 'pm.example', 'postmaster-team', 'name'],
  ])('%s / %s → %s (%s)', (name, domain, slug, source) => {
    const got = deriveSlug({ name, domain });
    expect(got).toEqual({ slug, source });
    expect(isSafeSlug(got.slug)).toBe(true);
  });

  it('prefers the domain when asked', () => {
    expect(deriveSlug({ name: 'Acme', domain: 'acme-widgets.co.uk' }, { prefer: 'domain' })).toEqual({ slug: 'acme-widgets', source: 'domain' });
  });

  it('adds a number when the slug is taken', () => {
    expect(deriveSlug({ name: 'Acme', domain: 'acme.com' }, { taken: ['acme', 'acme-2'] }).slug).toBe('acme-3');
  });

  it('cuts long names on a word boundary and stays a safe local part and DNS label', () => {
    const slug = slugify('The International Association of Very Long Company Names Worldwide');
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(isSafeSlug(slug)).toBe(true);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('never lets odd characters through', () => {
    for (const name of ['a..b', '-x-', 'A\u202Eb', 'Ａｃｍｅ', '"quoted"@name', 'tab\there', 'ひらがな only']) {
      expect(isSafeSlug(deriveSlug({ name, domain: 'x.com' }).slug)).toBe(true);
    }
  });
});

describe('header quoting', () => {
  it.each([
    ['Acme', 'Acme'],
    ['Acme via Sendwise', 'Acme via Sendwise'],
    ['Acme, Inc.', '"Acme, Inc."'],
    ['Zoë', '"Zoë"'],
    ['Acme "Best"', '"Acme \\"Best\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['Acme\r\nBcc: x@y.z', '"Acme Bcc: x@y.z"'],
  ])('%j → %s', (name, quoted) => {
    expect(quoteDisplayName(name)).toBe(quoted);
  });

  it('omits the phrase when the name is empty', () => {
    expect(formatMailbox('  ', 'acme@sendwise.com')).toBe('acme@sendwise.com');
  });
});

describe('buildFrom', () => {
  it.each([
    ['via', 'shared', 'Acme, Inc. via Sendwise', 'info@sendwise.com', '"Acme, Inc. via Sendwise" <info@sendwise.com>'],
    ['via', 'per-customer', 'Acme, Inc. via Sendwise', 'acme@sendwise.com', '"Acme, Inc. via Sendwise" <acme@sendwise.com>'],
    ['for', 'per-customer-subdomain', 'Sendwise for Acme, Inc.', 'acme@acme.sendwise.com', '"Sendwise for Acme, Inc." <acme@acme.sendwise.com>'],
  ] as const)('%s + %s', (preset, pattern, displayName, address, header) => {
    const built = buildFrom(input({ preset, vendor: { ...vendor, addressPattern: pattern } }));
    expect(built).toMatchObject({ displayName, address, header, replyTo: 'support@acme.com' });
    expect(built.slug).toBe(pattern === 'shared' ? null : 'acme');
  });

  it('uses the From name when set, and leaves a plain phrase unquoted', () => {
    const built = buildFrom(input({ tenant: { ...tenant, fromName: 'Jane Customer' } }));
    expect(built.header).toBe('Jane Customer via Sendwise <acme@sendwise.com>');
  });

  it('custom names are escaped and can never break the header', () => {
    const built = buildFrom(input({ preset: 'custom', customName: 'Acme "Deals"\r\nBcc: x@y.z' }));
    expect(built.header).toBe('"Acme \\"Deals\\" Bcc: x@y.z" <acme@sendwise.com>');
    expect(built.header).not.toMatch(/[\r\n]/);
  });

  it('falls back to the contact for Reply-To, then to none', () => {
    expect(buildFrom(input({ tenant: { ...tenant, fromAddress: '', contactEmail: 'jane@acme.com' } })).replyTo).toBe('jane@acme.com');
    expect(buildFrom(input({ tenant: { ...tenant, fromAddress: '' } })).replyTo).toBeNull();
  });

  it('avoids slugs other tenants use', () => {
    expect(buildFrom(input({ takenSlugs: ['acme'] })).address).toBe('acme-2@sendwise.com');
  });
});

const ctx: LintContext = { vendorName: 'Sendwise', vendorDomain: 'sendwise.com', otherTenantNames: [], tenantName: 'Acme', tenantDomain: 'acme.com' };

describe('sanitizeSuggestion', () => {
  it.each([
    ['Acme\u202E Billing', 'Acme Billing'],
    ['Ac\u200Bme', 'Acme'],
    ['Аcme', 'Acme'],
    ['Мoсква', 'Москва'],
    ['ＡＣＭＥ Billing', 'ACME Billing'],
    ['Acme <billing@acme.com>', 'Acme'],
    ['billing@acme.com', ''],
    ['PayPal.com Support', 'PayPal Support'],
    ['From: Acme', 'Acme'],
    ['Acme!!!', 'Acme!'],
    ['Acme *** Sale', 'Acme * Sale'],
    ['"Acme"', 'Acme'],
    ['Acme\r\nBilling', 'Acme Billing'],
    ['Acme @ Home', 'Acme at Home'],
    ['Acme™', 'Acme™'],
    ['Acmq\u0301', 'Acmq'],
    ['Z\u0335\u0321\u0322algo Acme', 'Zalgo Acme'],
    ['  Acme  ', 'Acme'],
  ])('%j → %j', (name, expected) => {
    expect(sanitizeSuggestion(name)).toBe(expected);
  });

  it('shortens to 64 characters on a word boundary', () => {
    const out = sanitizeSuggestion('Acme Worldwide Logistics and Shipping Notifications Department Europe Middle East');
    expect(Array.from(out).length).toBeLessThanOrEqual(64);
    expect(out.endsWith(' ')).toBe(false);
  });

  it('removes every mechanical blocker the linter reports', () => {
    const nasty = [
      'Acme\u202E\u200B <x@acme.com>',
      'From: Аcme!!!',
      'Acme\u0000\u2028Billing',
      'Acme ‹Billing›',
      'Ａｃｍｅ＠Home',
      'Acme Z\u0335\u0321\u0322algo',
      'x'.repeat(120),
    ];
    for (const name of nasty) {
      const blocks = lintDisplayName(sanitizeSuggestion(name), ctx).filter((i) => i.severity === 'block');
      expect(blocks, name).toEqual([]);
    }
  });
});
