import { coversTenant } from '../dmarc/chosen-record';
import type { ChosenDmarcRecord } from '../dmarc/chosen-store';
import { sameDmarcRecord } from '../domain/dmarc-record/tags';
import type { CheckRecordLike } from './last-check';
import type { LastCheckEntry, SheetInput } from './types';

/**
 * The DMARC record staff chose for a tenant (DMARC tab → "Use this record"), as sheet records, with its status
 * from the last DNS check. The check's DMARC row only asks "is there one valid record?", so here it is compared
 * with the chosen value: a different record being published is not "found and correct" for this sheet.
 */

export function dmarcSheetRecords(chosen: ChosenDmarcRecord | undefined, tenantDomain: string): Pick<SheetInput['records'], 'dmarc' | 'dmarcReportAuth'> {
  // A choice made before the tenant's domain changed says nothing about the new domain (the tab says so).
  if (!chosen || !coversTenant(chosen.domain, tenantDomain)) return {};
  // The sheet has one report-permission slot; authorisations list rua domains before ruf ones, and rua is what matters.
  const auth = chosen.authorizations[0];
  return {
    dmarc: { host: chosen.name, value: chosen.value },
    ...(auth ? { dmarcReportAuth: { host: auth.name, value: auth.value } } : {}),
  };
}

const ABSENT = new Set(['dmarc-missing', 'nxdomain', 'nodata']);

/**
 * The chosen record's status from the check's DMARC row (`_dmarc.<tenant domain>`), or undefined ("not checked
 * yet") when the check has no such row or looked at another name than the one chosen.
 */
export function chosenDmarcStatus(
  report: { domain: string; records: ReadonlyArray<CheckRecordLike & { name?: string }> } | undefined,
  chosen: Pick<ChosenDmarcRecord, 'name' | 'value'>,
): LastCheckEntry | undefined {
  const row = report?.records.find((r) => r.kind === 'dmarc');
  if (!row || row.cause === 'not-checked') return undefined;
  const checkedName = (row.name ?? `_dmarc.${report!.domain}`).toLowerCase();
  // "ok" with "_dmarc.<org>: …" observed means the checked name had none and the parent's record applied.
  const inherited = row.cause === 'ok' && row.observed ? /^(_dmarc\.[^\s:]+): (.*)$/.exec(row.observed) : null;
  const seenName = inherited ? inherited[1]!.toLowerCase() : checkedName;
  const seen = inherited ? inherited[2]! : row.observed;
  const observed = row.observed ? { observed: row.observed } : {};

  if (inherited && checkedName === chosen.name) return { status: 'missing', cause: 'missing', ...observed };
  if (seenName !== chosen.name) return undefined;
  if (row.cause === 'ok') {
    return seen !== null && sameDmarcRecord(seen, chosen.value) ? { status: 'ok' } : { status: 'mismatch', cause: 'wrong-value', ...observed };
  }
  if (ABSENT.has(row.cause)) return { status: 'missing', cause: 'missing' };
  if (row.cause === 'dmarc-multiple') return { status: 'mismatch', cause: 'multiple-dmarc', ...observed };
  if (row.cause === 'dmarc-invalid') return { status: 'invalid', cause: 'wrong-value', ...observed };
  return { status: row.status, cause: row.cause, ...observed };
}
