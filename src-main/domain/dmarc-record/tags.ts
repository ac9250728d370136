/**
 * The one reading and writing of a DMARC record's text (issue #16: it was parsed in six places).
 * RFC 7489 §6.4 (and RFC 9989): a record is a list of `tag=value` separated by `;`; whitespace around tags, `=`
 * and `;` means nothing; tag names are case-insensitive (kept lower case here), values keep their case; a
 * trailing `;` is allowed. §6.6.3: a TXT record at `_dmarc` whose first tag is not `v=DMARC1` is not a DMARC
 * record at all and is discarded. Unknown tags are kept (receivers ignore them; the checks say so).
 * Pure: no DNS, no I/O.
 */

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';
export type AlignmentMode = 'r' | 's';

export interface DmarcTag {
  name: string;
  value: string;
}

export interface DmarcTagList {
  /** Every tag as written, in order, duplicates included: names lower-cased, values trimmed. */
  tags: DmarcTag[];
  /** Non-empty segments without a `name=`: never dropped silently, the checks report them. */
  stray: string[];
}

export const DMARC_POLICIES: readonly DmarcPolicy[] = ['none', 'quarantine', 'reject'];

/** Splits `v=DMARC1; p=reject; rua=mailto:…` into its tags. Never throws. */
export function splitDmarcTags(text: string): DmarcTagList {
  const tags: DmarcTag[] = [];
  const stray: string[] = [];
  for (const part of text.split(';')) {
    const seg = part.trim();
    if (seg === '') continue; // a trailing ";" (allowed) or ";;" (harmless)
    const eq = seg.indexOf('=');
    if (eq <= 0) stray.push(seg);
    else tags.push({ name: seg.slice(0, eq).trim().toLowerCase(), value: seg.slice(eq + 1).trim() });
  }
  return { tags, stray };
}

/**
 * True when the TXT value's first tag is v=DMARC1 (§6.6.3). Case and spacing are forgiven here, as receivers
 * do when they pick the record; the record checks (`checkDmarcRecord`) still flag a `v=dmarc1` spelling.
 */
export function isDmarcRecord(text: string): boolean {
  return /^\s*v\s*=\s*DMARC1\s*(;|$)/i.test(text);
}

/** The record's text from its tags, in the spelling Behalf publishes: `v=DMARC1; p=none; rua=…`. */
export function formatDmarcRecord(tags: readonly DmarcTag[]): string {
  return tags.map((t) => `${t.name}=${t.value}`).join('; ');
}

/** The first value of a tag (name in any case), or undefined. */
export function dmarcTagValue(text: string, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return splitDmarcTags(text).tags.find((t) => t.name === wanted)?.value;
}

/**
 * The `p=` of a DMARC record, lower case, or undefined when the text is not a DMARC record or has none.
 * Quotes from a zone-file or multi-string spelling (`"v=DMARC1; " "p=none"`) are ignored.
 */
export function dmarcPolicyOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const unquoted = text.replace(/"/g, '');
  if (!isDmarcRecord(unquoted)) return undefined;
  return dmarcTagValue(unquoted, 'p')?.toLowerCase() || undefined;
}

/** Tag-wise equality: quotes, spacing around `;`/`=` and tag-name case do not change a record's meaning. */
export function sameDmarcRecord(a: string, b: string): boolean {
  const norm = (v: string) => {
    const { tags, stray } = splitDmarcTags(v.replace(/"/g, ''));
    return `${formatDmarcRecord(tags)}|${stray.map((s) => s.toLowerCase()).join(';')}`;
  };
  return norm(a) === norm(b);
}

/** Splits a rua/ruf value on commas, trimming; empty items are dropped. */
export function splitUris(value: string): string[] {
  return value
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
}

/** `mailto:local@domain`, optionally with the RFC 7489 size limit suffix `!10m`: what Behalf accepts to publish. */
export function isValidReportUri(uri: string): boolean {
  return /^mailto:[^@\s,;!]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}(![0-9]+[kmgt]?)?$/i.test(uri);
}

/** The domain part of a `mailto:` report URI, lower-cased; undefined if it is not one. */
export function reportUriDomain(uri: string): string | undefined {
  if (!isValidReportUri(uri)) return undefined;
  const address = uri.slice('mailto:'.length).replace(/!.*$/, '');
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
