import { foldForMatching, skeleton, withinEdits } from './confusables';
import type { LintContext, LintIssue } from './lint-types';
import { LEGAL_SUFFIXES, domainLabel } from './slug';

/**
 * Brand imitation: does the name contain another customer's or the vendor's brand, either literally,
 * spelled with look-alike characters (Cyrillic а, fullwidth Ａ, "rn" for "m", accents), or one typo away?
 * Names are compared word-window by word-window on skeletons, so "Pay Pal", "PayPal" and "Рaypal" all meet.
 */

interface Token {
  plain: string;
  fold: string;
  skel: string;
}
interface Brand {
  label: string;
  compact: string;
  chars: string[];
  plainCompact: string;
  words: number;
}
export type BrandHitKind = 'exact' | 'lookalike' | 'near';
interface Hit {
  kind: BrandHitKind;
  start: number;
  end: number;
}

/** Words that are not brands even when a tenant is called that ("Support", "Mail"). */
const GENERIC = [
  'support',
  'team',
  'mail',
  'info',
  'news',
  'newsletter',
  'billing',
  'noreply',
  'notifications',
  'notification',
  'service',
  'services',
  'help',
  'shop',
  'store',
  'app',
  'the',
  'alerts',
  'updates',
  'account',
  'accounts',
  'security',
  'customer',
  'customers',
  'care',
  'official',
  'hq',
  'via',
  'for',
  'from',
  'by',
  'and',
  'of',
  'on',
  'behalf',
  'no',
  'reply',
  'at',
];
const GENERIC_SKELETONS = new Set(GENERIC.map(skeleton));

export function tokenize(text: string): Token[] {
  // Format characters (zero-width, bidi) stay inside tokens: "Pay\u200BPal" is one disguised word.
  return text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}\p{M}\p{Cf}]+/u)
    .map((t) => ({ plain: t.toLowerCase(), fold: foldForMatching(t).replace(/[^\p{L}\p{N}]/gu, ''), skel: skeleton(t) }))
    .filter((t) => t.skel !== '');
}

/** Other tenants' names are the same on every keystroke; their keys are memoised (bounded). */
const brandCache = new Map<string, Brand | null>();
const BRAND_CACHE_MAX = 20_000;

function toBrand(label: string): Brand | null {
  const cached = brandCache.get(label);
  if (cached !== undefined) return cached;
  if (brandCache.size >= BRAND_CACHE_MAX) brandCache.clear();
  const brand = computeBrand(label);
  brandCache.set(label, brand);
  return brand;
}

function computeBrand(label: string): Brand | null {
  const tokens = tokenize(label);
  while (tokens.length > 1 && LEGAL_SUFFIXES.has(tokens[tokens.length - 1]!.fold)) tokens.pop();
  const compact = tokens.map((t) => t.skel).join('');
  if (compact.length < 3 || GENERIC_SKELETONS.has(compact)) return null;
  return { label, compact, chars: Array.from(compact), plainCompact: tokens.map((t) => t.plain).join(''), words: tokens.length };
}

/** Every joined run of consecutive words: what the customer's own name is allowed to contain. */
function windows(tokens: readonly Token[], maxWords = 6): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    let joined = '';
    for (let k = i; k < Math.min(tokens.length, i + maxWords); k++) out.add((joined += tokens[k]!.skel));
  }
  return out;
}

function nearThreshold(compact: string): number {
  if (compact.length < 4) return 0;
  return compact.length > 12 ? 2 : 1;
}

/** Every run of up to `maxWords` consecutive words of the name, computed once per lint. */
interface Window {
  start: number;
  end: number;
  joined: string;
  chars: string[];
  plain: string;
}

function nameWindows(tokens: readonly Token[], own: ReadonlySet<string>, maxWords: number): Window[] {
  const out: Window[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let joined = '';
    let plain = '';
    for (let k = i; k < Math.min(tokens.length, i + maxWords); k++) {
      joined += tokens[k]!.skel;
      plain += tokens[k]!.plain;
      if (!own.has(joined)) out.push({ start: i, end: k + 1, joined, chars: Array.from(joined), plain });
    }
  }
  return out;
}

function findBrand(wins: readonly Window[], brand: Brand): Hit[] {
  const hits: Hit[] = [];
  const maxDistance = nearThreshold(brand.compact);
  for (const w of wins) {
    const words = w.end - w.start;
    if (words > brand.words + 1) continue;
    if (w.joined === brand.compact) {
      hits.push({ kind: w.plain === brand.plainCompact ? 'exact' : 'lookalike', start: w.start, end: w.end });
    } else if (maxDistance > 0 && Math.abs(words - brand.words) <= 1 && withinEdits(w.chars, brand.chars, maxDistance)) {
      hits.push({ kind: 'near', start: w.start, end: w.end });
    }
  }
  // A near miss that overlaps an exact use of the same brand is just that use plus a neighbouring word.
  const exacts = hits.filter((h) => h.kind !== 'near');
  return hits.filter((h) => h.kind !== 'near' || !exacts.some((e) => h.start < e.end && e.start < h.end));
}

function vendorBrands(ctx: LintContext): Brand[] {
  const seen = new Set<string>();
  return [ctx.vendorName, domainLabel(ctx.vendorDomain)].flatMap((label) => {
    const b = label ? toBrand(label) : null;
    if (!b || seen.has(b.compact)) return [];
    seen.add(b.compact);
    return [b];
  });
}

export function brandIssues(name: string, ctx: LintContext): LintIssue[] {
  const tokens = tokenize(name);
  const ownTokens = tokenize(ctx.tenantName);
  const own = windows(ownTokens);
  const issues: LintIssue[] = [];

  const ownCompact = ownTokens.map((t) => t.skel).join('');
  const vendors = vendorBrands(ctx);
  const seen = new Set<string>();
  const others = ctx.otherTenantNames.flatMap((label) => {
    const brand = toBrand(label);
    if (!brand || brand.compact === ownCompact || own.has(brand.compact) || seen.has(brand.compact)) return [];
    seen.add(brand.compact);
    return [brand];
  });
  const longest = [...vendors, ...others].reduce((max, b) => Math.max(max, b.words), 1);
  const wins = nameWindows(tokens, own, longest + 1);
  const vendorHits = vendors.map((b) => ({ brand: b, hits: findBrand(wins, b) }));
  const vendorLabel = ctx.vendorName || ctx.vendorDomain;
  if (vendorHits.some((v) => v.hits.some((h) => h.kind === 'lookalike')))
    issues.push({
      code: 'imitates-vendor',
      severity: 'block',
      message: `The name spells ${vendorLabel}'s brand with look-alike characters; that is how phishing imitates a sender.`,
      fix: `Write ${vendorLabel} in plain letters, or use a preset.`,
    });
  else if (vendorHits.some((v) => v.hits.some((h) => h.kind === 'near')))
    issues.push({
      code: 'resembles-vendor',
      severity: 'warn',
      message: `The name contains a word one letter away from ${vendorLabel}; readers may take it for the vendor's brand.`,
      fix: `Spell ${vendorLabel} exactly, or choose a different word.`,
    });
  const exactSpans = vendorHits.flatMap((v) => v.hits.filter((h) => h.kind === 'exact'));
  if (exactSpans.length > 0) {
    const rest = tokens.filter((t, i) => !exactSpans.some((h) => i >= h.start && i < h.end) && !GENERIC_SKELETONS.has(t.skel));
    if (rest.length === 0)
      issues.push({
        code: 'vendor-brand-only',
        severity: 'warn',
        message: `The name is only ${vendorLabel}'s brand; recipients will not see which customer the mail is for.`,
        fix: `Add the customer's name, e.g. "${ctx.tenantName || 'Customer'} via ${vendorLabel}".`,
      });
  }

  for (const brand of others) {
    const other = brand.label;
    const hits = findBrand(wins, brand);
    if (hits.some((h) => h.kind !== 'near'))
      issues.push({
        code: 'imitates-tenant',
        severity: 'block',
        message: hits.some((h) => h.kind === 'lookalike')
          ? `The name imitates another customer, "${other}", with look-alike characters.`
          : `The name uses another customer's name, "${other}"; their recipients could be misled.`,
        fix: `Use ${ctx.tenantName ? `"${ctx.tenantName}"` : "this customer's own name"} instead.`,
      });
    else if (hits.length > 0)
      issues.push({
        code: 'resembles-tenant',
        severity: 'warn',
        message: `The name contains a word one letter away from another customer, "${other}".`,
        fix: 'Check the spelling; if it is deliberate, confirm the customer really uses this name.',
      });
  }
  return issues;
}
