import type { RecordKind } from './causes';
import type { DmarcDisposition } from '../domain/dmarc-record/receiver';
import type { RecordResult } from './record-result';
import type { CheckReport } from './report';

/** Stable drift codes (stored in dns_checks.drift_json): append only. */
export const DRIFT_CODES = [
  'dkim-gone', // the DKIM record was there and now is not
  'dmarc-tightened', // the applied DMARC policy got stricter while the tenant sends with option 2
  'cname-changed', // the Return-Path CNAME now points somewhere else
  'spf-over-limit', // SPF newly needs more than 10 lookups
  'record-broke', // any other record that was ok and is not any more
  'record-recovered', // a record that was not ok is ok again
  'lookup-failed', // was ok, now could not be looked up (often transient)
] as const;
export type DriftCode = (typeof DRIFT_CODES)[number];

export interface DriftItem {
  code: DriftCode;
  kind: RecordKind | 'dmarc-policy';
  name: string;
  severity: 'alert' | 'notice';
  before: string | null;
  after: string | null;
  message: string;
}

const STRICTNESS: Record<DmarcDisposition, number> = { none: 0, quarantine: 1, reject: 2 };
const GONE = new Set(['nxdomain', 'nodata', 'doubled-suffix']);

/** What changed between two checks of the same domain that staff should hear about. Pure. */
export function compareReports(previous: CheckReport, current: CheckReport): DriftItem[] {
  const items: DriftItem[] = [];
  const before = new Map<RecordKind, RecordResult>(previous.records.map((r) => [r.kind, r]));
  for (const now of current.records) {
    const was = before.get(now.kind);
    if (!was) continue;
    const specific = specificDrift(was, now);
    if (specific) items.push(specific);
    else {
      const generic = genericDrift(was, now);
      if (generic) items.push(generic);
    }
  }
  const tightened = dmarcTightened(previous, current);
  if (tightened) items.push(tightened);
  return items;
}

function specificDrift(was: RecordResult, now: RecordResult): DriftItem | null {
  const base = { kind: now.kind, name: now.name, before: was.observed, after: now.observed };
  if (now.kind === 'dkim' && was.observed !== null && was.cause !== 'not-checked' && GONE.has(now.cause)) {
    return {
      ...base,
      code: 'dkim-gone',
      severity: 'alert',
      message: `The DKIM record at ${now.name} is gone (${now.cause}); Postmark signing for this domain will fail DMARC.`,
    };
  }
  if (now.kind === 'return-path' && was.observed !== null && now.observed !== null && was.observed !== now.observed) {
    const severity = now.status === 'ok' ? 'notice' : 'alert';
    return { ...base, code: 'cname-changed', severity, message: `The Return-Path ${now.name} changed from "${was.observed}" to "${now.observed}".` };
  }
  if (now.kind === 'spf' && now.cause === 'spf-too-many-lookups' && was.cause !== 'spf-too-many-lookups') {
    return {
      ...base,
      code: 'spf-over-limit',
      severity: 'alert',
      message: `SPF at ${now.name} now needs ${now.spf?.lookups ?? 'over 10'} DNS lookups (limit 10).`,
    };
  }
  return null;
}

function genericDrift(was: RecordResult, now: RecordResult): DriftItem | null {
  const base = { kind: now.kind, name: now.name, before: was.observed, after: now.observed };
  if (was.status === 'ok' && now.status === 'error') {
    return { ...base, code: 'lookup-failed', severity: 'notice', message: `${now.name} could not be checked this time: ${now.message}` };
  }
  if (was.status === 'ok' && now.status !== 'ok') {
    return { ...base, code: 'record-broke', severity: 'alert', message: `${now.kind} at ${now.name} was ok and now is ${now.status} (${now.cause}).` };
  }
  if (was.status !== 'ok' && was.status !== 'error' && now.status === 'ok') {
    return { ...base, code: 'record-recovered', severity: 'notice', message: `${now.kind} at ${now.name} is ok again.` };
  }
  return null;
}

function dmarcTightened(previous: CheckReport, current: CheckReport): DriftItem | null {
  if (current.option !== 2) return null;
  const was = previous.dmarc?.applied ?? 'none';
  const now = current.dmarc?.applied ?? 'none';
  if (STRICTNESS[now] <= STRICTNESS[was]) return null;
  return {
    code: 'dmarc-tightened',
    kind: 'dmarc-policy',
    name: `_dmarc.${current.dmarc?.source ?? current.domain}`,
    severity: 'alert',
    before: previous.dmarc?.record ?? null,
    after: current.dmarc?.record ?? null,
    message: `DMARC went from ${was} to ${now} while this tenant sends with option 2: ${current.option2.reason}`,
  };
}
