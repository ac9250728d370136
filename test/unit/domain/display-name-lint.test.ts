import { describe, expect, it } from 'vitest';
import { hasBlockingIssue, lintDisplayName, type LintCode, type LintContext, type LintSeverity } from '../../../src-main/domain/display-name';
import { withinEdits } from '../../../src-main/domain/display-name/confusables';

const ctx: LintContext = {
  vendorName: 'Sendwise',
  vendorDomain: 'sendwise.com',
  otherTenantNames: ['Globex Corporation', 'Initech', 'PayPal', 'Microsoft', 'Support', 'Mail'],
  tenantName: 'Acme, Inc.',
  tenantDomain: 'acme.com',
};

const codes = (name: string, c: LintContext = ctx) => lintDisplayName(name, c).map((i) => `${i.code}:${i.severity}`);

describe('lintDisplayName: names that are fine', () => {
  it.each([
    'Acme',
    'Acme, Inc. via Sendwise',
    'Sendwise for Acme, Inc.',
    'Acme Support',
    'Acme Billing Team',
    'Café Müller',
    'Zoë from Acme',
    'Tiếng Việt Acme',
    'Москва',
    'Ελληνικά',
    'トヨタ自動車',
    'Tシャツ Store',
    'Acme™',
    'Acme 🚀',
    '👨‍👩‍👧 Family Acme',
    'Acme 1️⃣',
    "Jane's Bakery",
    'Acme: Billing',
    'Acme!',
    'Sendwise on behalf of Acme',
    'Acme Mail Support',
  ])('%s', (name) => {
    expect(lintDisplayName(name, ctx)).toEqual([]);
  });

  it("does not report the customer's own name even when it resembles another customer", () => {
    const own: LintContext = { ...ctx, tenantName: 'Initeck Labs' };
    expect(codes('Initeck Labs via Sendwise', own)).toEqual([]);
    const contained: LintContext = { ...ctx, tenantName: 'PayPal Giving Fund' };
    expect(codes('PayPal Giving Fund', contained)).toEqual([]);
  });

  it('accepts "via" inside the customer\'s own name', () => {
    expect(codes('Via Rail via Sendwise', { ...ctx, tenantName: 'Via Rail' })).toEqual([]);
  });
});

const BIDI = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f];
const ZERO_WIDTH = [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff];
const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

describe('lintDisplayName: invisible and control characters', () => {
  it.each(BIDI.map((cp) => [hex(cp), cp]))('blocks the direction control %s', (label, cp) => {
    const issues = lintDisplayName(`Acme ${String.fromCodePoint(cp as number)}Billing`, ctx);
    const issue = issues.find((i) => i.code === 'bidi-controls');
    expect(issue?.severity).toBe('block');
    expect(issue?.message).toContain(label as string);
  });

  it.each(ZERO_WIDTH.map((cp) => [hex(cp), cp]))('blocks the invisible character %s', (label, cp) => {
    const issues = lintDisplayName(`Ac${String.fromCodePoint(cp as number)}me`, ctx);
    const issue = issues.find((i) => i.code === 'zero-width');
    expect(issue?.severity).toBe('block');
    expect(issue?.message).toContain(label as string);
  });

  it.each([
    ['CR LF header injection', 'Acme\r\nBcc: victim@example.com'],
    ['NUL', 'Acme\u0000'],
    ['tab', 'Acme\tBilling'],
    ['C1 next line', 'Acme\u0085Billing'],
    ['line separator', 'Acme\u2028Billing'],
    ['DEL', 'Acme\u007f'],
  ])('blocks control characters: %s', (_label, name) => {
    expect(codes(name)).toContain('control-chars:block');
  });

  it('hides a bidi-reversed domain ("moc.lapyap" shown as "paypal.com")', () => {
    expect(codes('Acme \u202Emoc.lapyap\u202C')).toContain('bidi-controls:block');
  });

  it('splitting a brand with a zero-width space does not evade the brand check', () => {
    expect(codes('Pay\u200BPal Billing')).toEqual(expect.arrayContaining(['zero-width:block', 'imitates-tenant:block']));
  });
});

type Row = [string, string, LintCode, LintSeverity];
const ROWS: Row[] = [
  ['empty', '', 'empty', 'block'],
  ['spaces only', '   ', 'empty', 'block'],
  ['only a zero-width space', '\u200B', 'empty', 'block'],
  ['e-mail address', 'support@acme.com', 'contains-email', 'block'],
  ['fullwidth at in an address', 'support＠paypal.com', 'contains-email', 'block'],
  ["someone else's domain", 'paypal.com support', 'contains-domain', 'block'],
  ['domain with a homoglyph dot', 'paypal。com support', 'contains-domain', 'block'],
  ["the customer's own domain", 'acme.com', 'contains-domain', 'warn'],
  ['another tenant, exact', 'PayPal', 'imitates-tenant', 'block'],
  ['another tenant, split', 'Pay Pal Billing', 'imitates-tenant', 'block'],
  ['another tenant, Cyrillic а', 'Pаypal', 'imitates-tenant', 'block'],
  ['another tenant, fullwidth', 'ＰａｙＰａｌ', 'imitates-tenant', 'block'],
  ['another tenant, mathematical bold', '𝐏𝐚𝐲𝐏𝐚𝐥', 'imitates-tenant', 'block'],
  ['another tenant, digit 1 for l', 'Paypa1', 'imitates-tenant', 'block'],
  ['another tenant, legal suffix dropped', 'Globex Corp', 'imitates-tenant', 'block'],
  ['another tenant, Cyrillic о', 'Glоbex Billing', 'imitates-tenant', 'block'],
  ['another tenant, diacritic', 'Glöbex', 'imitates-tenant', 'block'],
  ['another tenant, combining overlay', 'Glo\u0338bex', 'imitates-tenant', 'block'],
  ['another tenant, Greek capital iota', 'Ιnitech', 'imitates-tenant', 'block'],
  ['another tenant, l for I', 'lnitech', 'imitates-tenant', 'block'],
  ['another tenant, rn for m', 'Rnicrosoft Billing', 'imitates-tenant', 'block'],
  ['another tenant, vv for w', 'Sendvvise Billing', 'imitates-vendor', 'block'],
  ['another tenant, one letter off', 'Initeck', 'resembles-tenant', 'warn'],
  ['vendor, Cyrillic е', 'Acme via Sеndwise', 'imitates-vendor', 'block'],
  ['vendor, l for i', 'Sendwlse Billing', 'imitates-vendor', 'block'],
  ['vendor, one letter off', 'Sendwize Billing', 'resembles-vendor', 'warn'],
  ['vendor only', 'Sendwise Support', 'vendor-brand-only', 'warn'],
  ['angle brackets', 'Acme <billing@acme.com>', 'angle-brackets', 'block'],
  ['angle bracket look-alikes', 'Acme ‹Billing›', 'angle-brackets', 'block'],
  ['fullwidth angle brackets', 'Acme ＜Billing＞', 'angle-brackets', 'block'],
  ['lone at sign', 'Acme @ Home', 'at-sign', 'block'],
  ['double quotes', '"Acme"', 'quotes', 'warn'],
  ['typographic quotes', '“Acme” Billing', 'quotes', 'warn'],
  ['fake From header', 'From: Acme Billing', 'fake-header', 'block'],
  ['fake Reply-To header', 'Acme Reply-To: Billing', 'fake-header', 'block'],
  ['fake via', 'Acme via Stripe', 'fake-via', 'block'],
  ['fake via with Cyrillic і', 'Acme vіa Stripe', 'fake-via', 'block'],
  ['fake via before the real one', 'Acme via Stripe via Sendwise', 'fake-via', 'block'],
  ['fake on behalf of', 'Stripe on behalf of Acme', 'fake-via', 'block'],
  ['exclamation run', 'Acme!!!', 'excessive-punctuation', 'warn'],
  ['question/exclamation run', 'Acme?!', 'excessive-punctuation', 'warn'],
  ['decorative run', 'Acme *** Sale', 'excessive-punctuation', 'warn'],
  ['65 characters', 'A'.repeat(65), 'too-long', 'warn'],
  ['101 characters', 'A'.repeat(101), 'too-long', 'block'],
  ['stacked accents', 'Acme Z\u0335\u0321\u0322algo', 'stacked-marks', 'block'],
  ['accent with no precomposed form', 'Acmq\u0301', 'combining-marks', 'warn'],
  ['accent on nothing', '\u0301Acme', 'combining-marks', 'warn'],
  ['fullwidth letters', 'Ａｃｍｅ', 'compatibility-forms', 'warn'],
  ['mathematical letters', '𝐀𝐜𝐦𝐞', 'compatibility-forms', 'warn'],
  ['Cyrillic in a Latin word', 'Аcme', 'mixed-script', 'block'],
  ['Greek in a Latin word', 'Acmeα', 'mixed-script', 'block'],
  ['Cyrillic and Greek in one word', 'Мοсква', 'mixed-script', 'block'],
  ['Hebrew and Latin in one word', 'שלוםabc', 'mixed-script', 'warn'],
];

describe('lintDisplayName: findings', () => {
  it.each(ROWS)('%s: %j → %s (%s)', (_label, name, code, severity) => {
    expect(codes(name)).toContain(`${code}:${severity}`);
  });

  it('every finding says what is wrong and how to fix it', () => {
    for (const [, name] of ROWS) {
      for (const issue of lintDisplayName(name, ctx)) {
        expect(issue.message.length).toBeGreaterThan(10);
        expect(issue.fix.length).toBeGreaterThan(5);
      }
    }
  });

  it('lists blocks before warnings', () => {
    const issues = lintDisplayName('"Acme" via Stripe!!!', ctx);
    const firstWarn = issues.findIndex((i) => i.severity === 'warn');
    const lastBlock = issues.map((i) => i.severity).lastIndexOf('block');
    expect(lastBlock).toBeGreaterThanOrEqual(0);
    expect(firstWarn).toBeGreaterThan(lastBlock);
    expect(hasBlockingIssue(issues)).toBe(true);
  });

  it('does not treat generic words or tiny names of other tenants as brands', () => {
    expect(codes('Acme Support Mail')).toEqual([]);
  });

  it('company forms like "Co.Ltd" are not domains', () => {
    expect(codes('Acme Co.Ltd')).toEqual([]);
  });

  it('names the other tenant it imitates', () => {
    const issue = lintDisplayName('Glоbex', ctx).find((i) => i.code === 'imitates-tenant');
    expect(issue?.message).toContain('Globex Corporation');
    expect(issue?.message).toContain('look-alike');
  });

  it('reports a brand once even when several tenants share it, and matches long brand names', () => {
    const c: LintContext = { ...ctx, otherTenantNames: ['PayPal', 'Paypal', 'PAYPAL', 'The Very Long Company Name Of Nine Words Here Ltd'] };
    expect(codes('PayPal', c).filter((x) => x.startsWith('imitates-tenant'))).toHaveLength(1);
    expect(codes('The Very Long Cоmpany Name Of Nine Words Here', c)).toContain('imitates-tenant:block');
  });

  it('uses the vendor domain label as a brand too', () => {
    const c: LintContext = { ...ctx, vendorName: 'SW Mailer Ltd', vendorDomain: 'sendwise.com' };
    expect(codes('Sеndwise', c)).toContain('imitates-vendor:block');
  });
});

describe('withinEdits (banded edit distance used for near-miss brands)', () => {
  function levenshtein(a: string[], b: string[]): number {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
      prev = cur;
    }
    return prev[b.length]!;
  }

  it('agrees with the full Levenshtein distance on many pairs', () => {
    // Deterministic pseudo-random strings over a small alphabet, so near pairs are common.
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const word = () => Array.from({ length: 1 + rand(9) }, () => 'abcé'[rand(4)]!);
    for (let n = 0; n < 3000; n++) {
      const a = word();
      const b = rand(2) ? word() : a.map((c) => (rand(5) === 0 ? 'b' : c));
      for (const max of [0, 1, 2]) expect(withinEdits(a, b, max), `${a.join('')} ${b.join('')} ${max}`).toBe(levenshtein(a, b) <= max);
    }
  });
});
