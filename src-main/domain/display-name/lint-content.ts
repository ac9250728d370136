import { parse } from 'tldts';
import { foldForMatching, skeleton } from './confusables';
import type { LintContext, LintIssue } from './lint-types';
import { domainLabel } from './slug';

/** Checks on what the name says: addresses, domains, and punctuation that imitates parts of a mail header. */

const EMAIL_RE = /[^\s<>@"(),;:]+@[^\s<>@"(),;:]+\.[a-z]{2,63}/g;
const DOMAIN_RE = /(?:^|[^a-z0-9@.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})(?![a-z0-9-])/g;
/** Dotted company forms that happen to end in a real TLD (.ltd, .kg). */
const COMPANY_FORMS = new Set(['co.ltd', 'co.kg', 'co.llc', 'co.inc']);
const ANGLE_LOOKALIKES = /[<>‹›〈〉⟨⟩〈〉˂˃ᐸᐳ❮❯]/;
const DOUBLE_QUOTES = /["“”„‟«»″〝〞]/;
const HEADER_NAMES = /(?:^|[\s,;"'(])(from|sender|reply-to|to|cc|bcc|subject|date|return-path)\s*:/;

export function findEmails(folded: string): string[] {
  return folded.match(EMAIL_RE) ?? [];
}

export function findDomains(folded: string): string[] {
  const found: string[] = [];
  for (const m of folded.replace(EMAIL_RE, ' ').matchAll(DOMAIN_RE)) {
    const host = m[1]!;
    const parsed = parse(host);
    if (parsed.isIcann && parsed.domainWithoutSuffix && !COMPANY_FORMS.has(host)) found.push(host);
  }
  return found;
}

function isTenantsOwn(domain: string, ctx: LintContext): boolean {
  const own = (ctx.tenantDomain ?? '').toLowerCase();
  if (own && (domain === own || domain.endsWith(`.${own}`))) return true;
  return foldForMatching(ctx.tenantName).includes(domain);
}

export function addressIssues(name: string, ctx: LintContext): LintIssue[] {
  const folded = foldForMatching(name);
  const issues: LintIssue[] = [];
  const emails = findEmails(folded);
  if (emails.length)
    issues.push({
      code: 'contains-email',
      severity: 'block',
      message: `The name contains an e-mail address (${emails[0]}); readers take it for the sender and it hides the real one.`,
      fix: "Remove the address; put the customer's address in Reply-To instead.",
    });
  for (const domain of new Set(findDomains(folded))) {
    const own = isTenantsOwn(domain, ctx);
    issues.push({
      code: 'contains-domain',
      severity: own ? 'warn' : 'block',
      message: own
        ? `The name contains the domain ${domain}; a domain in a display name reads like a claim about where the mail comes from.`
        : `The name contains the domain ${domain}, which is not the customer's: it claims the mail comes from there ("paypal.com support").`,
      fix: own ? 'Prefer the brand name without the domain.' : "Remove the domain; use the customer's brand name.",
    });
  }
  return issues;
}

/** Words after "via" (or before "on behalf of") may only name the vendor: that is what the presets produce. */
function namesVendor(words: readonly string[], ctx: LintContext): boolean {
  const key = skeleton(words.join(''));
  return key !== '' && (key === skeleton(ctx.vendorName) || key === skeleton(domainLabel(ctx.vendorDomain)) || key === skeleton(ctx.vendorDomain));
}

function fakeViaIssue(folded: string, ctx: LintContext): LintIssue | null {
  // The customer's own name may contain "via" ("Via Rail"); only the rest of the text is judged.
  const ownName = foldForMatching(ctx.tenantName).trim();
  const rest = ownName ? folded.split(ownName).join(' ') : folded;
  const words = rest.split(/[\s,;:()[\]-]+/).filter(Boolean);
  const vias = words.flatMap((w, i) => (w === 'via' ? [i] : []));
  const behalfs = words.flatMap((w, i) => (w === 'on' && words[i + 1] === 'behalf' && words[i + 2] === 'of' ? [i] : []));
  const badVia = vias.some((i) => !namesVendor(words.slice(i + 1), ctx));
  const badBehalf = behalfs.some((i) => !namesVendor(words.slice(0, i), ctx));
  if (!badVia && !badBehalf) return null;
  return {
    code: 'fake-via',
    severity: 'block',
    message: badVia
      ? 'The name contains "via …" naming someone other than the vendor; it imitates the "via" line Gmail adds and misstates who sent the mail.'
      : 'The name contains "on behalf of" with someone other than the vendor as sender; it imitates Outlook\'s "on behalf of" line.',
    fix: `Use the "${ctx.vendorName ? `Customer via ${ctx.vendorName}` : 'Customer via Vendor'}" or "Vendor for Customer" preset.`,
  };
}

export function punctuationIssues(name: string, ctx: LintContext): LintIssue[] {
  const folded = foldForMatching(name);
  const issues: LintIssue[] = [];
  if (ANGLE_LOOKALIKES.test(folded))
    issues.push({
      code: 'angle-brackets',
      severity: 'block',
      message: 'The name contains angle brackets (or look-alikes); mail apps use them around the real address, so a fake one can be shown.',
      fix: 'Remove the brackets.',
    });
  if (folded.includes('@') && findEmails(folded).length === 0)
    issues.push({
      code: 'at-sign',
      severity: 'block',
      message: 'The name contains "@"; readers take it for part of an address.',
      fix: 'Write "at" or remove it.',
    });
  if (DOUBLE_QUOTES.test(folded))
    issues.push({
      code: 'quotes',
      severity: 'warn',
      message: 'The name contains double quotes; they are escaped in the header and some apps show the backslashes or split the name.',
      fix: 'Remove the quotes (apostrophes are fine).',
    });
  if (HEADER_NAMES.test(folded))
    issues.push({
      code: 'fake-header',
      severity: 'block',
      message: 'The name contains something like "From:" or "Reply-To:"; it can pass for a header line in previews.',
      fix: 'Remove the header-like label and its colon.',
    });
  const via = fakeViaIssue(folded, ctx);
  if (via) issues.push(via);
  if (/[!?]{2,}/.test(name.normalize('NFKC')) || /([^\p{L}\p{N}\s'])\1{2,}/u.test(name.normalize('NFKC')))
    issues.push({
      code: 'excessive-punctuation',
      severity: 'warn',
      message: 'The name repeats punctuation ("!!", "***"); spam filters and readers treat that as a sign of spam.',
      fix: 'Use at most one "!" or "?" and no decorative runs.',
    });
  return issues;
}
