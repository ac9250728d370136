/** Pure SPF record parsing (RFC 7208 §4.6, §5, §6). No DNS here. */

export type SpfQualifier = '+' | '-' | '~' | '?';
export const SPF_MECHANISMS = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'] as const;
export type SpfMechanismName = (typeof SPF_MECHANISMS)[number];

export type SpfTerm =
  | { type: 'mechanism'; qualifier: SpfQualifier; name: SpfMechanismName; domain: string | null; cidr: string | null; raw: string }
  | { type: 'modifier'; name: string; value: string; raw: string };

export interface SpfParse {
  terms: SpfTerm[];
  /** Syntax problems: any one makes the record a permerror. */
  errors: string[];
}

/** Exactly "v=spf1" followed by a space or the end (RFC 7208 §4.5); "v=spf10" is not SPF. */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1( |$)/i.test(text.trim());
}

/** Mechanisms and modifiers that cost a DNS lookup and count toward the limit of 10 (§4.6.4). */
const LOOKUP_MECHANISMS: ReadonlySet<string> = new Set(['include', 'a', 'mx', 'ptr', 'exists']);

export function costsLookup(term: SpfTerm, recordHasAll: boolean): boolean {
  if (term.type === 'mechanism') return LOOKUP_MECHANISMS.has(term.name);
  // §6.1: redirect is ignored when the record has an "all" mechanism, so it costs nothing then.
  return term.name === 'redirect' && !recordHasAll;
}

/** Macros (%{i}, %{d}…) need the message being evaluated; a checker can count them but not resolve them. */
export function hasMacro(domain: string): boolean {
  return domain.includes('%');
}

const MODIFIER = /^([A-Za-z][A-Za-z0-9_.-]*)=(.*)$/;
const MECHANISM = /^([+\-~?]?)([A-Za-z0-9]+)(?::([^/]*))?(\/.*)?$/;
const DOMAIN_SPEC = /^[^\s:/]+\.[^\s:/]*[^\s:/.]\.?$|^[^\s]*%\{[^\s]*$/;
const IP4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

function checkCidr(name: SpfMechanismName, cidr: string | null, errors: string[], raw: string): void {
  if (cidr === null) return;
  const ok =
    name === 'ip4'
      ? /^\/(3[0-2]|[12]?\d)$/.test(cidr)
      : name === 'ip6'
        ? /^\/(12[0-8]|1[01]\d|\d?\d)$/.test(cidr)
        : (name === 'a' || name === 'mx') && /^(\/(3[0-2]|[12]?\d))?(\/\/(12[0-8]|1[01]\d|\d?\d))?$/.test(cidr);
  if (!ok) errors.push(`"${raw}" has an invalid prefix length`);
}

function parseTerm(raw: string, errors: string[]): SpfTerm | null {
  const mod = MODIFIER.exec(raw);
  if (mod) {
    const name = (mod[1] ?? '').toLowerCase();
    const value = mod[2] ?? '';
    if ((name === 'redirect' || name === 'exp') && !DOMAIN_SPEC.test(value)) errors.push(`"${raw}" needs a domain after the =`);
    return { type: 'modifier', name, value, raw };
  }
  const m = MECHANISM.exec(raw);
  const name = (m?.[2] ?? '').toLowerCase();
  if (!m || !(SPF_MECHANISMS as readonly string[]).includes(name)) {
    errors.push(`"${raw}" is not an SPF mechanism`);
    return null;
  }
  const mech = name as SpfMechanismName;
  const qualifier = (m[1] || '+') as SpfQualifier;
  const arg = m[3] === undefined ? null : m[3];
  const cidr = m[4] ?? null;
  if (mech === 'ip4' || mech === 'ip6') {
    const bad = arg === null || (mech === 'ip4' ? !IP4.test(arg) : !arg.includes(':'));
    if (bad) errors.push(`"${raw}" needs a valid ${mech === 'ip4' ? 'IPv4' : 'IPv6'} address`);
    checkCidr(mech, cidr, errors, raw);
    return { type: 'mechanism', qualifier, name: mech, domain: arg, cidr, raw };
  }
  if (mech === 'all') {
    if (arg !== null || cidr !== null) errors.push(`"${raw}" takes no argument`);
    return { type: 'mechanism', qualifier, name: mech, domain: null, cidr: null, raw };
  }
  if ((mech === 'include' || mech === 'exists') && (arg === null || arg === '')) {
    errors.push(`"${raw}" needs a domain after the colon`);
  } else if (arg !== null && !DOMAIN_SPEC.test(arg)) {
    errors.push(`"${raw}" has an invalid domain`);
  }
  checkCidr(mech, cidr, errors, raw);
  return { type: 'mechanism', qualifier, name: mech, domain: arg === '' ? null : arg, cidr, raw };
}

export function parseSpf(text: string): SpfParse {
  const errors: string[] = [];
  const terms: SpfTerm[] = [];
  const tokens = text.trim().split(/\s+/);
  if (!isSpfRecord(text)) errors.push('the record does not start with v=spf1');
  for (const raw of tokens.slice(1)) {
    const term = parseTerm(raw, errors);
    if (term) terms.push(term);
  }
  for (const once of ['redirect', 'exp']) {
    if (terms.filter((t) => t.type === 'modifier' && t.name === once).length > 1) errors.push(`${once}= appears more than once`);
  }
  return { terms, errors };
}
