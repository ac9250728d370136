import type { Tenant } from '../../src-preload/api/tenants';
import type { Db } from '../ledger/open';
import type { CheckInput } from './expected-records';

export interface TenantCheckInput {
  input: CheckInput;
  /** False when no Postmark domain is linked yet: option-1 DKIM cannot be compared (provision first). */
  hasPostmarkDomain: boolean;
}

interface DomainRow {
  name: string;
  details_json: string;
}

/** The tenant's Postmark domain rows, tolerating a ledger without the table (older schema). */
function postmarkDomains(db: Db, tenantId: string): DomainRow[] {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'postmark_objects'`).get();
  if (!table) return [];
  return db.prepare(`SELECT name, details_json FROM postmark_objects WHERE tenant_id = ? AND kind = 'domain' ORDER BY id`).all(tenantId) as DomainRow[];
}

function details(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
/** postmark.js 3.x typed SafeToRemoveRevokedKeyFromDNS as a string; 4.x/5.x as a boolean. */
const truthy = (v: unknown): boolean => v === true || v === 'true' || v === 'True';

function addressDomain(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  return at > 0 ? address.slice(at + 1).trim().toLowerCase() || undefined : undefined;
}

/**
 * What to check for a tenant. Option 1: the Postmark domain (DomainDetails in postmark_objects) gives the
 * DKIM host/value (pending key first: that is the one the customer must publish now), the revoked key and
 * the Return-Path. Option 2: the From address's domain, since its DMARC policy decides delivery.
 */
export function tenantCheckInput(db: Db, tenant: Tenant): TenantCheckInput {
  const rows = postmarkDomains(db, tenant.id);
  const row = rows.find((r) => r.name.toLowerCase() === tenant.domain) ?? rows[0];
  const option = tenant.option ?? undefined;
  const base = option === 2 ? (addressDomain(tenant.fromAddress) ?? tenant.domain) : tenant.domain;
  const plain: CheckInput = { domain: base, ...(option ? { option } : {}) };
  if (!row) return { input: plain, hasPostmarkDomain: false };
  // Options 2 and 3 publish nothing in the customer's DNS; the Postmark domain's records would only confuse.
  if (option === 2 || option === 3) return { input: plain, hasPostmarkDomain: true };

  const d = details(row.details_json);
  const input: CheckInput = { domain: row.name.toLowerCase(), ...(option ? { option } : {}) };
  const dkimHost = text(d.DKIMPendingHost) ?? text(d.DKIMHost);
  const dkimValue = text(d.DKIMPendingHost) ? text(d.DKIMPendingTextValue) : text(d.DKIMTextValue);
  if (dkimHost) input.dkimHost = dkimHost;
  if (dkimHost && dkimValue) input.dkimValue = dkimValue;
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
