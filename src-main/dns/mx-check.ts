import { isLookupFailure, type Requirement } from './causes';
import { lookupProblem } from './messages';
import { NOTHING_TO_CHANGE, recordResult, type RecordResult } from './record-result';
import type { ViewClients } from './views';

/**
 * MX on the From domain: informational, except for option 2 where Postmark's confirmation email must reach
 * the From address (recommended there). A null MX ("0 .", RFC 7505) means "accepts no mail".
 */
export async function checkMx(clients: ViewClients, domain: string, requirement: Requirement): Promise<RecordResult> {
  const expected = requirement === 'info' ? null : 'at least one MX that accepts mail';
  const noMailFix = requirement === 'info' ? NOTHING_TO_CHANGE : "Add the MX records of the customer's mail provider so the confirmation email can arrive.";
  const found = await clients.primary.mx(domain);
  if (!found.ok) {
    if (isLookupFailure(found.cause))
      return recordResult('mx', domain, requirement, found.cause, { expected, ...lookupProblem(domain, found.cause, clients.primary.label) });
    return recordResult('mx', domain, requirement, found.cause, {
      expected,
      message: `No MX records at ${domain}: mail to addresses there (replies, confirmations) may not arrive.`,
      fix: noMailFix,
    });
  }
  const sorted = [...found.value].sort((a, b) => a.priority - b.priority || a.exchange.localeCompare(b.exchange));
  const observed = sorted.map((m) => `${m.priority} ${m.exchange || '.'}`).join(', ');
  const isNullMx = sorted.length === 1 && (sorted[0]?.exchange === '' || sorted[0]?.exchange === '.');
  if (isNullMx) {
    return recordResult('mx', domain, requirement, 'nodata', {
      observed,
      expected,
      message: `${domain} publishes a null MX: it declares that it accepts no mail.`,
      fix: noMailFix,
    });
  }
  return recordResult('mx', domain, requirement, 'ok', { observed, expected, message: `${domain} receives mail at ${observed}.`, fix: NOTHING_TO_CHANGE });
}
