import { DMARC_POLICIES, splitDmarcTags, splitUris, isValidReportUri, type DmarcTag } from './tags';

/**
 * A DMARC record checked as Behalf would publish it: its tags, with every problem a person should fix (the
 * record builder, the diff against what is published, the DMARC screen). Follows RFC 9989 (DMARCbis) and still
 * reads RFC 7489 records, flagging what 9989 dropped. What a *receiver* applies is `receiver.ts`; both read the
 * text with `splitDmarcTags`.
 */

export interface DmarcIssue {
  severity: 'error' | 'warning';
  /** Stable code, e.g. `dmarc.record.bad-value`. */
  code: string;
  tag?: string;
  message: string;
}

export interface ParsedDmarcRecord {
  /** True when no issue has severity `error`. */
  valid: boolean;
  /** Tags in the order they were written, names lower-cased, values trimmed. */
  tags: DmarcTag[];
  issues: DmarcIssue[];
}

/** Every tag RFC 9989 defines, plus the three it dropped (still read, flagged as obsolete). */
const KNOWN_TAGS = new Set(['v', 'p', 'sp', 'np', 'adkim', 'aspf', 'rua', 'ruf', 'fo', 't', 'psd', 'pct', 'rf', 'ri']);
const OBSOLETE = new Set(['pct', 'rf', 'ri']);

/**
 * Parses `v=DMARC1; p=reject; rua=mailto:…`. Never throws: everything wrong is an issue, so a checker
 * can show all the problems of a pasted record at once.
 */
export function parseDmarcRecord(txt: string): ParsedDmarcRecord {
  const issues: DmarcIssue[] = [];
  const tags: DmarcTag[] = [];
  const seen = new Set<string>();
  const split = splitDmarcTags(txt);
  for (const part of split.stray) {
    issues.push({ severity: 'error', code: 'dmarc.record.syntax', message: `"${part}" is not a tag=value pair.` });
  }
  for (const tag of split.tags) {
    if (seen.has(tag.name)) {
      issues.push({ severity: 'error', code: 'dmarc.record.duplicate-tag', tag: tag.name, message: `Tag "${tag.name}" appears more than once.` });
      continue;
    }
    seen.add(tag.name);
    tags.push(tag);
  }

  checkVersion(tags, issues);
  for (const tag of tags) checkTag(tag, issues);
  if (!seen.has('p')) {
    issues.push({
      severity: seen.has('rua') ? 'warning' : 'error',
      code: 'dmarc.record.missing-p',
      tag: 'p',
      message: 'The record has no p= tag; receivers treat it as p=none (RFC 9989) or ignore it (RFC 7489).',
    });
  }
  return { valid: !issues.some((i) => i.severity === 'error'), tags, issues };
}

function checkVersion(tags: DmarcTag[], issues: DmarcIssue[]): void {
  const first = tags[0];
  if (!first || first.name !== 'v') {
    issues.push({ severity: 'error', code: 'dmarc.record.no-version', tag: 'v', message: 'A DMARC record must start with v=DMARC1.' });
  } else if (first.value !== 'DMARC1') {
    issues.push({ severity: 'error', code: 'dmarc.record.bad-version', tag: 'v', message: `v=${first.value} is not v=DMARC1 (exact case).` });
  }
}

function bad(tag: DmarcTag, expected: string): DmarcIssue {
  return { severity: 'error', code: 'dmarc.record.bad-value', tag: tag.name, message: `${tag.name}=${tag.value} is not valid: expected ${expected}.` };
}

function checkTag(tag: DmarcTag, issues: DmarcIssue[]): void {
  const v = tag.value.toLowerCase();
  if (!KNOWN_TAGS.has(tag.name)) {
    issues.push({ severity: 'warning', code: 'dmarc.record.unknown-tag', tag: tag.name, message: `Unknown tag "${tag.name}" is ignored by receivers.` });
    return;
  }
  if (OBSOLETE.has(tag.name)) {
    issues.push({
      severity: 'warning',
      code: 'dmarc.record.obsolete-tag',
      tag: tag.name,
      message: `${tag.name}= was removed by RFC 9989; newer receivers ignore it.`,
    });
  }
  switch (tag.name) {
    case 'p':
    case 'sp':
    case 'np':
      if (!(DMARC_POLICIES as readonly string[]).includes(v)) issues.push(bad(tag, 'none, quarantine or reject'));
      break;
    case 'adkim':
    case 'aspf':
      if (v !== 'r' && v !== 's') issues.push(bad(tag, 'r or s'));
      break;
    case 't':
      if (v !== 'y' && v !== 'n') issues.push(bad(tag, 'y or n'));
      break;
    case 'psd':
      if (v !== 'y' && v !== 'n' && v !== 'u') issues.push(bad(tag, 'y, n or u'));
      break;
    case 'pct':
      if (!/^\d{1,3}$/.test(v) || Number(v) > 100) issues.push(bad(tag, 'an integer 0–100'));
      break;
    case 'ri':
      if (!/^\d+$/.test(v)) issues.push(bad(tag, 'a number of seconds'));
      break;
    case 'fo':
      if (!v.split(':').every((o) => ['0', '1', 'd', 's'].includes(o.trim()))) issues.push(bad(tag, 'options 0, 1, d, s separated by ":"'));
      break;
    case 'rua':
    case 'ruf':
      for (const uri of splitUris(tag.value)) {
        if (!isValidReportUri(uri)) issues.push(bad(tag, `mailto: addresses separated by commas ("${uri}" is not one)`));
      }
      break;
  }
}

/** Tag value by name (lower-case), or undefined. */
export function tagValue(parsed: ParsedDmarcRecord, name: string): string | undefined {
  return parsed.tags.find((t) => t.name === name)?.value;
}
