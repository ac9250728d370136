import type { Database } from 'better-sqlite3';
import { BehalfError } from '../../src-preload/api/errors';
import type { SheetInput } from './types';

/** Postmark's own CNAME target for Return-Path domains, used when a stored domain lacks the field. */
const POSTMARK_RETURN_PATH_TARGET = 'pm.mtasv.net';

export interface DomainRow {
  postmarkId: number;
  name: string;
  details: Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

function parseDetails(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The tenant's Postmark domain link. A tenant may have held several (a domain change): the one named like the
 * tenant's current domain wins, else the most recently updated.
 */
export function findDomainRow(db: Database, tenantId: string, domain: string): DomainRow | undefined {
  const rows = db
    .prepare(`SELECT postmark_id, name, name_lc, details_json FROM postmark_objects WHERE tenant_id = ? AND kind = 'domain' ORDER BY updated_at DESC, id DESC`)
    .all(tenantId) as { postmark_id: number; name: string; name_lc: string; details_json: string }[];
  const row = rows.find((r) => r.name_lc === domain.toLowerCase()) ?? rows[0];
  return row ? { postmarkId: row.postmark_id, name: row.name, details: parseDetails(row.details_json) } : undefined;
}

/**
 * DKIM and Return-Path from Postmark DomainDetails, read defensively (the row is whatever Postmark last said).
 * A pending key is what the customer must publish now, so it wins over the active one; host and value are
 * always taken as a pair so a pending host is never shown with the old key.
 */
export function recordsFromDomainDetails(details: Record<string, unknown>): SheetInput['records'] {
  const records: SheetInput['records'] = {};
  const pendingHost = str(details.DKIMPendingHost);
  const pendingValue = str(details.DKIMPendingTextValue);
  const host = pendingHost && pendingValue ? pendingHost : str(details.DKIMHost);
  const value = pendingHost && pendingValue ? pendingValue : str(details.DKIMTextValue);
  if (host && value) records.dkim = { host, value };
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
    'Provision the domain in Postmark first, on the tenant\'s Postmark tab (Provision, or Refresh if the domain already exists): the DKIM key comes from Postmark.',
  );
}
