import type { Db } from '../ledger/open';
import { ObjectStore } from './outbox/object-store';
import type { PostmarkObjectLink } from './outbox/types';

/**
 * What the rest of Behalf may know about a tenant's Postmark objects. postmark_objects belongs to the outbox's
 * ObjectStore; DNS checks, sheets, options switches and test sends ask here instead of reading the table, so
 * "the tenant's domain" and "the DKIM key that counts" are decided once.
 */

export interface DkimKey {
  host: string;
  /** Undefined when Postmark named the key's host but not (yet) its value: never filled from another key. */
  value: string | undefined;
  /** True when it is the pending key (not yet verified by Postmark), false for the active one. */
  pending: boolean;
}

export interface TenantPostmarkDomain {
  postmarkId: number;
  /** As Postmark spells it. */
  name: string;
  /** What Postmark last returned (DomainDetails), minus tokens. */
  details: Record<string, unknown>;
  /** The key the customer must have in DNS now; undefined while Postmark has given no complete key. */
  dkim: DkimKey | undefined;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/**
 * The one rule for which DKIM key counts. Postmark's DomainDetails carry up to three keys: pending
 * (DKIMPendingHost/DKIMPendingTextValue: a new domain's first key, or the new key after a rotation, until Postmark
 * verifies it), active (DKIMHost/DKIMTextValue: the key Postmark signs with) and revoked. A pending key counts as
 * soon as Postmark names its host: it is the one the customer must publish now, so DNS checks look for it, sheets
 * hand it over, send refusals name it and a switch away removes it. Only when there is no pending key does the
 * active one count. Host and value always come from the same key: a pending host is never paired with the active
 * value (a caller that needs the value, like the sheet, treats a key without one as "no key yet").
 */
export function dkimKeyThatCounts(details: Record<string, unknown>): DkimKey | undefined {
  const pendingHost = text(details.DKIMPendingHost);
  if (pendingHost) return { host: pendingHost, value: text(details.DKIMPendingTextValue), pending: true };
  const host = text(details.DKIMHost);
  return host ? { host, value: text(details.DKIMTextValue), pending: false } : undefined;
}

/**
 * The one rule for "the tenant's Postmark domain" among its links (a tenant may have held several, after a domain
 * change): the one named like the tenant's current domain wins, else the most recently updated.
 */
export function pickTenantDomain(links: readonly PostmarkObjectLink[], tenantDomain: string): PostmarkObjectLink | undefined {
  const domains = links
    .map((link, order) => ({ link, order }))
    .filter(({ link }) => link.kind === 'domain')
    .sort((a, b) => b.link.updatedAt.localeCompare(a.link.updatedAt) || b.order - a.order)
    .map(({ link }) => link);
  const wanted = tenantDomain.toLowerCase();
  return domains.find((d) => d.name.toLowerCase() === wanted) ?? domains[0];
}

/** Every Postmark object linked to the tenant (servers, domains, senders; oldest first within a kind). */
export function tenantPostmarkLinks(db: Db, tenantId: string): PostmarkObjectLink[] {
  return new ObjectStore(db).forTenant(tenantId);
}

/** The tenant's Postmark domain and the DKIM key that counts, or undefined when no domain is linked. */
export function tenantPostmarkDomain(db: Db, tenant: { id: string; domain: string }): TenantPostmarkDomain | undefined {
  const link = pickTenantDomain(tenantPostmarkLinks(db, tenant.id), tenant.domain);
  return link ? { postmarkId: link.postmarkId, name: link.name, details: link.details, dkim: dkimKeyThatCounts(link.details) } : undefined;
}

/** How many other tenants are linked to a Postmark domain of this name (then it must stay when one leaves it). */
export function otherTenantsOnDomain(db: Db, domainName: string, exceptTenantId: string): number {
  return new ObjectStore(db).tenantsWithDomain(domainName, exceptTenantId);
}
