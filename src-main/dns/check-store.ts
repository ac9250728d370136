import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import { compareReports, type DriftItem } from './drift';
import { summarizeStatus, type CheckReport, type SummaryStatus } from './report';
import { writeTransaction } from '../ledger/write-transaction';
import { ownedTables } from '../ledger/table-rows-repo';

export interface StoredCheck {
  id: number;
  tenantId: string;
  domain: string;
  checkedAt: string;
  status: SummaryStatus;
  report: CheckReport;
  /** Drift against the tenant's previous check of the same domain ([] for the first one). */
  drift: DriftItem[];
}

/** One row per tenant for list views, without the report body. */
export interface CheckSummaryRow {
  tenantId: string;
  domain: string;
  checkedAt: string;
  status: SummaryStatus;
  driftCount: number;
}

export interface CheckStore {
  /** Saves a report for a tenant, computing drift against that tenant's latest check of the same domain. */
  save(tenantId: string, report: CheckReport): StoredCheck;
  latest(tenantId: string): StoredCheck | null;
  /** Newest first; page with `beforeId` (the id of the last row already shown). */
  history(tenantId: string, opts?: { limit?: number; beforeId?: number }): StoredCheck[];
  /** The latest check of every tenant that has one. */
  latestAll(): CheckSummaryRow[];
}

interface Row {
  id: number;
  tenant_id: string;
  domain: string;
  checked_at: string;
  status: SummaryStatus;
  report_json: string;
  drift_json: string;
}

function fromRow(r: Row): StoredCheck {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    domain: r.domain,
    checkedAt: r.checked_at,
    status: r.status,
    report: JSON.parse(r.report_json) as CheckReport,
    drift: JSON.parse(r.drift_json) as DriftItem[],
  };
}

const MAX_HISTORY_PAGE = 500;

export function createCheckStore(db: Database): CheckStore {
  const insert = db.prepare(`INSERT INTO dns_checks (tenant_id, domain, checked_at, status, report_json, drift_json) VALUES (?, ?, ?, ?, ?, ?)`);
  // "Latest" means last saved (highest id), not highest checked_at: a bulk run saves reports as checks
  // finish, and drift must compare against what was saved before, whatever the clocks said.
  const latestStmt = db.prepare(`SELECT * FROM dns_checks WHERE tenant_id = ? ORDER BY id DESC LIMIT 1`);
  const latestForDomain = db.prepare(`SELECT * FROM dns_checks WHERE tenant_id = ? AND domain = ? ORDER BY id DESC LIMIT 1`);
  const historyStmt = db.prepare(`SELECT * FROM dns_checks WHERE tenant_id = ? AND id < ? ORDER BY id DESC LIMIT ?`);
  const latestAllStmt = db.prepare(`
    SELECT c.tenant_id, c.domain, c.checked_at, c.status, json_array_length(c.drift_json) AS drift_count
    FROM dns_checks c
    WHERE c.id = (SELECT MAX(d.id) FROM dns_checks d WHERE d.tenant_id = c.tenant_id)
    ORDER BY c.tenant_id`);

  // Reads the previous check and writes the new one: immediate, so no other writer slips in between.
  const save = (tenantId: string, report: CheckReport): StoredCheck =>
    writeTransaction(db, () => {
      const prev = latestForDomain.get(tenantId, report.domain) as Row | undefined;
      const drift = prev ? compareReports(JSON.parse(prev.report_json) as CheckReport, report) : [];
      const status = summarizeStatus(report);
      const info = insert.run(tenantId, report.domain, report.checkedAt, status, JSON.stringify(report), JSON.stringify(drift));
      return { id: Number(info.lastInsertRowid), tenantId, domain: report.domain, checkedAt: report.checkedAt, status, report, drift };
    });

  return {
    save: (tenantId, report) => save(tenantId, report),
    latest(tenantId) {
      const row = latestStmt.get(tenantId) as Row | undefined;
      return row ? fromRow(row) : null;
    },
    history(tenantId, opts = {}) {
      const limit = Math.min(Math.max(1, opts.limit ?? 50), MAX_HISTORY_PAGE);
      return (historyStmt.all(tenantId, opts.beforeId ?? Number.MAX_SAFE_INTEGER, limit) as Row[]).map(fromRow);
    },
    latestAll() {
      return (latestAllStmt.all() as (Omit<Row, 'report_json' | 'drift_json' | 'id'> & { drift_count: number })[]).map((r) => ({
        tenantId: r.tenant_id,
        domain: r.domain,
        checkedAt: r.checked_at,
        status: r.status,
        driftCount: r.drift_count,
      }));
    },
  };
}

/**
 * The part of a stored report other features may read (options advisor, DMARC panel), as a schema: report_json
 * belongs to the DNS feature and may be from an older version, so a field of an unexpected shape reads as "not
 * known" instead of being trusted or failing the caller.
 */
const text = z.string().nullish().catch(null);
const storedCheckFactsSchema = z.object({
  dmarc: z.object({ record: text, source: text, applied: text, p: text }).nullish().catch(null),
  option2: z.object({ verdict: text, reason: text }).nullish().catch(null),
  records: z
    .array(z.object({ kind: z.unknown(), cause: z.unknown(), status: z.unknown() }).catch({ kind: undefined, cause: undefined, status: undefined }))
    .nullish()
    .catch(null),
});
export type StoredCheckFacts = z.infer<typeof storedCheckFactsSchema>;

export interface LatestCheckFacts {
  domain: string;
  checkedAt: string;
  facts: StoredCheckFacts;
}

function factsOf(row: { domain: string; checked_at: string; report_json: string } | undefined): LatestCheckFacts | null {
  if (!row) return null;
  let json: unknown;
  try {
    json = JSON.parse(row.report_json);
  } catch {
    return null;
  }
  const parsed = storedCheckFactsSchema.safeParse(json);
  return parsed.success ? { domain: row.domain, checkedAt: row.checked_at, facts: parsed.data } : null;
}

/** The latest check of this tenant on any of these domains (case-insensitive); null when there is none. */
export function latestTenantCheckFacts(db: Database, tenantId: string, domains: readonly string[]): LatestCheckFacts | null {
  const wanted = [...new Set(domains.map((d) => d.toLowerCase()).filter(Boolean))];
  if (wanted.length === 0) return null;
  return factsOf(
    db
      .prepare(
        `SELECT domain, checked_at, report_json FROM dns_checks
              WHERE tenant_id = ? AND lower(domain) IN (${wanted.map(() => '?').join(', ')})
              ORDER BY id DESC LIMIT 1`,
      )
      .get(tenantId, ...wanted) as { domain: string; checked_at: string; report_json: string } | undefined,
  );
}

/** The latest check of a domain by any tenant; null when there is none. */
export function latestDomainCheckFacts(db: Database, domain: string): LatestCheckFacts | null {
  return factsOf(
    db.prepare('SELECT domain, report_json, checked_at FROM dns_checks WHERE domain = ? ORDER BY id DESC LIMIT 1').get(domain) as
      { domain: string; checked_at: string; report_json: string } | undefined,
  );
}

const latestStatusStmts = new WeakMap<Database, Statement>();
/**
 * Status of the latest check of each of these tenants (one indexed query, prepared once per connection: the
 * tenants list asks for every page it shows, every keystroke).
 */
export function latestCheckStatuses(
  db: Database,
  tenantIds: readonly string[],
): { id: string; status: SummaryStatus; checkedAt: string; driftCount: number }[] {
  let stmt = latestStatusStmts.get(db);
  if (!stmt) {
    stmt = db.prepare(
      `SELECT c.tenant_id AS id, c.status, c.checked_at AS checkedAt, json_array_length(c.drift_json) AS driftCount
       FROM dns_checks c
       JOIN (SELECT tenant_id, max(id) AS id FROM dns_checks WHERE tenant_id IN (SELECT value FROM json_each(?)) GROUP BY tenant_id) latest
         ON latest.id = c.id`,
    );
    latestStatusStmts.set(db, stmt);
  }
  return stmt.all(JSON.stringify(tenantIds)) as { id: string; status: SummaryStatus; checkedAt: string; driftCount: number }[];
}

/** Every stored DNS check, for the whole-ledger export (issue #20). */
export const checkTables = ownedTables([{ name: 'dns_checks', orderBy: 'id' }]);
