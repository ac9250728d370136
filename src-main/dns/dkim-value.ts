/**
 * Pure DKIM key-record logic: joining TXT strings, parsing tags, and judging an observed value against
 * the one Postmark gave. No DNS here.
 */

/** A TXT record arrives as character-strings of ≤255 bytes; the value is their concatenation, no separator. */
export function joinTxt(chunks: readonly string[]): string {
  return chunks.join('');
}

export function stripWhitespace(text: string): string {
  return text.replace(/\s+/g, '');
}

export interface DkimTags {
  tags: Record<string, string>;
  /** Segments that are not `name=value` (e.g. a key pasted without its `p=`). */
  stray: string[];
}

const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** RFC 6376 §3.2 tag-list: `name=value` separated by `;`, whitespace around both ignored. */
export function parseDkimTags(value: string): DkimTags {
  const tags: Record<string, string> = {};
  const stray: string[] = [];
  for (const segment of value.split(';')) {
    const trimmed = segment.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    const name = eq < 0 ? '' : trimmed.slice(0, eq).trim();
    if (eq < 0 || !TAG_NAME.test(name)) {
      stray.push(trimmed);
      continue;
    }
    // Whitespace inside a value is folding, not content (keys are often pasted with line breaks).
    tags[name] = stripWhitespace(trimmed.slice(eq + 1));
  }
  return { tags, stray };
}

/** The public key (p=) with whitespace removed, or null when the value has no p= tag. */
export function dkimKey(value: string): string | null {
  const { tags } = parseDkimTags(value);
  return tags.p ?? null;
}

/** Canonical form for comparing two records: tags as parsed, whitespace gone. */
export function normaliseDkimValue(value: string): string {
  const { tags, stray } = parseDkimTags(unquote(value));
  const parts = Object.entries(tags).map(([k, v]) => `${k}=${v}`);
  return [...parts, ...stray.map(stripWhitespace)].join(';');
}

/** Removes quote characters a panel stored as data (`"k=rsa; p=…"` pasted into a field that quotes itself). */
export function unquote(value: string): string {
  return value.replace(/\\?"/g, '');
}

export function hasLiteralQuotes(value: string): boolean {
  return value.includes('"');
}

export function looksLikeDkim(value: string): boolean {
  return /(^|;)\s*(v\s*=\s*DKIM1|k\s*=|p\s*=)/i.test(unquote(value)) || /^\s*"?\s*MI[A-Za-z0-9+/]{20}/.test(value);
}

export type DkimJudgement = { cause: 'ok'; detail: string } | { cause: 'dkim-mismatch' | 'dkim-truncated' | 'dkim-quoted' | 'dkim-malformed'; detail: string };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const TXT_STRING_MAX = 255;

/**
 * Judges one published DKIM value. `chunks` are the raw TXT strings (to spot a value cut at 255 bytes);
 * `expected` is Postmark's value, when known. Order matters: quotes first (their fix is different and
 * they also break every later test), then truncation before "malformed" (a cut key is rarely valid base64).
 */
export function judgeDkim(chunks: readonly string[], expected?: string): DkimJudgement {
  const observed = joinTxt(chunks);
  const expectedKey = expected === undefined ? null : dkimKey(unquote(expected));
  if (hasLiteralQuotes(observed)) {
    const key = dkimKey(unquote(observed));
    const alsoDiffers = expectedKey !== null && key !== expectedKey;
    return {
      cause: 'dkim-quoted',
      detail: alsoDiffers ? 'the value contains quote characters and the key also differs' : 'the value contains quote characters',
    };
  }
  const { tags, stray } = parseDkimTags(observed);
  const key = tags.p;
  if (key === undefined) {
    return { cause: 'dkim-malformed', detail: stray.length > 0 ? 'the key has no "p=" in front of it' : 'there is no p= key in the value' };
  }
  if (key === '') return { cause: 'dkim-malformed', detail: 'the key is empty (p= with nothing after it means "revoked")' };
  if (expectedKey !== null && key !== expectedKey && key.length < expectedKey.length && expectedKey.startsWith(key)) {
    return { cause: 'dkim-truncated', detail: `only ${key.length} of ${expectedKey.length} key characters are published` };
  }
  if (tags.v !== undefined && tags.v !== 'DKIM1') return { cause: 'dkim-malformed', detail: `v=${tags.v} is not v=DKIM1` };
  if (tags.k !== undefined && !['rsa', 'ed25519'].includes(tags.k.toLowerCase())) {
    return { cause: 'dkim-malformed', detail: `k=${tags.k} is not a key type receivers know` };
  }
  if (stray.length > 0) return { cause: 'dkim-malformed', detail: `unexpected text "${stray[0]}" in the value` };
  const cutAt255 = chunks.length === 1 && Buffer.byteLength(chunks[0] ?? '') === TXT_STRING_MAX;
  if (expectedKey === null && cutAt255 && key.length % 4 !== 0) {
    return { cause: 'dkim-truncated', detail: 'the value stops at exactly 255 bytes and the key is incomplete' };
  }
  if (!BASE64.test(key)) return { cause: 'dkim-malformed', detail: 'the key contains characters that are not base64' };
  if (expectedKey !== null && key !== expectedKey) {
    return cutAt255
      ? { cause: 'dkim-truncated', detail: 'the value stops at exactly 255 bytes and differs from the expected key' }
      : { cause: 'dkim-mismatch', detail: "a different key is published (an old or another provider's key?)" };
  }
  return { cause: 'ok', detail: expectedKey === null ? 'a well-formed key is published' : 'the published key matches' };
}
