import { getDomainWithoutSuffix } from 'tldts';
import { canonicalName } from '../domain-name';

/**
 * Customer slugs become the local part of option 3 addresses (acme@vendor.com) and sometimes a DNS label
 * (acme@acme.vendor.com), so they are restricted to what is safe in both: a-z, 0-9 and inner hyphens.
 */
export const SLUG_MAX = 40;
const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Company-form words dropped from the end of a name: "Acme, Inc." is "acme", not "acme-inc". */
export const LEGAL_SUFFIXES: ReadonlySet<string> = new Set([
  'inc',
  'incorporated',
  'llc',
  'ltd',
  'limited',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'plc',
  'pty',
  'co',
  'corp',
  'corporation',
  'company',
  'oy',
  'ab',
  'as',
  'aps',
  'kk',
  'kg',
  'ug',
  'lp',
  'llp',
]);

/** Local parts that mail systems reserve or that would mislead (postmaster@vendor.com for a customer). */
const RESERVED: ReadonlySet<string> = new Set([
  'postmaster',
  'abuse',
  'admin',
  'administrator',
  'root',
  'hostmaster',
  'webmaster',
  'noreply',
  'no-reply',
  'info',
  'support',
  'security',
  'mailer-daemon',
  'dmarc',
  'bounce',
  'bounces',
  'pm-bounces',
  'www',
  'mail',
  'smtp',
  'billing',
  'help',
  'sales',
  'privacy',
  'legal',
]);

/** Letters NFD cannot split into base + accent. */
const TRANSLITERATE: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŋ: 'n',
};

/** ASCII words of a text: accents removed, apostrophes joined ("Jane's" → "janes"), " & " read as "and". */
export function asciiWords(text: string): string[] {
  let s = text.normalize('NFKC').toLowerCase().replace(/\s&\s/g, ' and ');
  s = Array.from(s, (ch) => TRANSLITERATE[ch] ?? ch).join('');
  s = s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’‘`´]/g, '');
  return s.split(/[^a-z0-9]+/).filter((w) => w.length > 0);
}

function withoutLegalSuffix(words: string[]): string[] {
  const out = [...words];
  while (out.length > 1 && LEGAL_SUFFIXES.has(out[out.length - 1]!)) out.pop();
  return out;
}

/** Joins words with hyphens and cuts at SLUG_MAX on a hyphen boundary when it can. */
export function slugify(text: string): string {
  let slug = withoutLegalSuffix(asciiWords(text)).join('-');
  if (slug.length > SLUG_MAX) {
    const cut = slug.slice(0, SLUG_MAX);
    const lastHyphen = cut.lastIndexOf('-');
    slug = lastHyphen >= 10 ? cut.slice(0, lastHyphen) : cut;
  }
  return slug.replace(/^-+|-+$/g, '');
}

export type SlugSource = 'name' | 'domain' | 'fallback';

export interface SlugOptions {
  /** Which tenant field to try first; the other is the fallback. Default 'name'. */
  prefer?: 'name' | 'domain';
  /** Slugs other tenants already use; a clash gets -2, -3… */
  taken?: readonly string[];
}

export function isSafeSlug(slug: string): boolean {
  return slug.length <= SLUG_MAX && SLUG_RE.test(slug) && !slug.includes('--');
}

/** The registrable label of a domain: acme.co.uk → "acme". */
export function domainLabel(domain: string): string {
  const cleaned = canonicalName(domain);
  return getDomainWithoutSuffix(cleaned) ?? cleaned.split('.')[0] ?? '';
}

export function deriveSlug(tenant: { name: string; domain: string }, options: SlugOptions = {}): { slug: string; source: SlugSource } {
  const fromName = slugify(tenant.name);
  const fromDomain = slugify(domainLabel(tenant.domain));
  const order: Array<[SlugSource, string]> =
    options.prefer === 'domain'
      ? [
          ['domain', fromDomain],
          ['name', fromName],
        ]
      : [
          ['name', fromName],
          ['domain', fromDomain],
        ];
  const hit = order.find(([, s]) => s.length > 0);
  const [source, found]: [SlugSource, string] = hit ?? ['fallback', 'customer'];
  let slug = found.replace(/-{2,}/g, '-');
  if (RESERVED.has(slug)) slug = `${slug}-team`;
  const taken = new Set(options.taken ?? []);
  if (taken.has(slug)) {
    const base = slug.slice(0, SLUG_MAX - 4);
    let n = 2;
    while (taken.has(`${base}-${n}`)) n++;
    slug = `${base}-${n}`;
  }
  return { slug, source };
}
