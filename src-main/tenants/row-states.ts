import type { TenantRowState } from '../../src-preload/api/tenant-queries';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../ledger/open';

/**
 * The latest DNS check and open Postmark jobs for one page of tenants, in two indexed queries, so the list can
 * show "failing" and "3 pending" without the tenants index knowing about checks or jobs.
 */
export function rowStates(db: Db, ids: readonly string[]): Record<string, TenantRowState> {
  const out: Record<string, TenantRowState> = {};
  if (ids.length === 0) return out;
  const json = JSON.stringify(ids);
  for (const id of ids) out[id] = { lastCheck: null, pendingJobs: 0, attentionJobs: 0 };
  const { checks: checksStmt, jobs: jobsStmt } = statementsFor(db);
  const checks = checksStmt.all(json) as { id: string; status: 'ok' | 'warning' | 'failing' | 'error'; checkedAt: string; driftCount: number }[];
  for (const c of checks) out[c.id]!.lastCheck = { status: c.status, checkedAt: c.checkedAt, driftCount: c.driftCount };
  const jobs = jobsStmt.all(json) as { id: string; pending: number; attention: number }[];
  for (const j of jobs) Object.assign(out[j.id]!, { pendingJobs: j.pending, attentionJobs: j.attention });
  return out;
}

/** Prepared once per connection: this runs on every page the tenants table fetches (every keystroke). */
const prepared = new WeakMap<Db, { checks: Statement; jobs: Statement }>();
function statementsFor(db: Db): { checks: Statement; jobs: Statement } {
  let s = prepared.get(db);
  if (!s) {
    s = {
      checks: db.prepare(
        `SELECT c.tenant_id AS id, c.status, c.checked_at AS checkedAt, json_array_length(c.drift_json) AS driftCount
         FROM dns_checks c
         JOIN (SELECT tenant_id, max(id) AS id FROM dns_checks WHERE tenant_id IN (SELECT value FROM json_each(?)) GROUP BY tenant_id) latest
           ON latest.id = c.id`,
      ),
      jobs: db.prepare(
        `SELECT tenant_id AS id,
           sum(state IN ('queued', 'running')) AS pending,
           sum(state IN ('needs-attention', 'failed')) AS attention
         FROM postmark_jobs WHERE tenant_id IN (SELECT value FROM json_each(?)) GROUP BY tenant_id`,
      ),
    };
    prepared.set(db, s);
  }
  return s;
}
