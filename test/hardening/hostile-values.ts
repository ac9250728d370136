/**
 * The table of hostile values every door is fed (issue #10 item 1). Each entry names what it is, so a failing
 * case says which value broke which door. Values that are legal after normalisation (punycode, UPPERCASE, a
 * trailing dot, a pasted https://) may be accepted; everything else must be refused with a clear error.
 */
export interface Hostile {
  label: string;
  value: string;
  /**
   * The decided outcome at every door: the exact value stored when accepted, or REFUSED (a door answers
   * `input.invalid`, the CLI exits 2). Cases whose answer is a judgement say why beside them.
   */
  expect: string | typeof REFUSED;
  /**
   * The CSV door's outcome where it differs: a quoted line break in a one-line field is folded to a space and
   * noted in the preview (issue #22: Excel's Alt+Enter), so the text stored has no line break at all.
   */
  csv?: string | typeof REFUSED;
}

export const REFUSED = Symbol('refused');
const h = (label: string, value: string, expect: string | typeof REFUSED = REFUSED, csv?: string | typeof REFUSED): Hostile =>
  csv === undefined ? { label, value, expect } : { label, value, expect, csv };

export const HOSTILE_DOMAINS: Hostile[] = [
  h('IDN (unicode)', 'bücher.de', 'xn--bcher-kva.de'), // stored once as its A-label: what DNS, Postmark and DMARC carry (issue #22)
  h('punycode', 'xn--bcher-kva.de', 'xn--bcher-kva.de'),
  // Real-world spellings of internationalised names (issue #22): each is stored once, as the A-label.
  h('IDN with capitals', 'Müller-Söhne.DE', 'xn--mller-shne-kcb9d.de'),
  h('IDN decomposed (macOS NFD)', 'bu\u0308cher.de', 'xn--bcher-kva.de'), // the same name once composed
  h('IDN pasted as a URL', 'https://bücher.de/shop?x=1', 'xn--bcher-kva.de'),
  h('IDN with a trailing dot', 'bücher.de.', 'xn--bcher-kva.de'),
  h('A-label in capitals', 'XN--BCHER-KVA.DE', 'xn--bcher-kva.de'),
  h('IDN TLD (Cyrillic .рф)', 'пример.рф', 'xn--e1afmkfd.xn--p1ai'),
  h('Japanese IDN', '例え.jp', 'xn--r8jz45g.jp'),
  h('German sharp s (non-transitional)', 'faß.de', 'xn--fa-hia.de'), // IDNA 2008: ß stays ß, not "ss"
  h('mixed-script look-alike', 'аpple.com', 'xn--pple-43d.com'), // accepted, and flagged as mixed Cyrillic/Latin wherever it is added
  h('invalid A-label', 'xn--abc.com'), // does not decode as Punycode
  h('emoji A-label', 'xn--ls8h.la'), // decodes to 💩: the same IDNA 2008 refusal as the Unicode form
  h('fullwidth letters', 'ＡＣＭＥ.com'), // refused with "did you mean acme.com?"
  h('address in the domain field', 'support@acme.com'), // refused with "did you mean acme.com?"
  h('trailing dot', 'acme.com.', 'acme.com'),
  h('two trailing dots', 'acme.com..'),
  h('UPPERCASE', 'ACME.COM', 'acme.com'),
  h('http:// prefix', 'http://acme.com', 'acme.com'),
  h('https:// prefix', 'https://acme.com', 'acme.com'),
  h('scheme with path and query', 'https://acme.com/login?next=/admin', 'acme.com'),
  h('path only', 'acme.com/../../etc/passwd', 'acme.com'), // a pasted address: the host part is the domain
  h('254+ chars', `${'a'.repeat(60)}.`.repeat(5) + 'com'),
  h('64-char label', `${'a'.repeat(64)}.com`),
  h('empty label a..b', 'a..b.com'),
  h('leading dot', '.acme.com'),
  h('leading hyphen label', '-acme.com'),
  h('trailing hyphen label', 'acme-.com'),
  h('inner space', 'ac me.com'),
  h('surrounding spaces + tab', ' \tacme.com \t', 'acme.com'),
  h('NUL byte', 'acme.com\u0000.evil.com'),
  h('emoji', '💩.la'), // UTS #46 would pass it; IDNA 2008 allows letters, marks and digits only
  h('SQL-ish', "'; DROP TABLE tenants;--"),
  h('SQL-ish in a label', "acme.com'; DROP TABLE tenants;--"),
  h('CRLF', 'acme.com\r\nX-Injected: 1'),
  h('bidi override', 'acme\u202Emoc.com'),
  h('zero-width space', 'ac\u200Bme.com'),
  h('fullwidth dot', 'acme\uFF0Ecom'), // refused with "did you mean acme.com?": look-alikes are never folded silently
  h('ip address', '127.0.0.1'),
  h('port', 'acme.com:8080'),
  h('userinfo', 'user:pass@acme.com'), // an address in the domain field: refused with "did you mean acme.com?"
  h('single label', 'localhost'),
  h('numeric tld', 'acme.123'),
  h('wildcard', '*.acme.com'),
  h('underscore', '_dmarc.acme.com'),
  h('empty', ''),
  h('only dots', '...'),
  h('10k chars', 'a'.repeat(10_000)),
  h('non-UTF-8 decoded (U+FFFD)', Buffer.from([0x61, 0xff, 0xfe, 0x2e, 0x63, 0x6f, 0x6d]).toString('utf8')),
  h('lone surrogate', 'acme\uD800.com'),
];

export const HOSTILE_EMAILS: Hostile[] = [
  h('no @', 'jane.acme.com'),
  h('two @', 'jane@doe@acme.com'),
  h('quoted local part', '"jane doe"@acme.com'),
  h('quoted local part with @', '"a@b"@acme.com'),
  h('255+ chars', `${'a'.repeat(250)}@acme.com`),
  h('local part 64+', `${'a'.repeat(65)}@acme.com`), // RFC 5321 4.5.3.1.1: at most 64 octets
  h('unicode local part', 'jörg@acme.com'), // SMTPUTF8 (RFC 6531): Postmark documents no support, most MX hosts lack it; refused with a reason (docs/inputs.md)
  h('unicode domain', 'jane@bücher.de', 'jane@xn--bcher-kva.de'), // the domain part as its A-label, like a tenant's domain
  h('unicode domain with capitals', 'IT@Müller-Söhne.de', 'IT@xn--mller-shne-kcb9d.de'),
  h('unicode domain, fullwidth dot', 'jane@bücher\uFF0Ede'), // look-alike dot: refused, never folded silently
  h('CRLF Bcc injection', 'a@b.com\r\nBcc: x@y.z'),
  h('LF injection', 'a@b.com\nCc: x@y.z'),
  h('NUL in local part', 'a\u0000b@acme.com'),
  h('NUL after domain', 'a@acme.com\u0000x'),
  h('bidi override', 'jane\u202E@acme.com'),
  h('zero-width space', 'ja\u200Bne@acme.com'),
  h('display-name form', 'Jane <jane@acme.com>'),
  h('comma list', 'a@acme.com,b@acme.com'),
  h('semicolon list', 'a@acme.com;b@acme.com'),
  h('empty local part', '@acme.com'),
  h('empty domain', 'jane@'),
  h('SQL-ish', "x'; DROP TABLE tenants;--@acme.com"),
  h('space inside', 'jane doe@acme.com'),
  h('domain without tld', 'jane@localhost'),
  h('ip literal', 'jane@[127.0.0.1]'),
  h('tab', 'jane\t@acme.com'),
];

export const HOSTILE_NAMES: Hostile[] = [
  h('bidi override U+202E', 'Acme \u202Eevil\u202C Corp'),
  h('bidi embedding U+202B', '\u202BAcme'),
  h('isolate U+2066..2069', 'Acme\u2066 \u2067x\u2069'),
  h('RLM', 'Acme\u200F'),
  h('zero-width space', 'Pay\u200BPal'),
  h('zero-width joiner', 'Acme\u200DCorp', 'Acme\u200DCorp'), // scripts and emoji need ZWJ; the display-name linter flags it
  h('BOM inside', 'Acme\uFEFFCorp'),
  h('word joiner', 'Acme\u2060Corp'),
  h('soft hyphen', 'Pay\u00ADPal'), // invisible: "Pay\u00ADPal" shows as PayPal
  h('NUL', 'Acme\u0000Corp'),
  h('BEL + ESC (terminal escape)', 'Acme\u0007\u001B[31mRED'),
  h('CRLF header injection', 'Acme\r\nBcc: x@y.z', REFUSED, 'Acme Bcc: x@y.z'), // refused where typed; folded in a CSV cell
  h('DEL', 'Acme\u007F'),
  h('C1 control', 'Acme\u0085Corp'),
  h('10k chars', 'N'.repeat(10_000)),
  h('only spaces', '    '),
  h('empty', ''),
  h('emoji', 'Acme 🚀 Corp', 'Acme 🚀 Corp'),
  h('combining marks (zalgo)', 'A\u0301\u0302\u0303\u0304\u0305cme', 'A\u0301\u0302\u0303\u0304\u0305cme'),
  h('SQL-ish', "Robert'); DROP TABLE tenants;--", "Robert'); DROP TABLE tenants;--"),
  h('HTML', '<script>alert(1)</script>', '<script>alert(1)</script>'), // text, escaped wherever it is shown
  h('formula', '=HYPERLINK("http://evil.example","x")', '=HYPERLINK("http://evil.example","x")'), // neutralised on CSV export
  h('non-UTF-8 decoded (U+FFFD)', Buffer.from([0x41, 0xc3, 0x28, 0xff]).toString('utf8')), // text that was not decoded right
  h('lone surrogate', 'Acme\uDC00'), // not Unicode text at all
];

/**
 * JSON oddities, parsed with JSON.parse so `__proto__` is an own key as it would be off the wire. `create` is the
 * decided outcome of `tenants.create` with it: ACCEPTED (unknown keys are dropped, nothing is polluted, status and
 * id are Behalf's own) or REFUSED (`input.invalid`). `settings.update` refuses every one of them: its patch is
 * strict (unknown keys are an error there, so a typo cannot pass as a saved setting).
 */
export const ACCEPTED = 'accepted';
export const HOSTILE_JSON: { label: string; json: string; create?: typeof ACCEPTED }[] = [
  { label: '__proto__ pollution', json: '{"__proto__":{"polluted":"yes"},"name":"P","domain":"proto.com"}', create: ACCEPTED },
  { label: 'constructor.prototype pollution', json: '{"constructor":{"prototype":{"polluted":"yes"}},"name":"C","domain":"ctor.com"}', create: ACCEPTED },
  { label: 'array where an object is expected', json: '[{"name":"A","domain":"a.com"}]' },
  { label: 'string where an object is expected', json: '"tenants"' },
  { label: 'number where an object is expected', json: '42' },
  { label: 'null', json: 'null' },
  { label: 'true', json: 'true' },
  { label: 'huge number', json: '{"name":"H","domain":"h.com","option":1e308}' },
  { label: 'overflowing number (Infinity)', json: '{"name":"H","domain":"h.com","option":1e400}' },
  { label: 'NaN-ish string', json: '{"name":"H","domain":"h.com","option":"NaN"}' },
  { label: 'Infinity-ish string', json: '{"name":"H","domain":"h.com","option":"Infinity"}' },
  { label: 'negative zero', json: '{"name":"H","domain":"h.com","option":-0}' },
  { label: 'option as float', json: '{"name":"H","domain":"h.com","option":1.5}' },
  { label: 'name as array', json: '{"name":["A"],"domain":"h.com"}' },
  { label: 'name as object', json: '{"name":{"toString":"x"},"domain":"h.com"}' },
  { label: 'domain as number', json: '{"name":"H","domain":12345}' },
  { label: 'tags as string', json: '{"name":"H","domain":"h.com","tags":"a,b"}' },
  { label: 'tags nested arrays', json: '{"name":"H","domain":"h.com","tags":[["a"]]}' },
  { label: '21 tags', json: JSON.stringify({ name: 'H', domain: 'h.com', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }) },
  { label: 'deep nesting (5,000 levels)', json: `{"name":"D","domain":"d.com","notes":${'['.repeat(5000)}${']'.repeat(5000)}}` },
  { label: 'deep nesting in an unknown key', json: `{"name":"D","domain":"d.com","extra":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`, create: ACCEPTED },
  { label: 'notes over 10k', json: JSON.stringify({ name: 'N', domain: 'n.com', notes: 'x'.repeat(10_001) }) },
  { label: 'status smuggled into create', json: '{"name":"S","domain":"s.com","status":"live","id":"t_forged"}', create: ACCEPTED },
];

/** Non-UTF-8 byte sequences (invalid lead bytes, overlongs, surrogates encoded, truncated sequences). */
export const NON_UTF8: { label: string; bytes: Buffer }[] = [
  { label: 'lone continuation bytes', bytes: Buffer.from([0x80, 0x81, 0xbf]) },
  { label: 'overlong slash', bytes: Buffer.from([0xc0, 0xaf]) },
  { label: 'encoded surrogate', bytes: Buffer.from([0xed, 0xa0, 0x80]) },
  { label: 'truncated 3-byte sequence', bytes: Buffer.from([0xe2, 0x82]) },
  { label: 'latin-1 umlaut', bytes: Buffer.from([0x62, 0xfc, 0x63, 0x68, 0x65, 0x72]) },
  { label: 'UTF-16LE BOM', bytes: Buffer.from([0xff, 0xfe, 0x61, 0x00]) },
];

export const OVERLONG: Hostile[] = [h('1 MB string', 'x'.repeat(1024 * 1024)), h('100k multibyte chars', 'ü'.repeat(100_000))];

/** True when the value has characters a single-line human-readable field must never hold. */
export function hasUnsafeChars(s: string): boolean {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return /[\u0000-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/.test(s);
}
