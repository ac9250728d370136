import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { importError } from '../import/errors';
import { canonicalName } from '../../domain/canonical-name';

/**
 * One DMARC failure report (ruf): the machine-readable part of an RFC 6591 auth-failure report (a
 * message/feedback-report part, RFC 5965 fields) and the headers of the message that failed. Pure.
 */
export interface FailureReport {
  digest: string;
  domain: string;
  reporter: string;
  /** Unix seconds; undefined when the reporter gave no (readable) Arrival-Date. */
  arrival?: number;
  sourceIp: string;
  headerFrom: string;
  envelopeFrom: string;
  authFailure: string;
  authResults: string;
  /** Delivery-Result (RFC 6591): delivered, spam, policy, reject or other. */
  disposition: string;
  dkimDomain: string;
  /** Personal data: only kept when the operator chose to keep it. */
  subject?: string;
  recipients?: string;
}

const addr = (v: string | undefined) => /<([^<>]*)>/.exec(v ?? '')?.[1] ?? (v ?? '').trim();
const domainOf = (address: string) =>
  address
    .slice(address.lastIndexOf('@') + 1)
    .toLowerCase()
    .replace(/[>\s].*$/, '');

/**
 * `fields`: the feedback-report part's fields (lower-cased names); `original`: the failed message's headers
 * (message/rfc822 or text/rfc822-headers part), if any; `outer`: the report e-mail's own headers.
 */
export function readFailureReport(
  fields: Map<string, string>,
  original: Map<string, string> | undefined,
  outer: Map<string, string>,
  keepPersonal: boolean,
): FailureReport {
  const type = (fields.get('feedback-type') ?? '').toLowerCase();
  if (type !== 'auth-failure') {
    throw importError('dmarc.not-a-report', `The feedback report is of type "${type || 'none'}", not an auth-failure (DMARC failure) report.`);
  }
  const headerFrom = addr(original?.get('from')).toLowerCase();
  const domain = canonicalName(fields.get('reported-domain') ?? '') || domainOf(headerFrom);
  if (!/^[\p{L}\p{N}_-]+(\.[\p{L}\p{N}_-]+)+$/u.test(domain)) {
    throw importError('dmarc.invalid-report', `The failure report names no usable domain (Reported-Domain "${domain.slice(0, 60)}").`);
  }
  const sourceIp = (fields.get('source-ip') ?? '')
    .trim()
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  const arrivalMs = Date.parse(fields.get('arrival-date') ?? original?.get('date') ?? '');
  const reporter = domainOf(addr(outer.get('from'))) || (fields.get('user-agent') ?? '');
  const report: FailureReport = {
    digest: '',
    domain,
    reporter,
    arrival: Number.isFinite(arrivalMs) ? Math.floor(arrivalMs / 1000) : undefined,
    sourceIp: isIP(sourceIp) ? sourceIp : '',
    headerFrom: keepPersonal ? headerFrom : domainOf(headerFrom),
    envelopeFrom: addr(fields.get('original-mail-from')).toLowerCase(),
    authFailure: (fields.get('auth-failure') ?? '').toLowerCase(),
    authResults: fields.get('authentication-results') ?? '',
    disposition: (fields.get('delivery-result') ?? '').toLowerCase(),
    dkimDomain: (fields.get('dkim-domain') ?? '').toLowerCase(),
    ...(keepPersonal ? { subject: original?.get('subject') ?? '', recipients: fields.get('original-rcpt-to') ?? original?.get('to') ?? '' } : {}),
  };
  // What identifies the report, not how it was wrapped: the same report twice is one report.
  const id = [
    reporter,
    domain,
    report.sourceIp,
    report.arrival ?? '',
    original?.get('message-id') ?? fields.get('message-id') ?? '',
    report.authFailure,
    report.authResults,
  ];
  report.digest = createHash('sha256').update(id.join('\x1f')).digest('hex');
  return report;
}
