import { BehalfError } from '../../src-preload/api/errors';
import { canonicalName } from '../domain/domain-name';

/**
 * Reads a BIND zone fragment (what renderZone writes, and what a customer pastes back): $ORIGIN,
 * $TTL, comments, parentheses, omitted owner/TTL/class, quoted strings with \X and \DDD escapes.
 */

export interface ZoneRecord {
  /** Owner, fully qualified, lower case, no trailing dot. */
  name: string;
  ttl: number;
  type: string;
  /** TXT: strings joined without separators; CNAME: target without trailing dot; others: rdata as written. */
  value: string;
}

interface Token {
  text: string;
  quoted: boolean;
  /** Decoded bytes of a quoted string. */
  bytes?: Uint8Array;
}

interface Line {
  no: number;
  ownerOmitted: boolean;
  tokens: Token[];
}

const fail = (no: number, what: string) =>
  new BehalfError('sheet.zone-parse', `Zone fragment, line ${no}: ${what}.`, 'Check the quotes, parentheses and record type on that line.');

function readQuoted(text: string, start: number, no: number): { token: Token; end: number } {
  const bytes: number[] = [];
  const enc = new TextEncoder();
  let i = start + 1;
  while (i < text.length && text[i] !== '"') {
    const ch = text[i]!;
    if (ch === '\\') {
      const digits = /^\d{3}/.exec(text.slice(i + 1, i + 4));
      if (digits) {
        const n = Number(digits[0]);
        if (n > 255) throw fail(no, `escape \\${digits[0]} is not a byte`);
        bytes.push(n);
        i += 4;
        continue;
      }
      if (i + 1 >= text.length) break;
      bytes.push(...enc.encode(text[i + 1]!));
      i += 2;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const s = String.fromCodePoint(cp);
    bytes.push(...enc.encode(s));
    i += s.length;
  }
  if (i >= text.length) throw fail(no, 'a quoted string is not closed');
  return { token: { text: text.slice(start, i + 1), quoted: true, bytes: Uint8Array.from(bytes) }, end: i + 1 };
}

/** Splits the text into logical lines (parentheses join physical lines), dropping comments. */
function tokenize(text: string): Line[] {
  const lines: Line[] = [];
  let no = 1;
  let depth = 0;
  let current: Line | null = null;
  let atLineStart = true;
  for (let i = 0; i < text.length;) {
    const ch = text[i]!;
    if (ch === '\n') {
      no++;
      if (depth === 0 && current) {
        lines.push(current);
        current = null;
      }
      atLineStart = depth === 0;
      i++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      if (atLineStart && !current) current = { no, ownerOmitted: true, tokens: [] };
      atLineStart = false;
      i++;
      continue;
    }
    atLineStart = false;
    if (ch === ';') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    current ??= { no, ownerOmitted: false, tokens: [] };
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) throw fail(no, 'a ")" has no matching "("');
      depth--;
    } else if (ch === '"') {
      const { token, end } = readQuoted(text, i, no);
      current.tokens.push(token);
      no += token.text.split('\n').length - 1;
      i = end;
      continue;
    } else {
      let j = i;
      while (j < text.length && !/[\s;()"]/.test(text[j]!)) j += text[j] === '\\' ? 2 : 1;
      current.tokens.push({ text: text.slice(i, j), quoted: false });
      i = j;
      continue;
    }
    i++;
  }
  if (depth !== 0) throw fail(no, 'a "(" is not closed');
  if (current) lines.push(current);
  return lines.filter((l) => l.tokens.length > 0);
}

function absolute(name: string, origin: string | undefined, no: number): string {
  const n = name.toLowerCase();
  if (n === '@') {
    if (origin === undefined) throw fail(no, '"@" used before $ORIGIN');
    return origin;
  }
  if (n.endsWith('.')) return n.slice(0, -1);
  if (origin === undefined) throw fail(no, `relative name "${name}" used before $ORIGIN`);
  return origin === '' ? n : `${n}.${origin}`;
}

const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** 3600, or BIND's 1h / 1h30m; undefined when the token is not a TTL. */
function parseTtl(token: string): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  if (!/^(\d+[smhdw])+$/i.test(token)) return undefined;
  let total = 0;
  for (const m of token.toLowerCase().matchAll(/(\d+)([smhdw])/g)) total += Number(m[1]) * TTL_UNITS[m[2]!]!;
  return total;
}

const CLASSES = new Set(['IN', 'CH', 'HS']);

export function parseZoneFragment(text: string, options: { origin?: string } = {}): ZoneRecord[] {
  let origin = options.origin === undefined ? undefined : canonicalName(options.origin);
  let defaultTtl: number | undefined;
  let lastOwner: string | undefined;
  let lastTtl: number | undefined;
  const out: ZoneRecord[] = [];
  const decoder = new TextDecoder();

  for (const line of tokenize(text)) {
    const t = line.tokens;
    const first = t[0]!.text;
    if (!line.ownerOmitted && first.startsWith('$')) {
      const arg = t[1]?.text;
      // A relative $ORIGIN extends the current one (as in BIND); with no current origin it is taken as complete.
      if (first.toUpperCase() === '$ORIGIN' && arg)
        origin = absolute(arg.endsWith('.') || origin === undefined ? arg.replace(/\.?$/, '.') : arg, origin, line.no);
      else if (first.toUpperCase() === '$TTL' && arg && parseTtl(arg) !== undefined) defaultTtl = parseTtl(arg);
      else throw fail(line.no, `unsupported or incomplete directive ${first}`);
      continue;
    }
    let i = 0;
    let owner: string;
    if (line.ownerOmitted) {
      if (lastOwner === undefined) throw fail(line.no, 'the first record has no owner name');
      owner = lastOwner;
    } else {
      owner = absolute(t[0]!.text, origin, line.no);
      i = 1;
    }
    let ttl: number | undefined;
    for (let k = 0; k < 2 && i < t.length; k++) {
      const word = t[i]!.text;
      const asTtl = parseTtl(word);
      if (asTtl !== undefined && ttl === undefined) ttl = asTtl;
      else if (!CLASSES.has(word.toUpperCase())) break;
      i++;
    }
    const type = t[i]?.text.toUpperCase();
    if (!type || t[i]!.quoted) throw fail(line.no, 'the record type is missing');
    const rdata = t.slice(i + 1);
    if (rdata.length === 0) throw fail(line.no, `the ${type} record has no data`);
    ttl ??= defaultTtl ?? lastTtl;
    if (ttl === undefined) throw fail(line.no, 'no TTL given and no $TTL before it');

    let value: string;
    if (type === 'TXT') {
      const parts = rdata.map((tok) => tok.bytes ?? new TextEncoder().encode(tok.text));
      const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        joined.set(p, at);
        at += p.length;
      }
      value = decoder.decode(joined);
    } else if (type === 'CNAME') {
      if (rdata.length !== 1) throw fail(line.no, 'a CNAME has exactly one target');
      value = absolute(rdata[0]!.text, origin, line.no);
    } else {
      value = rdata.map((tok) => tok.text).join(' ');
    }
    out.push({ name: owner, ttl, type, value });
    lastOwner = owner;
    lastTtl = ttl;
  }
  return out;
}
