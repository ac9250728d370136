import { toASCII, toUnicode, type Tr46Options } from 'tr46';
import { DAMAGED_MESSAGE, DAMAGED_TEXT, HIDDEN_CHARS, HIDDEN_MESSAGE } from './text-rules';

/**
 * The one reading of a domain typed by a person (issue #22): lower case, a pasted URL becomes its host, one
 * trailing dot dropped, and an internationalised name stored once as its A-label (xn--…), which is what DNS,
 * Postmark and DMARC reports carry. Pure (no node:*) so the renderer shows the same answer as main.
 */

/** An ASCII hostname: LDH labels, a letter TLD or an IDN TLD (xn--p1ai is .рф). */
export const DOMAIN_RE = /^(?=.{1,253}$)(?!-)([a-z0-9-]{1,63}(?<!-)\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** UTS #46 non-transitional processing with the IDNA 2008 checks turned on (tr46 is the jsdom project's implementation). */
const IDNA: Tr46Options = {
  checkBidi: true,
  checkHyphens: true,
  checkJoiners: true,
  useSTD3ASCIIRules: true,
  transitionalProcessing: false,
  verifyDNSLength: true,
};
/** RFC 5892 lets letters, combining marks and digits into a label; UTS #46 alone would also pass emoji and symbols. */
const IDNA2008_CHAR = /[\p{L}\p{M}\p{Nd}]/u;
const PLAIN_MESSAGE = 'Enter a domain like acme.com (letters, digits and hyphens; no spaces, no http://).';

export type DomainReading = { ok: true; domain: string } | { ok: false; message: string; suggestion?: string };
const fail = (message: string, suggestion?: string): DomainReading => (suggestion ? { ok: false, message, suggestion } : { ok: false, message });

export function readDomain(raw: string): DomainReading {
  const trimmed = String(raw).trim();
  if (HIDDEN_CHARS.test(trimmed)) return fail(HIDDEN_MESSAGE);
  if (DAMAGED_TEXT.test(trimmed)) return fail(DAMAGED_MESSAGE);
  const s = trimmed
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[/?#].*$/, '');
  if (s.includes('@')) {
    // An address typed into the domain field: offer its domain, never take it silently.
    const host = readDomain(s.slice(s.lastIndexOf('@') + 1));
    const shown = host.ok ? unicodeDomain(host.domain) : undefined;
    return fail(
      shown ? `That is an email address, not a domain: did you mean ${shown}?` : 'That is an email address, not a domain: enter only the part after @.',
      shown,
    );
  }
  const name = s.replace(/\.$/, '');
  const nonAscii = /[^ -~]/.test(name);
  if (!nonAscii && !/(^|\.)xn--/.test(name)) return DOMAIN_RE.test(name) ? { ok: true, domain: name } : fail(PLAIN_MESSAGE);
  const ascii = toASCII(name, IDNA);
  if (ascii === null || !DOMAIN_RE.test(ascii)) {
    return fail('This is not a valid internationalised domain name (IDNA 2008): check each part between dots, or copy the name from the registrar.');
  }
  const unicode = toUnicode(ascii, IDNA);
  if (unicode.error) return fail('This is not a valid internationalised domain name (IDNA 2008): the xn-- part does not decode.');
  const symbol = [...unicode.domain].find((ch) => ch > '\x7f' && !IDNA2008_CHAR.test(ch));
  if (symbol) return fail(`"${symbol}" is not a letter or digit: IDNA 2008 domain names cannot hold symbols or emoji.`);
  // Fullwidth letters and dots (an East Asian keyboard) fold into a different name: say so, never store it silently.
  if (nonAscii && unicode.domain !== name.normalize('NFC')) {
    return fail(
      `This holds look-alike characters (fullwidth letters or dots) that mail systems read as ${unicode.domain}: did you mean ${unicode.domain}?`,
      unicode.domain,
    );
  }
  return { ok: true, domain: ascii };
}

/** The U-label form to show a person (bücher.de for xn--bcher-kva.de); an ASCII name comes back unchanged. */
export function unicodeDomain(domain: string): string {
  if (!/(^|\.)xn--/.test(domain)) return domain;
  const u = toUnicode(domain, IDNA);
  return u.error ? domain : u.domain;
}

/** The A-label form of a Unicode search ("bücher" → "xn--bcher-kva"), or null when there is none to add. */
export function asciiSearchTerm(search: string): string | null {
  if (!/[^ -~]/.test(search)) return null;
  const ascii = toASCII(search.toLowerCase(), { transitionalProcessing: false });
  return ascii && ascii !== search ? ascii : null;
}

/** "acme.com" for "www.acme.com": mail is almost never sent from www. The operator decides; nothing is changed here. */
export function suggestDomain(domain: string): string | null {
  const m = /^www\d*\.(.+\..+)$/.exec(domain);
  return m ? m[1]! : null;
}

const EMAIL_RE = /^[^\s@<>(),;:"\\]+@[^\s@<>(),;:"\\]+$/;

export type AddressReading = { ok: true; address: string } | { ok: false; message: string };

/**
 * An address: an internationalised domain part is stored as its A-label (jane@xn--bcher-kva.de). A non-ASCII
 * local part (SMTPUTF8, RFC 6531) is refused: Postmark documents no SMTPUTF8 support, and most receiving MX
 * hosts do not offer it (docs/inputs.md).
 */
export function readAddress(raw: string): AddressReading {
  const s = String(raw).trim();
  if (!EMAIL_RE.test(s) || HIDDEN_CHARS.test(s)) return { ok: false, message: 'Enter an address like jane@acme.com.' };
  const at = s.lastIndexOf('@');
  const local = s.slice(0, at);
  const host = s.slice(at + 1);
  if (/[^ -~]/.test(local)) {
    return {
      ok: false,
      message: 'Use an address whose part before @ is plain ASCII: Postmark and most mail servers do not accept non-ASCII local parts (SMTPUTF8).',
    };
  }
  const domain = /[/?]|\.$/.test(host) ? null : readDomain(host);
  if (!domain?.ok) return { ok: false, message: 'Enter an address like jane@acme.com.' };
  const address = /[^ -~]/.test(host) ? `${local}@${domain.domain}` : s;
  return address.length > 254 ? { ok: false, message: 'An email address has at most 254 characters.' } : { ok: true, address };
}

/** The address with its domain part shown as a U-label, for reading. */
export function unicodeAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : `${address.slice(0, at)}@${unicodeDomain(address.slice(at + 1))}`;
}
