import { buildFrom, type BuiltFrom } from '../display-name/build-from';
import { customerDisplayName } from '../display-name/build-from';
import { domainOfAddress, isPublicMailboxDomain } from './public-mailbox';
import { canonicalName } from '../domain-name';
import type { OptionsFacts, SendingOption } from './types';

/** Postmark's shared domain: DKIM d= and the envelope sender of option 2 mail. */
export const POSTMARK_DOMAIN = 'pm.mtasv.net';
export const POSTMARK_ENVELOPE = 'pm_bounces@pm.mtasv.net';

/** Facts every rule needs, worked out once. */
export interface Derived {
  /** The domain mail is From: the From address's domain, else the tenant domain. */
  mailDomain: string;
  fromAddress: string;
  addressIsExample: boolean;
  /** The From address is on a different domain than the tenant's (e.g. acme.io vs acme.com). */
  fromOffDomain: boolean;
  customerName: string;
  publicMailbox: boolean;
  offered: (o: SendingOption) => boolean;
  /** The option 3 From line with the default "Customer via Vendor" preset. */
  option3: BuiltFrom;
}

export function derive(facts: OptionsFacts): Derived {
  const { tenant, vendor } = facts;
  const tenantDomain = canonicalName(tenant.domain);
  const fromDomain = domainOfAddress(tenant.fromAddress);
  const mailDomain = fromDomain || tenantDomain;
  const addressIsExample = tenant.fromAddress.trim() === '';
  // The operator may mark a domain as public; the built-in list cannot be overridden to "not public"
  // because Postmark refuses those domains whatever we think.
  const publicMailbox = facts.domainIsPublicMailbox === true || isPublicMailboxDomain(mailDomain) || isPublicMailboxDomain(tenantDomain);
  return {
    mailDomain,
    fromAddress: addressIsExample ? `support@${tenantDomain}` : tenant.fromAddress.trim(),
    addressIsExample,
    fromOffDomain: fromDomain !== '' && fromDomain !== tenantDomain && !fromDomain.endsWith(`.${tenantDomain}`),
    customerName: customerDisplayName(tenant),
    publicMailbox,
    offered: (o) => facts.offered.includes(o),
    option3: buildFrom({ tenant, vendor, preset: 'via' }),
  };
}
