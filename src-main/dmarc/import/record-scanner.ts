import type { RepairLog } from './repairs';
import type { ReportRow } from './report-types';

/** One `<record>` as it is read, before its values are checked. Shared by the fast scanner and the saxes path. */
export interface RowDraft {
  sourceIp: string;
  countText: string;
  disposition: string;
  dkim: string;
  spf: string;
  reasons: string[];
  headerFrom: string;
  envelopeFrom: string;
  envelopeTo: string;
  dkimAuth: ReportRow['dkimAuth'];
  spfAuth: ReportRow['spfAuth'];
  pendingDkim: ReportRow['dkimAuth'][number];
  pendingSpf: ReportRow['spfAuth'][number];
  /** What was tolerated in this row (ROW_* bits), turned into the report's repair notes by the parser. */
  flags: number;
  /** reasons.length when the current <reason> opened: an empty <reason> adds none. */
  reasonStart: number;
}

/** A result word not in lower case (`Pass`, `FAIL`): RFC 7489 App. C's tokens are lower case. */
export const ROW_CASE = 1;
/** A `<reason>` with no (or an empty) `<type>`. */
export const ROW_EMPTY_REASON = 2;
/** A draft-era element name (`<identities>` for `<identifiers>`). */
export const ROW_DRAFT = 4;

/** The notes for what a row's flags say was tolerated (RepairLog keeps the first of each, naming where it was). */
export function noteRowFlags(repairs: RepairLog, flags: number, where: string): void {
  if (flags & ROW_CASE) {
    repairs.add(
      'dmarc.repair.result-case',
      `Result words were not in lower case (first in ${where}); RFC 7489 App. C defines lower-case tokens, so they were read as such.`,
      'row',
    );
  }
  if (flags & ROW_EMPTY_REASON) repairs.add('dmarc.repair.reason-empty', `An empty <reason> (first in ${where}) was ignored.`, 'row');
  if (flags & ROW_DRAFT) repairs.add('dmarc.repair.draft-element', `Draft-era <identities> (first in ${where}) was read as <identifiers>.`, 'row');
}

/** Lower-cases a result token, flagging the row when the reporter did not. */
export function token(row: RowDraft, value: string): string {
  const lower = value.toLowerCase();
  if (lower !== value) row.flags |= ROW_CASE;
  return lower;
}

/** A reason type; an empty one is dropped (and flagged) rather than stored as "". */
export function pushReason(row: RowDraft, value: string): void {
  if (value) row.reasons.push(value.toLowerCase());
}

/** A `<reason>` closed: it said nothing when no type was added since it opened. */
export function closeReason(row: RowDraft): void {
  if (row.reasons.length === row.reasonStart) row.flags |= ROW_EMPTY_REASON;
}

export function emptyRow(): RowDraft {
  return {
    sourceIp: '',
    countText: '',
    disposition: '',
    dkim: '',
    spf: '',
    reasons: [],
    headerFrom: '',
    envelopeFrom: '',
    envelopeTo: '',
    dkimAuth: [],
    spfAuth: [],
    pendingDkim: { domain: '', selector: '', result: '' },
    pendingSpf: { domain: '', scope: '', result: '' },
    flags: 0,
    reasonStart: 0,
  };
}

// RFC 9990 asks reporters for at most 100 signatures a row; more is kept out of memory and the ledger.
export function pushDkim(row: RowDraft): void {
  if (row.dkimAuth.length < 100) row.dkimAuth.push(row.pendingDkim);
  row.pendingDkim = { domain: '', selector: '', result: '' };
}

export function pushSpf(row: RowDraft): void {
  if (row.spfAuth.length < 100) row.spfAuth.push(row.pendingSpf);
  row.pendingSpf = { domain: '', scope: '', result: '' };
}

/*
 * Element ids inside <record>: the fixed aggregate schema as a tiny state machine, so a tag costs a switch
 * instead of building and hashing a path string. UNKNOWN (and everything under it) is ignored.
 */
const RECORD = 0,
  ROW = 1,
  SOURCE_IP = 2,
  COUNT = 3,
  POLICY = 4,
  DISPOSITION = 5,
  PE_DKIM = 6,
  PE_SPF = 7,
  REASON = 8,
  REASON_TYPE = 9,
  IDENTIFIERS = 10,
  HEADER_FROM = 11,
  ENVELOPE_FROM = 12,
  ENVELOPE_TO = 13,
  AUTH = 14,
  DKIM = 15,
  DKIM_DOMAIN = 16,
  DKIM_SELECTOR = 17,
  DKIM_RESULT = 18,
  SPF = 19,
  SPF_DOMAIN = 20,
  SPF_SCOPE = 21,
  SPF_RESULT = 22,
  UNKNOWN = 99,
  /** Marker only: opened as IDENTIFIERS after flagging the row (see scanRecord). */
  IDENTITIES = 98;

function child(parent: number, name: string): number {
  switch (parent) {
    case RECORD:
      return name === 'row' ? ROW : name === 'identifiers' ? IDENTIFIERS : name === 'auth_results' ? AUTH : name === 'identities' ? IDENTITIES : UNKNOWN;
    case ROW:
      return name === 'source_ip' ? SOURCE_IP : name === 'count' ? COUNT : name === 'policy_evaluated' ? POLICY : UNKNOWN;
    case POLICY:
      return name === 'disposition' ? DISPOSITION : name === 'dkim' ? PE_DKIM : name === 'spf' ? PE_SPF : name === 'reason' ? REASON : UNKNOWN;
    case REASON:
      return name === 'type' ? REASON_TYPE : UNKNOWN;
    case IDENTIFIERS:
      return name === 'header_from' ? HEADER_FROM : name === 'envelope_from' ? ENVELOPE_FROM : name === 'envelope_to' ? ENVELOPE_TO : UNKNOWN;
    case AUTH:
      return name === 'dkim' ? DKIM : name === 'spf' ? SPF : UNKNOWN;
    case DKIM:
      return name === 'domain' ? DKIM_DOMAIN : name === 'selector' ? DKIM_SELECTOR : name === 'result' ? DKIM_RESULT : UNKNOWN;
    case SPF:
      return name === 'domain' ? SPF_DOMAIN : name === 'scope' ? SPF_SCOPE : name === 'result' ? SPF_RESULT : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

/** Stores a leaf's (trimmed) text; false when `id` is not a leaf. Same rules as the saxes path's `leaf`. */
function setLeaf(row: RowDraft, id: number, value: string): boolean {
  switch (id) {
    case SOURCE_IP:
      row.sourceIp = value.toLowerCase();
      return true;
    case COUNT:
      row.countText = value;
      return true;
    case DISPOSITION:
      row.disposition = token(row, value);
      return true;
    case PE_DKIM:
      row.dkim = token(row, value);
      return true;
    case PE_SPF:
      row.spf = token(row, value);
      return true;
    case REASON_TYPE:
      pushReason(row, value);
      return true;
    case HEADER_FROM:
      row.headerFrom = value.toLowerCase();
      return true;
    case ENVELOPE_FROM:
      row.envelopeFrom = value.toLowerCase();
      return true;
    case ENVELOPE_TO:
      row.envelopeTo = value.toLowerCase();
      return true;
    case DKIM_DOMAIN:
      row.pendingDkim.domain = value.toLowerCase();
      return true;
    case DKIM_SELECTOR:
      row.pendingDkim.selector = value;
      return true;
    case DKIM_RESULT:
      row.pendingDkim.result = token(row, value);
      return true;
    case SPF_DOMAIN:
      row.pendingSpf.domain = value.toLowerCase();
      return true;
    case SPF_SCOPE:
      row.pendingSpf.scope = value.toLowerCase();
      return true;
    case SPF_RESULT:
      row.pendingSpf.result = token(row, value);
      return true;
    default:
      return false;
  }
}

/*
 * What the fast path accepts: printable ASCII, tabs and line breaks only — so no entity or character reference
 * (no '&'), no non-ASCII (which saxes checks against the XML Char rules), no "]]>" in text. The ASCII characters it
 * does not accept: C0 controls but tab, LF and CR; '&'; DEL.
 */
const NOT_PLAIN_ASCII = Array.from({ length: 32 }, (_, c) => c)
  .filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d)
  .concat(0x26, 0x7f)
  .map((c) => String.fromCharCode(c));

/**
 * Is all of `s` in the plain subset `scanRecord` reads? One test of a whole piece spares one per record. Searches,
 * not a regular expression over every character: a string is all ASCII when its UTF-8 length is its length (a
 * count Node makes with SIMD instructions), and each search for one character is a memchr. That is ~3× faster than
 * `/^[\t\n\r\x20-\x25\x27-\x7e]*$/`, which took ~0.13 s of a 113 MB report's import thread (P3, issue #17).
 */
export function isPlain(s: string): boolean {
  if (Buffer.byteLength(s, 'utf8') !== s.length) return false;
  for (let k = 0; k < NOT_PLAIN_ASCII.length; k++) if (s.includes(NOT_PLAIN_ASCII[k]!)) return false;
  return !s.includes(']]>');
}

const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

/** `scanRecord`'s answer when the record uses something beyond the plain subset: saxes reads it instead. */
export const DECLINED = -1;
/** `scanRecord`'s answer when the text ends before the record does. */
export const INCOMPLETE = -2;

/** The record `scanRecord` read last, when it returned an end. */
export interface ScannedRecord {
  draft: RowDraft;
}

/**
 * Reads the `<record>…</record>` that starts at `s[start]` into `out.draft`, and returns the index right after its
 * `</record>`; or DECLINED when the record uses anything beyond the plain subset of XML that real reports use
 * (attributes, namespace prefixes, comments, CDATA, references, odd nesting), or INCOMPLETE when `s` ends inside it
 * (a record cut inside a tag may be DECLINED instead: the caller then finds no `</record>` and waits all the same).
 * The caller hands declined records to saxes, which stays the judge of everything unusual; what this accepts is
 * well-formed by construction (names checked, every end tag matches its start tag). The characters themselves are
 * the caller's check (`isPlain`), on the record or on the whole piece it sits in: one pass less over every record.
 */
export function scanRecord(s: string, start: number, maxTextChars: number, out: ScannedRecord): number {
  const row = emptyRow();
  const names: string[] = [];
  const ids: number[] = [];
  const len = s.length;
  let i = start;
  let textStart = -1; // where the current innermost element's text began (-1: it has had a child element)
  for (;;) {
    const lt = s.indexOf('<', i);
    if (lt < 0 || lt + 1 === len) return INCOMPLETE; // no tag left, or the text ends right after its '<'
    if (s.charCodeAt(lt + 1) === 47 /* / */) {
      const name = names.pop();
      const id = ids.pop();
      // A slice compared with `===`, not `startsWith(name, lt + 2)`: V8 calls out to a builtin for startsWith with a
      // name that is not a constant, which took a third of this function's time; the short copy costs less (issue #17).
      if (name === undefined || id === undefined || s.slice(lt + 2, lt + 2 + name.length) !== name) return DECLINED;
      let j = lt + 2 + name.length;
      while (j < len && isSpace(s.charCodeAt(j))) j++;
      if (j === len) return INCOMPLETE;
      if (s.charCodeAt(j) !== 62 /* > */) return DECLINED;
      if (!closeElement(row, id, textStart < 0 ? undefined : s.slice(textStart, lt), maxTextChars)) return DECLINED;
      textStart = -1;
      i = j + 1;
      if (names.length === 0) {
        out.draft = row;
        return i;
      }
      continue;
    }
    const parent = ids.length === 0 ? -1 : ids[ids.length - 1]!;
    // A leaf that holds an element: the saxes path would drop its text; leave such oddities to it.
    if (parent !== -1 && isLeaf(parent)) return DECLINED;
    const gt = s.indexOf('>', lt + 1);
    if (gt < 0) return INCOMPLETE;
    // Nearly every start tag is exactly `<name>` of a name the schema has there: then the name needs no check of its
    // characters (a search for '>' costs far less than a step per character).
    let name = s.slice(lt + 1, gt);
    let id = parent === -1 ? (name === 'record' ? RECORD : UNKNOWN) : child(parent, name);
    let selfClosing = false;
    if (id === UNKNOWN) {
      let j = lt + 1;
      if (!isNameStart(s.charCodeAt(j))) return DECLINED; // <!-- --> <![CDATA[ <? … : saxes' business
      while (j < gt && isNameChar(s.charCodeAt(j))) j++;
      const nameEnd = j;
      while (j < gt && isSpace(s.charCodeAt(j))) j++;
      selfClosing = j < gt && s.charCodeAt(j) === 47;
      if (selfClosing) j++;
      if (j !== gt) return DECLINED; // attributes, prefixes (':') and the like
      if (nameEnd !== gt) name = s.slice(lt + 1, nameEnd);
      if (parent === -1) {
        if (name !== 'record') return DECLINED;
        id = RECORD;
      } else {
        id = child(parent, name);
      }
    }
    if (id === IDENTITIES) {
      row.flags |= ROW_DRAFT;
      id = IDENTIFIERS;
    }
    if (id === REASON) row.reasonStart = row.reasons.length;
    i = gt + 1;
    if (selfClosing) {
      if (parent === -1) return DECLINED; // <record/>
      if (!closeElement(row, id, '', maxTextChars)) return DECLINED;
      textStart = -1;
      continue;
    }
    names.push(name);
    ids.push(id);
    textStart = i;
  }
}

const LEAF_IDS = [
  SOURCE_IP,
  COUNT,
  DISPOSITION,
  PE_DKIM,
  PE_SPF,
  REASON_TYPE,
  HEADER_FROM,
  ENVELOPE_FROM,
  ENVELOPE_TO,
  DKIM_DOMAIN,
  DKIM_SELECTOR,
  DKIM_RESULT,
  SPF_DOMAIN,
  SPF_SCOPE,
  SPF_RESULT,
].reduce((mask, id) => mask | (1 << id), 0);

function isLeaf(id: number): boolean {
  return id < 31 && (LEAF_IDS & (1 << id)) !== 0;
}

/** `text` is undefined when the element held child elements (then it is not a leaf value). */
function closeElement(row: RowDraft, id: number, text: string | undefined, maxTextChars: number): boolean {
  if (text !== undefined) {
    if (text.length > maxTextChars) return false; // let the saxes path refuse it with its message
    setLeaf(row, id, text.trim());
  }
  if (id === DKIM) pushDkim(row);
  else if (id === SPF) pushSpf(row);
  else if (id === REASON) closeReason(row);
  return true;
}
