import type { Tenant, TenantStatus, SendingOption } from '../../src-preload/api/tenants';

/** The tenants table row as SQLite returns it. */
export interface TenantRow {
  id: string;
  name: string;
  contact_name: string;
  contact_email: string;
  domain: string;
  from_address: string;
  from_name: string;
  option: number | null;
  status: string;
  notes: string;
  created_at: string;
  updated_at: string;
  tags: string | null; // group_concat of tenant_tags, '\u001f'-separated
}

export const TAG_SEPARATOR = '\u001f';

export function rowToTenant(r: TenantRow): Tenant {
  return {
    id: r.id,
    name: r.name,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    domain: r.domain,
    fromAddress: r.from_address,
    fromName: r.from_name,
    option: (r.option ?? null) as SendingOption | null,
    status: r.status as TenantStatus,
    tags: r.tags ? r.tags.split(TAG_SEPARATOR).sort() : [],
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export const TENANT_COLUMNS = `t.id, t.name, t.contact_name, t.contact_email, t.domain, t.from_address, t.from_name,
  t.option, t.status, t.notes, t.created_at, t.updated_at,
  (SELECT group_concat(tag, char(31)) FROM tenant_tags g WHERE g.tenant_id = t.id) AS tags`;
