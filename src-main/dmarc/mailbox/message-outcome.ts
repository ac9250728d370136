import type { ImportResult } from '../import';

/** Codes that say nothing about the message: try it again next fetch instead of filing it away as unreadable. */
const PASSING = new Set(['dmarc.cancelled', 'dmarc.import-busy', 'dmarc.internal', 'dmarc.unreadable', 'dmarc.file-not-found']);

export type MessageOutcome = { kind: 'processed' } | { kind: 'unreadable'; code: string } | { kind: 'retry' };

/**
 * What to do with one report e-mail after its import: every report committed (new or duplicate) → processed;
 * a report that could not be read (or none at all) → unreadable, with the first reason; a passing failure → retry.
 */
export function classifyMessage(r: ImportResult): MessageOutcome {
  if (r.errors.some((e) => PASSING.has(e.code))) return { kind: 'retry' };
  const first = r.errors[0];
  if (first) return { kind: 'unreadable', code: first.code };
  return r.imported + r.duplicates + r.failures > 0 ? { kind: 'processed' } : { kind: 'unreadable', code: 'dmarc.not-a-report' };
}

/** An IMAP keyword (RFC 3501 atom: no spaces or specials) naming why a message was filed as unreadable. */
export function keywordFor(code: string): string {
  return `Behalf-${code.replace(/^dmarc\./, '').replace(/[^A-Za-z0-9-]/g, '-')}`;
}

/** The import's file paths are temp files: name the message instead. */
export function relabel(r: ImportResult, file: string, label: string): ImportResult {
  const fix = <T extends { file: string }>(e: T): T => ({ ...e, file: e.file === file ? label : e.file.replace(file, label) });
  return { ...r, errors: r.errors.map(fix), repaired: r.repaired.map(fix) };
}
