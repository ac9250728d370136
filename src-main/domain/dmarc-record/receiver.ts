import { DMARC_POLICIES, isDmarcRecord, splitDmarcTags, type AlignmentMode, type DmarcPolicy } from './tags';

/**
 * A published DMARC record read as a receiver applies it (RFC 7489 §6.3, with RFC 9989's np and t): defaults
 * filled in, what makes receivers ignore or misread it as errors. The DNS check and the option-2 verdict use it.
 * The text is read by `splitDmarcTags`, like the publisher's check (`check.ts`).
 */

export type DmarcDisposition = DmarcPolicy;
export type Alignment = AlignmentMode;

export interface DmarcRecord {
  p: DmarcDisposition | null;
  sp: DmarcDisposition | null;
  np: DmarcDisposition | null;
  adkim: Alignment;
  aspf: Alignment;
  rua: string[];
  ruf: string[];
  /** RFC 7489 sampling; RFC 9989 drops it, so it is reported but never recommended. */
  pct: number | null;
  /** RFC 9989 test mode (t=y). */
  t: 'y' | 'n';
  fo: string | null;
  /** Every tag as written (lower-cased names), unknown ones included. */
  tags: Record<string, string>;
}

export interface DmarcParse {
  record: DmarcRecord;
  /** Problems that make receivers ignore or misread the record → cause dmarc-invalid. */
  errors: string[];
  /** Legal but worth telling staff (pct, unknown tags). */
  warnings: string[];
}

const KNOWN = new Set(['v', 'p', 'sp', 'np', 'adkim', 'aspf', 'rua', 'ruf', 'pct', 't', 'fo', 'rf', 'ri', 'psd']);

function uris(value: string, tag: string, errors: string[]): string[] {
  const list = value
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  for (const u of list) {
    if (!/^(mailto:[^@\s]+@[^@\s]+|https?:\/\/\S+)$/i.test(u.replace(/!\d+[kmgt]?$/i, ''))) {
      errors.push(`${tag}=${u} is not a mailto: address`);
    }
  }
  return list;
}

export function parseDmarc(text: string): DmarcParse {
  const errors: string[] = [];
  const warnings: string[] = [];
  const { tags, stray } = splitDmarcTags(text);
  const record: DmarcRecord = { p: null, sp: null, np: null, adkim: 'r', aspf: 'r', rua: [], ruf: [], pct: null, t: 'n', fo: null, tags: {} };
  if (!isDmarcRecord(text)) errors.push('the record does not start with v=DMARC1');
  for (const s of stray) errors.push(`"${s}" is not a tag=value pair`);
  for (const { name, value } of tags) {
    if (name in record.tags) errors.push(`${name}= appears twice`);
    record.tags[name] = value;
    const lower = value.toLowerCase();
    switch (name) {
      case 'p':
      case 'sp':
      case 'np':
        if ((DMARC_POLICIES as readonly string[]).includes(lower)) record[name] = lower as DmarcDisposition;
        else errors.push(`${name}=${value} is not none, quarantine or reject`);
        break;
      case 'adkim':
      case 'aspf':
        if (lower === 'r' || lower === 's') record[name] = lower;
        else errors.push(`${name}=${value} is not r or s`);
        break;
      case 'rua':
      case 'ruf':
        record[name] = uris(value, name, errors);
        break;
      case 'pct': {
        const n = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
        if (Number.isInteger(n) && n >= 0 && n <= 100) record.pct = n;
        else errors.push(`pct=${value} is not a number from 0 to 100`);
        if (record.pct !== null && record.pct !== 100) warnings.push('pct is dropped by RFC 9989; many receivers apply the full policy');
        break;
      }
      case 't':
        if (lower === 'y' || lower === 'n') record.t = lower;
        else errors.push(`t=${value} is not y or n`);
        break;
      case 'fo':
        record.fo = value;
        break;
      default:
        if (!KNOWN.has(name)) warnings.push(`unknown tag ${name}= is ignored by receivers`);
    }
  }
  if (record.p === null && !('p' in record.tags)) errors.push('there is no p= policy tag');
  return { record, errors, warnings };
}

/** What a receiver applies from a record: p for the domain itself, sp for subdomains, np for non-existent ones. */
export function dispositionFor(record: DmarcRecord, scope: 'domain' | 'subdomain' | 'non-existent'): DmarcDisposition {
  const p = record.p ?? 'none'; // absent/invalid p: receivers fall back to monitoring only
  if (scope === 'domain') return p;
  if (scope === 'subdomain') return record.sp ?? p;
  return record.np ?? record.sp ?? p;
}
