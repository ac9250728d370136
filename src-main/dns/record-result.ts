import { statusFor, type Cause, type RecordKind, type RecordStatus, type Requirement } from './causes';

/** What one view (the resolver, or one authoritative name server) saw for a record. */
export interface RecordView {
  source: 'resolver' | 'authoritative';
  /** 'resolver' or 'ns1.acme.com (192.0.2.1)'. */
  server: string;
  cause: Cause;
  observed: string | null;
  ttl: number | null;
}

/** SPF evaluation numbers, kept so staff see how far over the limits a record is. */
export interface SpfDetails {
  lookups: number;
  voidLookups: number;
  /** Names fetched through include:/redirect=, in evaluation order. */
  includes: string[];
  /** True when counting stopped at the safety cap: the real count is at least `lookups`. */
  capped: boolean;
}

/** One row of a check report. `message` and `fix` are single lines meant for people. */
export interface RecordResult {
  kind: RecordKind;
  /** Fully-qualified name that was looked up, no trailing dot. */
  name: string;
  requirement: Requirement;
  status: RecordStatus;
  cause: Cause;
  /** What DNS returned, flattened to one line (TXT strings joined, CNAME chain with " → "). */
  observed: string | null;
  expected: string | null;
  /** Remaining/record TTL in seconds when the resolver exposes it (A/AAAA, negative-cache bound); else null. */
  ttl: number | null;
  message: string;
  fix: string;
  /** Per-view answers when the authoritative servers were also asked. */
  views?: RecordView[];
  spf?: SpfDetails;
}

export interface ResultFields {
  observed?: string | null;
  expected?: string | null;
  ttl?: number | null;
  message: string;
  fix: string;
  spf?: SpfDetails;
}

/** Builds a row; status always comes from the cause and requirement so the two can never disagree. */
export function recordResult(kind: RecordKind, name: string, requirement: Requirement, cause: Cause, f: ResultFields): RecordResult {
  const row: RecordResult = {
    kind,
    name,
    requirement,
    status: statusFor(cause, requirement),
    cause,
    observed: f.observed ?? null,
    expected: f.expected ?? null,
    ttl: f.ttl ?? null,
    message: oneLine(f.message),
    fix: oneLine(f.fix),
  };
  if (f.spf) row.spf = f.spf;
  return row;
}

export const NOTHING_TO_CHANGE = 'Nothing to change.';

/**
 * Messages are shown in tables and CLI output: never let a value with line breaks spill over. Nearly every message
 * has none, and the replace's regex tries a match at every blank of a long message: the bulk check builds ten of these
 * per tenant. So text without a break is only trimmed: a 10,000-tenant bulk check (bench P2) asks ~4 % more questions
 * a second (medians 28,599 / 29,216 against 27,428 / 28,128 q/s, two sets of eight interleaved runs).
 */
export function oneLine(text: string): string {
  if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) return text.trim();
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Long values (keys) shortened for messages; the full value stays in `observed`. */
export function preview(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
