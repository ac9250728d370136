import type { Cause, Requirement } from './causes';
import { fetchDmarc, organisationalDomain } from './dmarc-policy';
import { parseDmarc } from '../domain/dmarc-record/receiver';
import { lookupProblem, relativeHost } from './messages';
import { NOTHING_TO_CHANGE, recordResult, type RecordResult, type ResultFields } from './record-result';
import type { ViewClients } from './views';

export interface DmarcTarget {
  domain: string;
  zone: string;
  requirement: Requirement;
}

export const DMARC_STARTER = 'v=DMARC1; p=none; rua=mailto:…';

/** The DMARC record row: one valid v=DMARC1 record for the domain (its own, or its organisational domain's). */
export async function checkDmarcRecord(clients: ViewClients, t: DmarcTarget): Promise<RecordResult> {
  const name = `_dmarc.${t.domain}`;
  const host = relativeHost(name, t.zone);
  const expected = t.requirement === 'info' ? null : `one TXT record "${DMARC_STARTER}" (p=none first, then quarantine/reject)`;
  const row = (cause: Cause, f: Omit<ResultFields, 'expected'>) => recordResult('dmarc', name, t.requirement, cause, { ...f, expected });

  const own = await fetchDmarc(clients.primary, t.domain);
  if (own.kind === 'failed') return row(own.cause, lookupProblem(name, own.cause, clients.primary.label));
  if (own.kind === 'multiple') {
    return row('dmarc-multiple', {
      observed: own.texts.join(' | '),
      message: `${own.texts.length} DMARC records at ${name}: receivers then apply no DMARC policy at all.`,
      fix: `Merge them into one v=DMARC1 TXT record at host "${host}" and delete the others.`,
    });
  }
  if (own.kind === 'one') {
    const { record, errors, warnings } = parseDmarc(own.text);
    if (errors.length > 0) {
      return row('dmarc-invalid', {
        observed: own.text,
        message: `DMARC record at ${name} is invalid: ${errors.join('; ')}.`,
        fix: `Replace the value at "${host}" with a valid record, e.g. "${DMARC_STARTER}".`,
      });
    }
    const reports = record.rua.length > 0 ? `reports to ${record.rua.join(', ')}` : 'no rua, so no aggregate reports arrive';
    const notes = warnings.length > 0 ? ` Note: ${warnings.join('; ')}.` : '';
    return row('ok', {
      observed: own.text,
      message: `DMARC p=${record.p}${record.sp ? ` sp=${record.sp}` : ''} at ${name}, ${reports}.${notes}`,
      fix: NOTHING_TO_CHANGE,
    });
  }

  const org = organisationalDomain(t.domain);
  if (org !== t.domain) {
    const parent = await fetchDmarc(clients.recursive, org);
    if (parent.kind === 'one' && parseDmarc(parent.text).errors.length === 0) {
      return row('ok', {
        observed: `_dmarc.${org}: ${parent.text}`,
        message: `No record of its own; the organisational domain ${org}'s policy covers ${t.domain}.`,
        fix: NOTHING_TO_CHANGE,
      });
    }
  }
  return row('dmarc-missing', {
    message: `No DMARC record at ${name}${org !== t.domain ? ` nor at _dmarc.${org}` : ''}.`,
    fix:
      t.requirement === 'info'
        ? 'Nothing required for this sending option.'
        : `Add a TXT record with host "${host}" and value "${DMARC_STARTER}" (a mailbox you read).`,
  });
}
