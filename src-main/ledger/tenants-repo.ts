import type { Statement } from 'better-sqlite3';
import type { Tenant, TenantStatus } from '../../src-preload/api/tenants';
import type { Db } from './open';
import { rowToTenant, TAG_SEPARATOR, TENANT_COLUMNS, type TenantRow } from './tenant-rows';
import { countRows, ownedTables } from './table-rows-repo';

/** Plain storage of tenants and their tags. Rules (validation, audit) live in the tenants service. */
export class TenantsRepo {
  private readonly byId: Statement<[string], TenantRow>;
  private readonly insertStmt: Statement;
  private readonly deleteTags: Statement<[string]>;
  private readonly insertTag: Statement<[string, string]>;
  private readonly byDomain: Statement<[string, string], { id: string; name: string }>;
  /** Prepared on first use and kept: every page of the tenant list reads its rows with it. */
  private manyById: Statement<[string], TenantRow> | undefined;

  constructor(private readonly db: Db) {
    this.byId = db.prepare(`SELECT ${TENANT_COLUMNS} FROM tenants t WHERE t.id = ?`);
    this.insertStmt = db.prepare(`INSERT INTO tenants (id, name, name_lc, contact_name, contact_email, domain,
      from_address, from_name, option, status, notes, created_at, updated_at)
      VALUES (@id, @name, @name_lc, @contactName, @contactEmail, @domain, @fromAddress, @fromName, @option,
      @status, @notes, @createdAt, @updatedAt)`);
    this.deleteTags = db.prepare('DELETE FROM tenant_tags WHERE tenant_id = ?');
    this.insertTag = db.prepare('INSERT OR IGNORE INTO tenant_tags (tenant_id, tag) VALUES (?, ?)');
    this.byDomain = db.prepare(`SELECT id, name FROM tenants WHERE domain = ? AND status != 'archived' AND id != ? LIMIT 1`);
  }

  get(id: string): Tenant | undefined {
    const row = this.byId.get(id);
    return row ? rowToTenant(row) : undefined;
  }

  /** Full rows for the given ids, in the given order (ids not found are skipped). */
  getMany(ids: readonly string[]): Tenant[] {
    if (ids.length === 0) return [];
    this.manyById ??= this.db.prepare(`SELECT ${TENANT_COLUMNS} FROM tenants t WHERE t.id IN (SELECT value FROM json_each(?))`);
    const rows = this.manyById.all(JSON.stringify(ids));
    const byId = new Map(rows.map((r) => [r.id, rowToTenant(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Another live tenant already using this domain, if any. */
  /** Every tenant in one of `statuses`, in name order: one query, for pages that judge them all (Health). */
  withStatuses(statuses: readonly TenantStatus[]): Tenant[] {
    const rows = this.db
      .prepare(`SELECT ${TENANT_COLUMNS} FROM tenants t WHERE t.status IN (SELECT value FROM json_each(?)) ORDER BY t.name_lc, t.id`)
      .all(JSON.stringify(statuses)) as TenantRow[];
    return rows.map(rowToTenant);
  }

  /** Every tenant that uses `option` and is not archived, in the list's default order (name, then id). */
  withOption(option: 1 | 2 | 3): Tenant[] {
    const rows = this.db
      .prepare(`SELECT ${TENANT_COLUMNS} FROM tenants t WHERE t.option = ? AND t.status != 'archived' ORDER BY t.name_lc, t.id`)
      .all(option) as TenantRow[];
    return rows.map(rowToTenant);
  }

  findOtherByDomain(domain: string, exceptId = ''): { id: string; name: string } | undefined {
    return this.byDomain.get(domain, exceptId);
  }

  insert(t: Tenant): void {
    this.insertStmt.run(this.params(t));
    this.writeTags(t);
  }

  /**
   * Writes the fields of `t` that differ from `before` (the row as read in the same transaction), and its tags only
   * when they changed. SQLite rewrites an index entry for every indexed column an UPDATE sets, changed or not: a
   * status change through a statement that set every column rewrote all five of the tenants table's indexes, and
   * emptied and refilled its tags (bench P4: 2,000 tenants' statuses follow a reconcile, 4,000 updates).
   */
  update(t: Tenant, before: Tenant): void {
    const set = UPDATABLE.filter(([field]) => t[field] !== before[field]).map(([, column, param]) => `${column}=@${param}`);
    if (t.name !== before.name) set.push('name_lc=@name_lc');
    set.push('updated_at=@updatedAt');
    // One statement per set of columns, prepared once (the ledger's statement cache).
    this.db.prepare(`UPDATE tenants SET ${set.join(', ')} WHERE id=@id`).run(this.params(t));
    if (t.tags.join(TAG_SEPARATOR) !== before.tags.join(TAG_SEPARATOR)) this.writeTags(t);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM tenants').get() as { n: number }).n;
  }

  tags(): { tag: string; count: number }[] {
    return this.db.prepare('SELECT tag, count(*) AS count FROM tenant_tags GROUP BY tag ORDER BY count DESC, tag LIMIT 500').all() as {
      tag: string;
      count: number;
    }[];
  }

  private writeTags(t: Tenant): void {
    this.deleteTags.run(t.id);
    for (const tag of t.tags) this.insertTag.run(t.id, tag);
  }

  private params(t: Tenant) {
    return { ...t, name_lc: t.name.toLowerCase(), option: t.option };
  }
}

/** A tenant's fields an update may change: field, column, statement parameter (`params`). */
const UPDATABLE: readonly (readonly [keyof Tenant, string, string])[] = [
  ['name', 'name', 'name'],
  ['contactName', 'contact_name', 'contactName'],
  ['contactEmail', 'contact_email', 'contactEmail'],
  ['domain', 'domain', 'domain'],
  ['fromAddress', 'from_address', 'fromAddress'],
  ['fromName', 'from_name', 'fromName'],
  ['option', 'option', 'option'],
  ['status', 'status', 'status'],
  ['notes', 'notes', 'notes'],
];

/** Tenants and their tags, for the whole-ledger export (issue #20). */
export const tenantTables = ownedTables([
  { name: 'tenants', orderBy: 'id' },
  { name: 'tenant_tags', orderBy: 'tenant_id, tag' },
]);

export const countTenants = (db: Db): number => countRows(db, 'tenants');

/*
 * Reads other features need of the tenants table. They ask here (or TenantService) instead of writing SQL of their own.
 */

/** Tenant ids whose exact name (lower-case) or domain is `ref`: live tenants first, then oldest; at most two. */
export function tenantIdsByNameOrDomain(db: Db, refLc: string): string[] {
  return (
    db.prepare(`SELECT id FROM tenants WHERE name_lc = ? OR domain = ? ORDER BY status = 'archived', created_at LIMIT 2`).all(refLc, refLc) as { id: string }[]
  ).map((r) => r.id);
}

/** The tenant's name, or null when there is no such tenant (a job may outlive its tenant). */
export function tenantName(db: Db, id: string): string | null {
  return (db.prepare('SELECT name FROM tenants WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? null;
}

/** Names of other tenants that are not archived, most recently updated first. */
export function otherTenantNames(db: Db, exceptId: string, limit: number): string[] {
  return (
    db.prepare(`SELECT name FROM tenants WHERE id <> ? AND status <> 'archived' ORDER BY updated_at DESC LIMIT ?`).all(exceptId, limit) as { name: string }[]
  ).map((r) => r.name);
}

/** The tenant whose domain is `domain` or a parent of it (the longest wins, then the oldest); null when none. */
export function tenantOwningDomain(db: Db, domain: string): { id: string; name: string } | null {
  // The domain and each of its parents (mail.acme.example, acme.example, example), each found through the domain
  // index. Matching `? LIKE '%.' || domain` read every tenant instead: 34 ms a domain at 100,000 tenants, and the
  // DMARC page's list of 1,000 domains held the console 34 s (bench P8).
  const labels = domain.split('.');
  const candidates = labels.map((_, i) => labels.slice(i).join('.'));
  const row = db
    .prepare(`SELECT id, name FROM tenants WHERE domain IN (SELECT value FROM json_each(?)) ORDER BY length(domain) DESC, created_at ASC LIMIT 1`)
    .get(JSON.stringify(candidates)) as { id: string; name: string } | undefined;
  return row ? { id: row.id, name: row.name } : null;
}

/** Every tenant that is not archived, with what reconcile matches Postmark objects by. */
export function activeTenantMatchKeys(db: Db): { id: string; name: string; domain: string; from_address: string }[] {
  return db.prepare(`SELECT id, name, domain, from_address FROM tenants WHERE status != 'archived'`).all() as {
    id: string;
    name: string;
    domain: string;
    from_address: string;
  }[];
}

/** One slice of tenants in name order after (name_lc, id), as raw rows, for the in-memory list index. */
export function tenantIndexSlice(db: Db, after: [string, string] | undefined, limit: number) {
  return db
    .prepare(
      `SELECT id, name, domain, contact_email, contact_name, option, status, updated_at, created_at, name_lc FROM tenants
        ${after ? 'WHERE (name_lc, id) > (?, ?)' : ''} ORDER BY name_lc, id LIMIT ?`,
    )
    .raw()
    .all(...(after ?? []), limit) as [string, string, string, string, string, 1 | 2 | 3 | null, Tenant['status'], string, string, string][];
}

/** Whether the ledger holds more than `n` tenants (archived included), without counting them all. */
export function hasMoreTenantsThan(db: Db, n: number): boolean {
  return db.prepare('SELECT 1 FROM tenants LIMIT 1 OFFSET ?').get(n) !== undefined;
}

/** The index's columns (as tenantIndexSlice) of these tenants; a tenant no longer in the ledger has no row. */
export function tenantIndexRows(db: Db, ids: readonly string[]) {
  return db
    .prepare(
      `SELECT id, name, domain, contact_email, contact_name, option, status, updated_at, created_at, name_lc FROM tenants
        WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .all(JSON.stringify(ids)) as ReturnType<typeof tenantIndexSlice>;
}

/** [tenant id, tag] pairs of these tenants. */
export function tagsOfTenants(db: Db, ids: readonly string[]): [string, string][] {
  return db.prepare('SELECT tenant_id, tag FROM tenant_tags WHERE tenant_id IN (SELECT value FROM json_each(?))').raw().all(JSON.stringify(ids)) as [
    string,
    string,
  ][];
}
