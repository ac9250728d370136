import type { Services } from '../../src-main/app/services';
import type { Tenant } from '../../src-preload/api/tenants';

/** A real 1024-bit DKIM public key, as Postmark hands it out. */
export const SAMPLE_DKIM_VALUE =
  'k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDNPP40a335ptE8gpHCc3hmJ0mZcqVtDMUn5hQbb7ELWb5FLqRUDVgGY/d1KuR/C3otVODwKYJOqce7+2Z0XrudKO2VoO9l4iaAm1OKZfklUOOUXv5pcdvBVHuE01dEMMFE/oVBpi6xpt84L0GRSiSey62VdyXdSlUdO2T15A/ORwIDAQAB';

/** Postmark DomainDetails as the outbox stores it in postmark_objects.details_json. */
export function postmarkDomainDetails(domain: string, id: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ID: id,
    Name: domain,
    SPFVerified: false,
    DKIMVerified: false,
    WeakDKIM: false,
    ReturnPathDomainVerified: false,
    DKIMHost: '',
    DKIMTextValue: '',
    DKIMPendingHost: `20240817055129pm._domainkey.${domain}`,
    DKIMPendingTextValue: SAMPLE_DKIM_VALUE,
    DKIMRevokedHost: '',
    DKIMRevokedTextValue: '',
    SafeToRemoveRevokedKeyFromDNS: false,
    DKIMUpdateStatus: 'Pending',
    ReturnPathDomain: `pm-bounces.${domain}`,
    ReturnPathDomainCNAMEValue: 'pm.mtasv.net',
    ...overrides,
  };
}

/** Writes the tenant ↔ Postmark domain link the way the Postmark outbox does. */
export function insertPostmarkDomain(s: Pick<Services, 'db'>, tenantId: string, details: Record<string, unknown>): void {
  const now = new Date().toISOString();
  const name = String(details.Name);
  s.db
    .prepare(
      `INSERT INTO postmark_objects (tenant_id, kind, postmark_id, name, name_lc, details_json, created_at, updated_at) VALUES (?, 'domain', ?, ?, ?, ?, ?, ?)`,
    )
    .run(tenantId, Number(details.ID), name, name.toLowerCase(), JSON.stringify(details), now, now);
}

/** An option-1 tenant in status awaiting-dns (through the real status lifecycle), with its Postmark domain. */
export function addAwaitingTenant(s: Pick<Services, 'db' | 'tenants'>, name: string, domain: string, postmarkId: number, withDomain = true): Tenant {
  const t = s.tenants.create({ name, domain, contactName: 'Jordan Lee', option: 1 });
  s.tenants.update(t.id, { status: 'provisioning' });
  const updated = s.tenants.update(t.id, { status: 'awaiting-dns' });
  if (withDomain) insertPostmarkDomain(s, t.id, postmarkDomainDetails(domain, postmarkId));
  return updated;
}
