import type { Db } from '../../ledger/open';
import type { ObjectKind, PostmarkObjectLink } from './types';
import { ownedTables } from '../../ledger/table-rows-repo';

interface ObjectRow {
  tenant_id: string;
  kind: ObjectKind;
  postmark_id: number;
  name: string;
  details_json: string;
  created_at: string;
  updated_at: string;
}

type ObjectUpsert = { tenantId: string; kind: ObjectKind; postmarkId: number; name: string; details: object };

/** Keys that must never be written to the ledger even if a caller passes a raw Postmark object. */
const SECRET_KEYS = new Set(['apitokens', 'apitoken', 'token', 'servertoken']);

/** postmark_objects: which Postmark server/domain/sender belongs to which tenant, plus non-secret details. */
export class ObjectStore {
  constructor(private readonly db: Db) {}

  upsert(link: ObjectUpsert, now: string): void {
    this.upserter()(link, now);
  }

  /** upsert with its statement prepared once, for callers that write many rows (reconcile). */
  upserter(): (link: ObjectUpsert, now: string) => void {
    const statement = this.db.prepare(`INSERT INTO postmark_objects (tenant_id, kind, postmark_id, name, name_lc, details_json, created_at, updated_at)
        VALUES (@tenantId, @kind, @postmarkId, @name, @nameLc, @details, @now, @now)
        ON CONFLICT (kind, postmark_id) DO UPDATE SET
          tenant_id = excluded.tenant_id, name = excluded.name, name_lc = excluded.name_lc,
          details_json = excluded.details_json, updated_at = excluded.updated_at`);
    return (link, now) => void statement.run({ ...link, nameLc: link.name.toLowerCase(), details: JSON.stringify(stripSecrets(link.details)), now });
  }

  /** Refreshes details of an object already linked; unknown objects are left alone (a verify of a foreign domain). */
  updateDetails(kind: ObjectKind, postmarkId: number, details: object, now: string): boolean {
    const info = this.db
      .prepare(`UPDATE postmark_objects SET details_json = ?, updated_at = ? WHERE kind = ? AND postmark_id = ?`)
      .run(JSON.stringify(stripSecrets(details)), now, kind, postmarkId);
    return info.changes === 1;
  }

  remove(kind: ObjectKind, postmarkId: number): PostmarkObjectLink | undefined {
    const existing = this.get(kind, postmarkId);
    this.db.prepare(`DELETE FROM postmark_objects WHERE kind = ? AND postmark_id = ?`).run(kind, postmarkId);
    return existing;
  }

  get(kind: ObjectKind, postmarkId: number): PostmarkObjectLink | undefined {
    const row = this.db.prepare(`SELECT * FROM postmark_objects WHERE kind = ? AND postmark_id = ?`).get(kind, postmarkId) as ObjectRow | undefined;
    return row ? toLink(row) : undefined;
  }

  findByName(kind: ObjectKind, name: string): PostmarkObjectLink | undefined {
    const row = this.db.prepare(`SELECT * FROM postmark_objects WHERE kind = ? AND name_lc = ? ORDER BY id LIMIT 1`).get(kind, name.toLowerCase()) as
      ObjectRow | undefined;
    return row ? toLink(row) : undefined;
  }

  forTenant(tenantId: string): PostmarkObjectLink[] {
    return (this.db.prepare(`SELECT * FROM postmark_objects WHERE tenant_id = ? ORDER BY kind, id`).all(tenantId) as ObjectRow[]).map(toLink);
  }

  /** Tenants other than `exceptTenantId` linked to a domain of this name. */
  tenantsWithDomain(name: string, exceptTenantId: string): number {
    const row = this.db
      .prepare(`SELECT COUNT(DISTINCT tenant_id) AS n FROM postmark_objects WHERE kind = 'domain' AND name_lc = ? AND tenant_id <> ?`)
      .get(name.toLowerCase(), exceptTenantId) as { n: number };
    return row.n;
  }

  all(): PostmarkObjectLink[] {
    return (this.db.prepare(`SELECT * FROM postmark_objects ORDER BY tenant_id, kind, id`).all() as ObjectRow[]).map(toLink);
  }
}

export function stripSecrets(details: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).filter(([key]) => !SECRET_KEYS.has(key.toLowerCase())));
}

function toLink(row: ObjectRow): PostmarkObjectLink {
  return {
    tenantId: row.tenant_id,
    kind: row.kind,
    postmarkId: row.postmark_id,
    name: row.name,
    details: JSON.parse(row.details_json) as Record<string, unknown>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Links to Postmark objects, for the whole-ledger export (issue #20). Tokens never reach this table (stripSecrets).
 * The outbox (postmark_jobs) is not exported: importing queued jobs would repeat Postmark calls.
 */
export const postmarkLinkTables = ownedTables([{ name: 'postmark_objects', orderBy: 'id' }]);
