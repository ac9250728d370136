import type { ApiErrorShape } from '../../src-preload/api/errors';
import type { DriftItem } from './drift';
import type { CheckReport, SummaryStatus } from './report';

export type BulkState = 'running' | 'done' | 'cancelled' | 'failed';

export interface BulkTenantRef {
  tenantId: string;
  tenantName: string;
  domain: string;
  /** The record name (or reason) that put the tenant in this group. */
  detail: string;
}

export interface BulkGroup {
  cause: string;
  count: number;
  tenants: BulkTenantRef[];
}

export interface BulkRunSummary {
  taskId: string;
  state: BulkState;
  done: number;
  total: number;
  byStatus: Record<SummaryStatus | 'failed-to-check', number>;
  groups: BulkGroup[];
  drift: { tenantId: string; tenantName: string; domain: string; items: DriftItem[] }[];
}

/** Per-group and drift lists are capped: a 100k-tenant run keeps counts exact and memory flat. */
const MAX_REFS_PER_GROUP = 200;
const MAX_DRIFT_TENANTS = 500;

/** Pseudo-causes for grouping: a report's option-2 verdict and a check that threw are not record causes. */
export const GROUP_OPTION2_WILL_FAIL = 'option2-will-fail';
export const GROUP_FAILED = 'failed-to-check';
export const GROUP_OK = 'ok';

/** Collects one bulk run's results grouped by cause, so the UI and CLI can show "12 tenants: nxdomain". */
export class BulkRun {
  private readonly groups = new Map<string, BulkGroup>();
  private readonly summary: BulkRunSummary;

  /** Set once the task registry has given the run its id (the run starts before start() returns). */
  set taskId(id: string) {
    this.summary.taskId = id;
  }

  constructor(total: number) {
    this.summary = {
      taskId: '',
      state: 'running',
      done: 0,
      total,
      byStatus: { ok: 0, failing: 0, warning: 0, error: 0, 'failed-to-check': 0 },
      groups: [],
      drift: [],
    };
  }

  addReport(ref: Omit<BulkTenantRef, 'detail'>, report: CheckReport, status: SummaryStatus, drift: DriftItem[]): void {
    this.count(status);
    // One tenant counts once per cause, even when two of its records share it.
    const causes = new Map<string, string>();
    for (const r of report.records) if (r.status !== 'ok' && !causes.has(r.cause)) causes.set(r.cause, r.name);
    if (report.option === 2 && report.option2.verdict === 'will-fail') causes.set(GROUP_OPTION2_WILL_FAIL, report.option2.reason);
    if (causes.size === 0) causes.set(GROUP_OK, '');
    for (const [cause, detail] of causes) this.group(cause, { ...ref, detail });
    if (drift.length > 0 && this.summary.drift.length < MAX_DRIFT_TENANTS) this.summary.drift.push({ ...ref, items: drift });
  }

  addError(ref: Omit<BulkTenantRef, 'detail'>, error: ApiErrorShape): void {
    this.count('failed-to-check');
    this.group(GROUP_FAILED, { ...ref, detail: error.message });
  }

  finish(state: BulkState): void {
    this.summary.state = state;
  }

  snapshot(): BulkRunSummary {
    // Biggest problems first; "ok" last whatever its size.
    const groups = [...this.groups.values()].sort(
      (a, b) => Number(a.cause === GROUP_OK) - Number(b.cause === GROUP_OK) || b.count - a.count || a.cause.localeCompare(b.cause),
    );
    return {
      ...this.summary,
      byStatus: { ...this.summary.byStatus },
      groups: groups.map((g) => ({ ...g, tenants: [...g.tenants] })),
      drift: [...this.summary.drift],
    };
  }

  private count(status: SummaryStatus | 'failed-to-check'): void {
    this.summary.done += 1;
    this.summary.byStatus[status] += 1;
  }

  private group(cause: string, ref: BulkTenantRef): void {
    let g = this.groups.get(cause);
    if (!g) this.groups.set(cause, (g = { cause, count: 0, tenants: [] }));
    g.count += 1;
    if (g.tenants.length < MAX_REFS_PER_GROUP) g.tenants.push(ref);
  }
}
