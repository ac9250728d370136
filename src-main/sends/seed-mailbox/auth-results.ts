import { organisationalDomain } from '../../domain/org-domain';
import type { ReceivedAuth } from '../../../src-preload/api/sends';

/**
 * Authentication-Results (RFC 8601) as receivers write them. No maintained parser is installed (mailauth would
 * be one; see docs/sends.md), so this follows the RFC's grammar closely:
 *
 *   authres-payload = [CFWS] authserv-id [CFWS authres-version] ( no-result / 1*resinfo ) [CFWS]
 *   resinfo         = [CFWS] ";" methodspec [CFWS reasonspec] [CFWS 1*propspec]
 *   methodspec      = method ["/" version] "=" result;   propspec = ptype "." property "=" pvalue
 *
 * Comments (nested, with quoted-pairs) are removed, quoted strings kept whole, whitespace around "=", "/" and
 * "." allowed. Shapes seen in the wild that bend the grammar are tolerated and written down in docs/sends.md:
 * no authserv-id at all (Microsoft: "spf=pass …; dkim=pass …"), a comment glued to a result ("pass(p=REJECT)",
 * Yahoo), a trailing ";", a version number after the authserv-id ("mx.example.org 1;").
 */

export interface ResInfo {
  method: string;
  result: string;
  /** "reason" and every ptype.property, lower-case keys ("smtp.mailfrom", "header.d"). */
  props: Record<string, string>;
}

export interface AuthResultsHeader {
  /** '' when the header has none (Microsoft's shape). Lower-case. */
  authservId: string;
  results: ResInfo[];
}

/** Removes RFC 5322 comments (nested; quoted-pairs inside), leaving quoted strings alone. */
function stripComments(s: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && (quoted || depth > 0)) {
      if (depth === 0) out += c + (s[i + 1] ?? '');
      i++;
      continue;
    }
    if (depth === 0 && c === '"') quoted = !quoted;
    if (!quoted && c === '(') {
      depth++;
      out += depth === 1 ? ' ' : '';
      continue;
    }
    if (!quoted && c === ')' && depth > 0) {
      depth--;
      continue;
    }
    if (depth === 0) out += c;
  }
  return out;
}

/** Splits on ";" outside quoted strings. */
function splitResinfo(s: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && quoted) {
      cur += c + (s[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts.map((p) => p.trim());
}

/** Tokens of one resinfo: words, "=", and quoted strings (unquoted, quoted-pairs resolved). */
function tokens(s: string): string[] {
  const out: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|(=)|([^\s="]+))/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    if (m[1] !== undefined) out.push(m[1].replace(/\\(.)/g, '$1'));
    else out.push(m[2] ?? m[3]!);
    if (re.lastIndex >= s.length) break;
  }
  return out;
}

function parseResinfo(text: string): ResInfo | null {
  const t = tokens(text);
  if (t.length < 3 || t[1] !== '=') return null;
  const method = t[0]!.split('/')[0]!.toLowerCase(); // "dkim/1": the method's version is not needed
  const result = t[2]!.toLowerCase();
  const props: Record<string, string> = {};
  let i = 3;
  while (i < t.length) {
    if (t[i + 1] === '=' && i + 2 < t.length) {
      props[t[i]!.toLowerCase()] = t[i + 2]!;
      i += 3;
    } else i++; // a stray word (some receivers add free text): skipped, not fatal
  }
  return { method, result, props };
}

/** One Authentication-Results header value (unfolded or not). */
export function parseAuthResults(value: string): AuthResultsHeader {
  const parts = splitResinfo(stripComments(value.replace(/\r?\n[ \t]+/g, ' ')));
  const head = parts[0] ?? '';
  // No authserv-id: the first part is already a result ("spf=pass …"), Microsoft's shape.
  const hasId = head !== '' && !head.includes('=');
  const authservId = hasId ? head.split(/\s+/)[0]!.toLowerCase() : '';
  const results = (hasId ? parts.slice(1) : parts)
    .filter((p) => p !== '' && p.toLowerCase() !== 'none')
    .map(parseResinfo)
    .filter((r): r is ResInfo => r !== null);
  return { authservId, results };
}

/** The domain of "user@domain", "@domain" or "domain", lower-case, without a trailing dot. */
export function domainOf(v: string | undefined): string {
  if (!v) return '';
  const d = v.includes('@') ? v.slice(v.lastIndexOf('@') + 1) : v;
  return d
    .trim()
    .replace(/[>.]+$/, '')
    .toLowerCase();
}

/**
 * The receiver's verdict from the headers Behalf trusts: only those whose authserv-id is `trusted` (a header a
 * sender or an earlier hop added cannot speak for the receiver, RFC 8601 §5). `trusted` '' or 'none' trusts the
 * headers without an authserv-id (Microsoft). The topmost trusted header wins when a receiver added several.
 * `fromHeader` is the message's From, used when DMARC gave no header.from.
 */
export function receivedAuth(headerValues: readonly string[], trusted: string, fromHeader = ''): ReceivedAuth | null {
  const want = trusted.trim().toLowerCase() === 'none' ? '' : trusted.trim().toLowerCase();
  const mine = headerValues.map(parseAuthResults).filter((h) => h.authservId === want);
  if (mine.length === 0) return null;
  const results = mine.flatMap((h) => h.results);
  const first = (method: string) => results.find((r) => r.method === method);
  const spf = first('spf');
  const dmarc = first('dmarc');
  const dkim = results
    .filter((r) => r.method === 'dkim')
    .map((r) => ({
      result: r.result,
      domain: domainOf(r.props['header.d'] ?? r.props['header.i']),
      selector: (r.props['header.s'] ?? '').toLowerCase(),
    }));
  const fromAddr = /<([^>]*)>/.exec(fromHeader)?.[1] ?? fromHeader;
  const fromDomain = domainOf(dmarc?.props['header.from']) || domainOf(fromAddr);
  return {
    authservId: mine[0]!.authservId,
    spf: spf ? { result: spf.result, domain: domainOf(spf.props['smtp.mailfrom'] ?? spf.props['smtp.helo']) } : null,
    dkim,
    dmarc: dmarc ? { result: dmarc.result, from: domainOf(dmarc.props['header.from']) } : null,
    fromDomain,
    dkimAligned:
      fromDomain === ''
        ? null
        : dkim.some((d) => d.result === 'pass' && d.domain !== '' && organisationalDomain(d.domain) === organisationalDomain(fromDomain)),
  };
}
