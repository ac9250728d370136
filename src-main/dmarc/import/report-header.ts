import { importError } from './errors';
import type { RepairLog } from './repairs';
import { DMARC_2_NS, type ReportHeader, type ReportSchema } from './report-types';
import { canonicalName } from '../../domain/canonical-name';

/** The reporter of a report that names none and gives no usable address. */
export const UNKNOWN_REPORTER = 'unknown reporter';

/**
 * Turns the collected `feedback/...` leaf values into the report header, refusing a document that lacks
 * what identifies a report (who sent it, which report, which period, which domain). Pure.
 */
export function buildHeader(leaves: ReadonlyMap<string, string>, errors: string[], rootUri: string | undefined, repairs?: RepairLog): ReportHeader {
  const h = (leaf: string) => leaves.get(`feedback/${leaf}`) || undefined;
  // Some reporters write <email><addr@host></email>; the address is what is inside the brackets.
  const email = h('report_metadata/email')?.replace(/^<(.*)>$/, '$1');
  const org = h('report_metadata/org_name') ?? reporterFromEmail(email, repairs);
  const reportId = h('report_metadata/report_id');
  const publishedDomain = h('policy_published/domain');
  const domain = publishedDomain === undefined ? undefined : canonicalName(publishedDomain);
  const beginText = h('report_metadata/date_range/begin');
  const endText = h('report_metadata/date_range/end');
  if (!org || !reportId || !domain || !beginText || !endText) {
    const missing = [
      !org && 'org_name',
      !reportId && 'report_id',
      !beginText && 'date_range/begin',
      !endText && 'date_range/end',
      !domain && 'policy_published/domain',
    ];
    throw importError('dmarc.not-a-report', `The <feedback> document lacks ${missing.filter(Boolean).join(', ')}.`);
  }
  // The domain becomes a key people browse and search by: a report naming something that is not a host name
  // (spaces, controls, quotes, 254+ characters) is refused whole rather than stored as a "domain".
  if (domain.length > 253 || !/^[\p{L}\p{N}_-]+(\.[\p{L}\p{N}_-]+)*$/u.test(domain)) {
    throw importError('dmarc.invalid-report', `policy_published/domain "${domain.slice(0, 60)}" is not a domain name.`);
  }
  const pct = h('policy_published/pct');
  const schema: ReportSchema = rootUri === DMARC_2_NS ? 'rfc9990' : 'rfc7489';
  const lower = (leaf: string) => h(`policy_published/${leaf}`)?.toLowerCase();
  const begin = epochSeconds(beginText, 'begin');
  const end = epochSeconds(endText, 'end');
  if (end < begin) throw importError('dmarc.invalid-report', `date_range/end (${end}) is before date_range/begin (${begin}).`);
  return {
    schema,
    version: h('version'),
    org,
    email: email ?? '',
    reportId,
    begin,
    end,
    generator: h('report_metadata/generator'),
    errors,
    policy: {
      domain,
      p: lower('p'),
      sp: lower('sp'),
      np: lower('np'),
      adkim: lower('adkim'),
      aspf: lower('aspf'),
      pct: pct !== undefined && /^\d{1,3}$/.test(pct) ? Number(pct) : undefined,
      fo: h('policy_published/fo'),
      testing: lower('testing'),
      discoveryMethod: lower('discovery_method'),
    },
  };
}

function epochSeconds(text: string, what: string): number {
  // Some reporters write "1700000000.0"; anything else is not a timestamp.
  if (!/^\d{1,12}(\.\d+)?$/.test(text)) throw importError('dmarc.invalid-report', `date_range/${what} "${text.slice(0, 40)}" is not a Unix timestamp.`);
  return Math.floor(Number(text));
}

/**
 * RFC 7489 requires <org_name>, yet real reports leave it empty (parsedmarc's samples do). The reporter is
 * then the domain of its <email>, as parsedmarc does, or "unknown reporter"; either way the report says so.
 */
function reporterFromEmail(email: string | undefined, repairs: RepairLog | undefined): string | undefined {
  if (!repairs) return undefined; // callers that do not take notes keep the strict rule
  const domain = /@([^@\s>]+)$/.exec(email ?? '')?.[1]?.toLowerCase();
  const org = domain ?? UNKNOWN_REPORTER;
  repairs.add(
    'dmarc.repair.org-name-missing',
    domain
      ? `<org_name> was empty or missing; the reporter is taken from <email> (${domain}).`
      : `<org_name> was empty or missing and <email> names no domain; the reporter is "${UNKNOWN_REPORTER}".`,
  );
  return org;
}
