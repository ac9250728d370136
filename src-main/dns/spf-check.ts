import type { Cause } from './causes';
import { lookupProblem } from './messages';
import { NOTHING_TO_CHANGE, recordResult, type RecordResult, type ResultFields } from './record-result';
import { evaluateSpf, fetchSpf, SPF_MAX_LOOKUPS, SPF_MAX_VOID_LOOKUPS } from './spf-evaluate';
import type { ViewClients } from './views';

const EXPECTED = `at most one v=spf1 record, ≤ ${SPF_MAX_LOOKUPS} DNS lookups, ≤ ${SPF_MAX_VOID_LOOKUPS} void lookups`;

/**
 * SPF on the From domain is informational for Postmark (SPF is checked on the Return-Path domain), but a
 * broken record hurts the customer's other mail, so its problems are reported as warnings.
 */
export async function checkSpf(clients: ViewClients, domain: string): Promise<RecordResult> {
  const row = (cause: Cause, f: Omit<ResultFields, 'expected'>) => recordResult('spf', domain, 'info', cause, { ...f, expected: EXPECTED });
  const fetched = await fetchSpf(clients.primary, domain);
  if (fetched.kind === 'failed') return row(fetched.cause, lookupProblem(domain, fetched.cause, clients.primary.label));
  if (fetched.kind === 'none') {
    return row(fetched.failure, {
      message: `No SPF record at ${domain}; Postmark does not need one (SPF is checked on the Return-Path domain).`,
      fix: NOTHING_TO_CHANGE,
    });
  }
  if (fetched.kind === 'multiple') {
    return row('spf-multiple', {
      observed: fetched.texts.join(' | '),
      message: `${fetched.texts.length} SPF records at ${domain}: receivers treat that as a permanent error.`,
      fix: 'Merge the mechanisms into one v=spf1 TXT record and delete the other.',
    });
  }
  const ev = await evaluateSpf(clients.recursive, domain, fetched.text);
  const counts = `${ev.capped ? 'at least ' : ''}${ev.lookups} DNS lookups, ${ev.voidLookups} void`;
  const spf = { lookups: ev.lookups, voidLookups: ev.voidLookups, includes: ev.includes, capped: ev.capped };
  const base = { observed: fetched.text, spf };
  if (ev.errors.length > 0) {
    return row('spf-invalid', {
      ...base,
      message: `SPF record at ${domain} is invalid: ${ev.errors.slice(0, 3).join('; ')}.`,
      fix: 'Correct the listed terms (no spaces after ":" or "=", every include must have its own SPF record).',
    });
  }
  if (ev.lookups > SPF_MAX_LOOKUPS) {
    return row('spf-too-many-lookups', {
      ...base,
      message: `SPF at ${domain} needs ${counts} (limit ${SPF_MAX_LOOKUPS}): receivers return permerror.`,
      fix: 'Remove includes for services no longer used, or replace a/mx/include with ip4:/ip6: ranges, to get to 10 or fewer.',
    });
  }
  if (ev.voidLookups > SPF_MAX_VOID_LOOKUPS) {
    return row('spf-void-lookups', {
      ...base,
      message: `SPF at ${domain} has ${ev.voidLookups} terms that point at names with no records (limit ${SPF_MAX_VOID_LOOKUPS}).`,
      fix: 'Remove the a:/mx:/exists:/include: terms whose names no longer exist.',
    });
  }
  return row('ok', { ...base, message: `SPF at ${domain} uses ${counts} (limit ${SPF_MAX_LOOKUPS}).`, fix: NOTHING_TO_CHANGE });
}
