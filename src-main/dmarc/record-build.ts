import { z } from 'zod';
import { organisationalDomain } from '../domain/org-domain';
import { normaliseDomain as normaliseDomainName } from '../domain/domain-name';
import { BehalfError } from '../../src-preload/api/errors';
import { formatDmarcRecord, isValidReportUri, reportUriDomain, type DmarcTag } from '../domain/dmarc-record/tags';

const policy = z.enum(['none', 'quarantine', 'reject']);
const alignment = z.enum(['r', 's']);
const reportUri = z.string().trim().refine(isValidReportUri, { message: 'must be a mailto: address' });

/** What a person chooses for a DMARC record. No pct by default: RFC 9989 dropped it (only `legacyPct`). */
export const dmarcRecordInputSchema = z.object({
  p: policy,
  sp: policy.optional(),
  np: policy.optional(),
  adkim: alignment.optional(),
  aspf: alignment.optional(),
  rua: z.array(reportUri).optional(),
  ruf: z.array(reportUri).optional(),
  fo: z
    .string()
    .regex(/^[01ds](:[01ds])*$/, 'fo is 0, 1, d, s separated by ":"')
    .optional(),
  /** RFC 9989 test mode (`t=y`): receivers apply one level less than p. */
  t: z.boolean().optional(),
  /** RFC 7489 `pct`. Obsolete; only for receivers that still honour it. */
  legacyPct: z.number().int().min(0).max(100).optional(),
});
export type DmarcRecordInput = z.infer<typeof dmarcRecordInputSchema>;

export interface DnsTxtRecord {
  /** Fully qualified owner name, no trailing dot. */
  name: string;
  value: string;
  /** The value cut into ≤255-byte character-strings, the way zone files and some panels want it. */
  strings: string[];
}

export interface ReportAuthorization extends DnsTxtRecord {
  /** The report destination domain whose owner must publish this record (not the policy domain's owner). */
  reportDomain: string;
}

export interface BuiltDmarcRecord extends DnsTxtRecord {
  tags: DmarcTag[];
  /** External-destination authorisations (RFC 9990 §"Verifying External Destinations"), one per foreign domain. */
  authorizations: ReportAuthorization[];
  warnings: string[];
}

/**
 * Builds the `_dmarc.<domain>` TXT record. Tag order follows the RFCs' examples (v, p first) so a diff
 * against a published record reads naturally. Throws `dmarc.record.invalid-input` for bad choices.
 */
export function buildDmarcRecord(domain: string, input: DmarcRecordInput): BuiltDmarcRecord {
  const parsed = dmarcRecordInputSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new BehalfError(
      'dmarc.record.invalid-input',
      `The DMARC choices are not valid: ${first ? `${first.path.join('.')} ${first.message}` : 'unknown problem'}.`,
      'Pick p/sp/np from none, quarantine, reject; adkim/aspf from r, s; give report addresses as mailto:.',
    );
  }
  const i = parsed.data;
  const policyDomain = normaliseDomain(domain);
  const warnings: string[] = [];
  const tags: DmarcTag[] = [
    { name: 'v', value: 'DMARC1' },
    { name: 'p', value: i.p },
  ];
  if (i.sp) tags.push({ name: 'sp', value: i.sp });
  if (i.np) tags.push({ name: 'np', value: i.np });
  if (i.adkim) tags.push({ name: 'adkim', value: i.adkim });
  if (i.aspf) tags.push({ name: 'aspf', value: i.aspf });
  if (i.legacyPct !== undefined) {
    tags.push({ name: 'pct', value: String(i.legacyPct) });
    warnings.push('pct= is obsolete (RFC 9989); prefer t=y for a gentle start. Kept only for older receivers.');
  }
  if (i.t) tags.push({ name: 't', value: 'y' });
  if (i.fo) tags.push({ name: 'fo', value: i.fo });
  if (i.rua?.length) tags.push({ name: 'rua', value: i.rua.join(',') });
  if (i.ruf?.length) tags.push({ name: 'ruf', value: i.ruf.join(',') });
  if (i.p !== 'none' && !i.rua?.length) warnings.push('No rua= address: you will not see who fails before mail is lost.');
  // p=none exists to watch; without reports it watches nothing and the move to quarantine is a guess.
  if (i.p === 'none' && !i.rua?.length)
    warnings.push(
      'p=none without rua= monitors nothing: no aggregate reports arrive, so nobody learns who sends as this domain. Add a report address (Settings → DMARC report mailbox).',
    );

  const value = formatDmarcRecord(tags);
  return {
    name: `_dmarc.${policyDomain}`,
    value,
    strings: splitTxt(value),
    tags,
    authorizations: authorizationsFor(policyDomain, [...(i.rua ?? []), ...(i.ruf ?? [])]),
    warnings,
  };
}

/**
 * A report address whose organisational domain differs from the policy domain's needs the receiver to
 * vouch for it with `<policy-domain>._report._dmarc.<report-domain>` TXT `v=DMARC1`.
 */
export function authorizationsFor(policyDomain: string, uris: string[]): ReportAuthorization[] {
  const own = orgDomain(policyDomain);
  const out: ReportAuthorization[] = [];
  const done = new Set<string>();
  for (const uri of uris) {
    const reportDomain = reportUriDomain(uri);
    if (!reportDomain || orgDomain(reportDomain) === own || done.has(reportDomain)) continue;
    done.add(reportDomain);
    out.push({ name: `${policyDomain}._report._dmarc.${reportDomain}`, value: 'v=DMARC1', strings: ['v=DMARC1'], reportDomain });
  }
  return out;
}

const orgDomain = organisationalDomain;

function normaliseDomain(domain: string): string {
  return normaliseDomainName(domain, 'From domain');
}

/** Cuts a TXT value into 255-byte character-strings (the value is ASCII, so bytes = characters). */
export function splitTxt(value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i += 255) out.push(value.slice(i, i + 255));
  return out.length ? out : [''];
}
