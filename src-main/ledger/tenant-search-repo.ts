import { asciiSearchTerm } from '../../src-preload/api/domain-input';
import type { TenantListQuery } from '../../src-preload/api/tenant-queries';
import { tenantListQuerySchema } from '../../src-preload/api/tenant-queries';
import type { Tenant } from '../../src-preload/api/tenants';
import type { Db } from './open';
import { rowToTenant, TENANT_COLUMNS, type TenantRow } from './tenant-rows';

const SORT_SQL: Record<string, string> = {
  name: 't.name_lc',
  domain: 't.domain',
  option: 'coalesce(t.option, 0)',
  status: 't.status',
  updatedAt: 't.updated_at',
  createdAt: 't.created_at',
};

/** Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern. */
function likeTerm(s: string): string {
  return `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Builds the WHERE clause for a tenants query; parameters are always bound, never interpolated. */
function whereClause(q: ReturnType<typeof tenantListQuerySchema.parse>): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (!q.includeArchived && !q.statuses.includes('archived')) parts.push(`t.status != 'archived'`);
  const search = q.search.trim();
  if (search) {
    // A Unicode search also looks for its A-label form, which is what the domain column holds (issue #22).
    const alabel = asciiSearchTerm(search);
    parts.push(
      `(t.name_lc LIKE ? ESCAPE '\\' OR t.domain LIKE ? ESCAPE '\\' OR t.domain LIKE ? ESCAPE '\\' OR lower(t.contact_email) LIKE ? ESCAPE '\\' OR lower(t.contact_name) LIKE ? ESCAPE '\\')`,
    );
    const term = likeTerm(search);
    params.push(term, term, alabel ? likeTerm(alabel) : term, term, term);
  }
  if (q.options.length) {
    const nums = q.options.filter((o): o is 1 | 2 | 3 => o !== 'undecided');
    const ors: string[] = [];
    if (nums.length) {
      ors.push(`t.option IN (${nums.map(() => '?').join(',')})`);
      params.push(...nums);
    }
    if (q.options.includes('undecided')) ors.push('t.option IS NULL');
    parts.push(`(${ors.join(' OR ')})`);
  }
  if (q.statuses.length) {
    parts.push(`t.status IN (${q.statuses.map(() => '?').join(',')})`);
    params.push(...q.statuses);
  }
  for (const tag of q.tags) {
    parts.push('EXISTS (SELECT 1 FROM tenant_tags g WHERE g.tenant_id = t.id AND g.tag = ?)');
    params.push(tag.toLowerCase());
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function searchTenants(db: Db, query: TenantListQuery): { total: number; offset: number; rows: Tenant[] } {
  const q = tenantListQuerySchema.parse(query);
  const { sql, params } = whereClause(q);
  const order = `${SORT_SQL[q.sort]} ${q.dir === 'desc' ? 'DESC' : 'ASC'}, t.id ASC`;
  const total = (db.prepare(`SELECT count(*) AS n FROM tenants t ${sql}`).get(...params) as { n: number }).n;
  const rows = db.prepare(`SELECT ${TENANT_COLUMNS} FROM tenants t ${sql} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as TenantRow[];
  return { total, offset: q.offset, rows: rows.map(rowToTenant) };
}
