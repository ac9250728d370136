import type { TenantRowState } from '../../src-preload/api/tenant-queries';
import { latestCheckStatuses } from '../dns/check-store';
import type { Db } from '../ledger/open';
import { openJobCounts } from '../postmark/outbox/job-store';
import { lastOperators } from '../ledger/audit-repo';

/**
 * The latest DNS check, open Postmark jobs and who changed it last (team mode) for one page of tenants, asked of their owners (two indexed
 * queries), so the list can show "failing" and "3 pending" without the tenants index knowing about checks or jobs.
 */
export function rowStates(db: Db, ids: readonly string[]): Record<string, TenantRowState> {
  const out: Record<string, TenantRowState> = {};
  if (ids.length === 0) return out;
  for (const id of ids) out[id] = { lastCheck: null, pendingJobs: 0, attentionJobs: 0, changedBy: null };
  for (const c of latestCheckStatuses(db, ids)) out[c.id]!.lastCheck = { status: c.status, checkedAt: c.checkedAt, driftCount: c.driftCount };
  for (const j of openJobCounts(db, ids)) Object.assign(out[j.id]!, { pendingJobs: j.pending, attentionJobs: j.attention });
  for (const o of lastOperators(db, ids)) out[o.id]!.changedBy = o.name;
  return out;
}
