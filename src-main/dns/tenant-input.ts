import type { Tenant } from '../../src-preload/api/tenants';
import type { Db } from '../ledger/open';
import { tenantPostmarkDomain } from '../postmark/links';
import type { CheckInput } from './expected-records';

export interface TenantCheckInput {
  input: CheckInput;
  /** False when no Postmark domain is linked yet: option-1 DKIM cannot be compared (provision first). */
  hasPostmarkDomain: boolean;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
/** postmark.js 3.x typed SafeToRemoveRevokedKeyFromDNS as a string; 4.x/5.x as a boolean. */
const truthy = (v: unknown): boolean => v === true || v === 'true' || v === 'True';

function addressDomain(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  return at > 0
    ? address
        .slice(at + 1)
        .trim()
        .toLowerCase() || undefined
    : undefined;
}

/**
 * What to check for a tenant. Option 1: the tenant's Postmark domain (asked of postmark/links) gives the
 * DKIM key that counts (the pending one first: that is the one the customer must publish now), the revoked key
 * and the Return-Path. Option 2: the From address's domain, since its DMARC policy decides delivery.
 */
export function tenantCheckInput(db: Db, tenant: Tenant): TenantCheckInput {
  const row = tenantPostmarkDomain(db, tenant);
  const option = tenant.option ?? undefined;
  const base = option === 2 ? (addressDomain(tenant.fromAddress) ?? tenant.domain) : tenant.domain;
  const plain: CheckInput = { domain: base, ...(option ? { option } : {}) };
  if (!row) return { input: plain, hasPostmarkDomain: false };
  // Options 2 and 3 publish nothing in the customer's DNS; the Postmark domain's records would only confuse.
  if (option === 2 || option === 3) return { input: plain, hasPostmarkDomain: true };

  const d = row.details;
  const input: CheckInput = { domain: row.name.toLowerCase(), ...(option ? { option } : {}) };
  if (row.dkim) input.dkimHost = row.dkim.host;
  if (row.dkim?.value) input.dkimValue = row.dkim.value;
  const returnPath = text(d.ReturnPathDomain);
  if (returnPath) input.returnPath = returnPath;
  const revokedHost = text(d.DKIMRevokedHost);
  if (revokedHost) {
    input.revokedDkimHost = revokedHost;
    const revokedValue = text(d.DKIMRevokedTextValue);
    if (revokedValue) input.revokedDkimValue = revokedValue;
    input.safeToRemoveRevoked = truthy(d.SafeToRemoveRevokedKeyFromDNS);
  }
  return { input, hasPostmarkDomain: true };
}
