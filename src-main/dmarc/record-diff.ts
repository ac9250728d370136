import { parseDmarcRecord, type DmarcIssue } from '../domain/dmarc-record/check';
import { splitUris } from '../domain/dmarc-record/tags';

export interface DmarcTagChange {
  tag: string;
  kind: 'added' | 'removed' | 'changed';
  /** Published value (absent for `added`). */
  from?: string;
  /** Proposed value (absent for `removed`). */
  to?: string;
}

export interface DmarcRecordDiff {
  /** True when publishing the proposal would change nothing a receiver acts on. */
  identical: boolean;
  changes: DmarcTagChange[];
  /** Problems already in the published record (worth showing next to the diff). */
  publishedIssues: DmarcIssue[];
}

/** Tags whose values are keywords: `p=Reject` and `p=reject` are the same policy. */
const CASE_INSENSITIVE = new Set(['p', 'sp', 'np', 'adkim', 'aspf', 't', 'psd', 'fo']);

/**
 * Tag-by-tag difference between what is published (null when nothing is) and the proposed record.
 * Changes are listed in the proposed record's tag order, then tags only the published one has.
 */
export function diffDmarcRecords(published: string | null, proposed: string): DmarcRecordDiff {
  const before = published === null ? null : parseDmarcRecord(published);
  const after = parseDmarcRecord(proposed);
  const beforeTags = new Map((before?.tags ?? []).map((t) => [t.name, t.value]));
  const afterTags = new Map(after.tags.map((t) => [t.name, t.value]));
  const changes: DmarcTagChange[] = [];

  for (const [tag, to] of afterTags) {
    const from = beforeTags.get(tag);
    if (from === undefined) changes.push({ tag, kind: 'added', to });
    else if (normalise(tag, from) !== normalise(tag, to)) changes.push({ tag, kind: 'changed', from, to });
  }
  for (const [tag, from] of beforeTags) {
    if (!afterTags.has(tag)) changes.push({ tag, kind: 'removed', from });
  }
  return { identical: changes.length === 0, changes, publishedIssues: before?.issues ?? [] };
}

function normalise(tag: string, value: string): string {
  if (tag === 'rua' || tag === 'ruf') {
    // The scheme and domain are case-insensitive; the local part is kept as written.
    return splitUris(value)
      .map((u) => u.replace(/^mailto:/i, 'mailto:').replace(/@([^!]+)/, (_m, d: string) => `@${d.toLowerCase()}`))
      .join(',');
  }
  if (CASE_INSENSITIVE.has(tag)) return value.toLowerCase().replace(/\s+/g, '');
  return value;
}
