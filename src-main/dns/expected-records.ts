import type { Requirement } from './causes';
import { canonicalName, normaliseDomain } from '../domain/domain-name';
import { qualify } from './names';
import { POSTMARK_RETURN_PATH_TARGET } from './return-path-check';

export type SendingOption = 1 | 2 | 3;

/** What staff (or the CLI) ask to check. Hosts may be relative or fully qualified. */
export interface CheckInput {
  domain: string;
  option?: SendingOption;
  /** DKIMPendingHost or DKIMHost from Postmark, e.g. 20240817055129pm._domainkey.acme.com. */
  dkimHost?: string;
  /** DKIMPendingTextValue / DKIMTextValue: "k=rsa; p=MIGf…". */
  dkimValue?: string;
  /** ReturnPathDomain, e.g. pm-bounces.acme.com. Option 1 assumes pm-bounces.<domain> when absent. */
  returnPath?: string;
  revokedDkimHost?: string;
  revokedDkimValue?: string;
  safeToRemoveRevoked?: boolean;
}

export type PlannedCheck =
  | { kind: 'dkim'; name: string | null; expectedValue?: string; requirement: Requirement }
  | { kind: 'dkim-revoked'; name: string; value?: string; safeToRemove: boolean }
  | { kind: 'return-path'; name: string; requirement: Requirement; assumed: boolean }
  | { kind: 'dmarc'; requirement: Requirement }
  | { kind: 'spf' }
  | { kind: 'mx'; requirement: Requirement };

export const DEFAULT_RETURN_PATH_LABEL = 'pm-bounces';

/**
 * Which records matter for a sending option (the table in dns-and-dmarc.md):
 * option 1 needs DKIM + Return-Path, DMARC is recommended; option 2 needs nothing but its DMARC pre-flight
 * decides delivery, and the From mailbox must receive Postmark's confirmation (MX recommended);
 * option 3 needs nothing from the customer. Values staff pass are always checked, as info when not needed.
 */
export function planChecks(input: CheckInput): PlannedCheck[] {
  const domain = normaliseDomain(input.domain, 'domain', 'dns.invalid-domain');
  const option = input.option;
  const authRequired = option === 1 || option === undefined;
  const plan: PlannedCheck[] = [];
  if (input.dkimHost || option === 1) {
    plan.push({
      kind: 'dkim',
      name: input.dkimHost ? qualify(input.dkimHost, domain) : null,
      ...(input.dkimValue ? { expectedValue: input.dkimValue } : {}),
      requirement: authRequired ? 'required' : 'info',
    });
  }
  if (input.returnPath || option === 1) {
    plan.push({
      kind: 'return-path',
      name: qualify(input.returnPath || DEFAULT_RETURN_PATH_LABEL, domain),
      requirement: authRequired ? 'required' : 'info',
      assumed: !input.returnPath,
    });
  }
  if (input.revokedDkimHost) {
    plan.push({
      kind: 'dkim-revoked',
      name: qualify(input.revokedDkimHost, domain),
      ...(input.revokedDkimValue ? { value: input.revokedDkimValue } : {}),
      safeToRemove: input.safeToRemoveRevoked === true,
    });
  }
  plan.push({ kind: 'dmarc', requirement: authRequired ? 'recommended' : 'info' });
  plan.push({ kind: 'spf' });
  plan.push({ kind: 'mx', requirement: option === 2 ? 'recommended' : 'info' });
  return plan;
}

/** The records to ask the customer for (instruction sheets, "expected" column), per option. */
export interface ExpectedRecord {
  kind: 'dkim' | 'return-path' | 'dmarc';
  type: 'TXT' | 'CNAME';
  name: string;
  value: string;
  requirement: Requirement;
}

export function expectedRecords(input: CheckInput): ExpectedRecord[] {
  if (input.option !== 1) return [];
  const domain = normaliseDomain(input.domain, 'domain', 'dns.invalid-domain');
  const out: ExpectedRecord[] = [];
  if (input.dkimHost && input.dkimValue) {
    out.push({ kind: 'dkim', type: 'TXT', name: qualify(input.dkimHost, domain), value: input.dkimValue.trim(), requirement: 'required' });
  }
  const rp = qualify(input.returnPath || DEFAULT_RETURN_PATH_LABEL, domain);
  out.push({ kind: 'return-path', type: 'CNAME', name: canonicalName(rp), value: POSTMARK_RETURN_PATH_TARGET, requirement: 'required' });
  out.push({ kind: 'dmarc', type: 'TXT', name: `_dmarc.${domain}`, value: 'v=DMARC1; p=none; rua=mailto:…', requirement: 'recommended' });
  return out;
}
