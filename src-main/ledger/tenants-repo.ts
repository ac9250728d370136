import type { Statement } from 'better-sqlite3';
import type { Tenant } from '../../src-preload/api/tenants';
import type { Db } from './open';
import { rowToTenant, TENANT_COLUMNS, type TenantRow } from './tenant-rows';
import { countRows, ownedTables } from './table-rows';

/** Plain storage of tenants and their tags. Rules (validation, audit) live in the tenants service. */
export class TenantsRepo {
  private readonly byId: Statement<[string], TenantRow>;
  private readonly insertStmt: Statement;
  private readonly updateStmt: Statement;
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
    this.updateStmt = db.prepare(`UPDATE tenants SET name=@name, name_lc=@name_lc, contact_name=@contactName,
      contact_email=@contactEmail, domain=@domain, from_address=@fromAddress, from_name=@fromName, option=@option,
      status=@status, notes=@notes, updated_at=@updatedAt WHERE id=@id`);
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
  findOtherByDomain(domain: string, exceptId = ''): { id: string; name: string } | undefined {
    return this.byDomain.get(domain, exceptId);
  }

  insert(t: Tenant): void {
    this.insertStmt.run(this.params(t));
    this.writeTags(t);
  }

  update(t: Tenant): void {
    this.updateStmt.run(this.params(t));
    this.writeTags(t);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM tenants').get() as { n: number }).n;
  }

  tags(): { tag: string; count: number }[] {
    return this.db
      .prepare('SELECT tag, count(*) AS count FROM tenant_tags GROUP BY tag ORDER BY count DESC, tag LIMIT 500')
      .all() as { tag: string; count: number }[];
  }

  private writeTags(t: Tenant): void {
    this.deleteTags.run(t.id);
    for (const tag of t.tags) this.insertTag.run(t.id, tag);
  }

  private params(t: Tenant) {
    return { ...t, name_lc: t.name.toLowerCase(), option: t.option };
  }
}

/** Tenants and their tags, for the whole-ledger export (issue #20). */
export const tenantTables = ownedTables([
  { name: 'tenants', orderBy: 'id' },
  { name: 'tenant_tags', orderBy: 'tenant_id, tag' },
]);

export const countTenants = (db: Db): number => countRows(db, 'tenants');
