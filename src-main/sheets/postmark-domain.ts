import { BehalfError } from '../../src-preload/api/errors';
import type { TenantPostmarkDomain } from '../postmark/links';
import type { SheetInput } from './types';

/** Postmark's own CNAME target for Return-Path domains, used when a stored domain lacks the field. */
const POSTMARK_RETURN_PATH_TARGET = 'pm.mtasv.net';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/**
 * DKIM and Return-Path of the tenant's Postmark domain, read defensively (the row is whatever Postmark last said).
 * The DKIM key is the one that counts (postmark/links: the pending key when there is one, else the active one).
 */
export function recordsFromDomain(domain: TenantPostmarkDomain): SheetInput['records'] {
  const records: SheetInput['records'] = {};
  const details = domain.details;
  // A sheet hands over a complete key or none: a pending host whose value Postmark has not given is "no key yet".
  if (domain.dkim?.value) records.dkim = { host: domain.dkim.host, value: domain.dkim.value };
  const returnPath = str(details.ReturnPathDomain);
  if (returnPath) records.returnPath = { host: returnPath, target: str(details.ReturnPathDomainCNAMEValue) ?? POSTMARK_RETURN_PATH_TARGET };
  return records;
}

export function noDkimError(domain: string, provisioned: boolean): BehalfError {
  return new BehalfError(
    'sheet.domain-not-provisioned',
    provisioned
      ? `Postmark has not given a DKIM key for ${domain} yet, so there is no sheet to hand over.`
      : `${domain} is not provisioned in Postmark, so there is no sheet to hand over.`,
    "Provision the domain in Postmark first, on the tenant's Postmark tab (Provision, or Refresh if the domain already exists): the DKIM key comes from Postmark.",
  );
}
