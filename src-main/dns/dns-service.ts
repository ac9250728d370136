import { BehalfError } from '../../src-preload/api/errors';
import type { Settings } from '../../src-preload/api/settings';
import type { TenantListQuery, TenantPage } from '../../src-preload/api/tenant-queries';
import type { Tenant } from '../../src-preload/api/tenants';
import type { TaskRegistry } from '../core/tasks';
import type { Db } from '../ledger/open';
import { DEFAULT_BULK_CONCURRENCY, runBulkCheck } from './bulk';
import { BulkRun, type BulkRunSummary } from './bulk-runs';
import { createCheckStore, type CheckStore, type StoredCheck } from './check-store';
import { createDnsChecker, type DnsCheckerOptions } from './check-domain';
import type { CheckInput } from './expected-records';
import { summarizeStatus, type CheckReport, type SummaryStatus } from './report';
import { tenantCheckInput } from './tenant-input';
import { chooseDnsServers } from './servers';

export interface DnsServiceDeps {
  db: Db;
  env: Record<string, string | undefined>;
  settings: { get(): Settings };
  tenants: { get(id: string): Tenant; list(q: TenantListQuery): TenantPage; record(id: string, action: string, detail?: string): void };
  tasks: Pick<TaskRegistry, 'start' | 'view'>;
  /** Checks in flight at once during a bulk run. */
  concurrency?: number;
}

export type BulkFilter = Pick<TenantListQuery, 'statuses' | 'options' | 'search'>;
export interface TenantCheck extends StoredCheck {
  hasPostmarkDomain: boolean;
}
export interface HistoryRow {
  id: number;
  domain: string;
  checkedAt: string;
  status: SummaryStatus;
  option: CheckReport['option'];
  notOk: number;
  causes: string[];
  drift: StoredCheck['drift'];
}

/**
 * Resolver servers: BEHALF_DNS_SERVERS (comma-separated host:port; tests point it at nsd) wins over the
 * dnsServers setting; neither means the OS resolver. BEHALF_DNS_AUTHORITATIVE_PORT exists for tests too:
 * fixture name servers listen on nsd's high port instead of 53.
 */
export function resolverOptions(env: DnsServiceDeps['env'], settings: Settings, override?: string[]): DnsCheckerOptions {
  const servers = chooseDnsServers(env, settings.dnsServers, override);
  const authPort = Number(env.BEHALF_DNS_AUTHORITATIVE_PORT);
  return {
    ...(servers.length > 0 ? { servers } : {}),
    authoritative: Number.isInteger(authPort) && authPort > 0 ? { port: authPort } : true,
  };
}

const PROVISION_FIX = 'Provision the tenant in Postmark first (Postmark tab): the DKIM host and value come from its domain. Then check again.';
const PAGE = 500;

/** One line for the tenant's audit trail. */
export function auditSummary(status: SummaryStatus, report: CheckReport): string {
  const bad = report.records.filter((r) => r.status !== 'ok');
  const parts = bad.slice(0, 4).map((r) => `${r.kind} ${r.cause}`);
  if (report.option === 2 && report.option2.verdict === 'will-fail') parts.push('option 2 will fail DMARC');
  const detail = parts.length ? `: ${parts.join(', ')}${bad.length > 4 ? ', …' : ''}` : '';
  return `${report.domain} ${status}, ${report.records.length - bad.length}/${report.records.length} records ok${detail}`;
}

/** DNS checks for tenants and ad-hoc domains, saved history with drift, and bulk rechecks as tasks. */
export class DnsService {
  readonly store: CheckStore;

  constructor(private readonly deps: DnsServiceDeps) {
    this.store = createCheckStore(deps.db);
  }

  checker(servers?: string[]) {
    return createDnsChecker(resolverOptions(this.deps.env, this.deps.settings.get(), servers));
  }

  async checkTenant(id: string, opts: { servers?: string[]; signal?: AbortSignal } = {}): Promise<TenantCheck> {
    const tenant = this.deps.tenants.get(id);
    const { input, hasPostmarkDomain } = tenantCheckInput(this.deps.db, tenant);
    const report = explainMissingPostmark(await this.checker(opts.servers).check(input, opts.signal), hasPostmarkDomain);
    return { ...this.save(tenant.id, report), hasPostmarkDomain };
  }

  async checkDomain(input: CheckInput, opts: { servers?: string[]; signal?: AbortSignal } = {}): Promise<{ status: SummaryStatus; report: CheckReport }> {
    const report = await this.checker(opts.servers).check(input, opts.signal);
    return { status: summarizeStatus(report), report };
  }

  latest(id: string): StoredCheck | null {
    this.deps.tenants.get(id);
    return this.store.latest(id);
  }

  history(id: string, opts: { limit?: number; beforeId?: number } = {}): HistoryRow[] {
    this.deps.tenants.get(id);
    return this.store.history(id, opts).map((c) => {
      const bad = c.report.records.filter((r) => r.status !== 'ok');
      return {
        id: c.id,
        domain: c.domain,
        checkedAt: c.checkedAt,
        status: c.status,
        option: c.report.option,
        notOk: bad.length,
        causes: [...new Set(bad.map((r) => r.cause))],
        drift: c.drift,
      };
    });
  }

  /** Starts a bulk recheck as a task (progress events, cancel through tasks.cancel). */
  bulkStart(filter: BulkFilter): { taskId: string } {
    const total = this.deps.tenants.list({ ...filter, limit: 1 }).total;
    const run = new BulkRun(total);
    const { taskId } = this.deps.tasks.start(
      'dns.bulk',
      `DNS recheck of ${total} tenant${total === 1 ? '' : 's'}`,
      (ctx) => this.runBulk(filter, run, { signal: ctx.signal, progress: ctx.progress }),
      // The grouped summary is the task's live view: kept, and forgotten, with the task itself.
      { view: () => run.snapshot() },
    );
    run.taskId = taskId;
    return { taskId };
  }

  bulkSummary(taskId: string): BulkRunSummary {
    const summary = this.deps.tasks.view<BulkRunSummary>(taskId);
    if (!summary) throw new BehalfError('dns.bulk-not-found', 'That bulk recheck is not known.', 'Runs are kept while Behalf is open; start a new recheck.');
    return summary;
  }

  /** Runs a bulk recheck in the caller's flow (the CLI), saving every result; resolves with the grouped summary. */
  async runBulk(
    filter: BulkFilter,
    run: BulkRun,
    ctx: { signal?: AbortSignal; progress?: (done: number, total: number) => void; servers?: string[] } = {},
  ): Promise<BulkRunSummary> {
    const base = this.checker(ctx.servers);
    // One pooled checker for the run: shared channels and shared zone answers instead of new ones per tenant.
    const checker = base.pooled?.() ?? { check: base.check.bind(base), close: () => undefined };
    const total = run.snapshot().total;
    try {
      const summary = await runBulkCheck(this.tenantInputs(filter), {
        total,
        concurrency: this.deps.concurrency ?? DEFAULT_BULK_CONCURRENCY,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        checker: async (item, signal) => explainMissingPostmark(await checker.check(item.input, signal), item.hasPostmarkDomain),
        onProgress: (done) => ctx.progress?.(done, Math.max(total, done)),
        onResult: (outcome) => {
          const ref = { tenantId: outcome.item.tenant.id, tenantName: outcome.item.tenant.name, domain: outcome.item.input.domain };
          if ('report' in outcome) {
            const saved = this.save(outcome.item.tenant.id, outcome.report);
            run.addReport(ref, outcome.report, saved.status, saved.drift);
          } else run.addError(ref, outcome.error);
        },
      });
      run.finish(summary.cancelled ? 'cancelled' : 'done');
    } catch (err) {
      run.finish('failed');
      throw err;
    } finally {
      checker.close();
    }
    return run.snapshot();
  }

  /** Pages through matching tenants lazily so a 100k-tenant ledger never sits in memory at once. */
  private async *tenantInputs(filter: BulkFilter) {
    for (let offset = 0; ; offset += PAGE) {
      const page = this.deps.tenants.list({ ...filter, sort: 'name', limit: PAGE, offset });
      for (const tenant of page.rows) {
        // runBulkCheck wants CheckInput-shaped items; the tenant rides along for saving and grouping.
        const { input, hasPostmarkDomain } = tenantCheckInput(this.deps.db, tenant);
        yield { ...input, input, tenant, hasPostmarkDomain };
      }
      if (page.rows.length < PAGE) return;
    }
  }

  private save(tenantId: string, report: CheckReport): StoredCheck {
    const saved = this.store.save(tenantId, report);
    this.deps.tenants.record(tenantId, 'dns-check', auditSummary(saved.status, report));
    return saved;
  }
}

/** A tenant without a Postmark domain gets "provision first" instead of "copy the host from Postmark". */
function explainMissingPostmark(report: CheckReport, hasPostmarkDomain: boolean): CheckReport {
  if (hasPostmarkDomain) return report;
  return {
    ...report,
    records: report.records.map((r) =>
      r.kind === 'dkim' && r.cause === 'not-checked'
        ? { ...r, message: 'The tenant has no Postmark domain yet, so there is no DKIM key to compare.', fix: PROVISION_FIX }
        : r,
    ),
  };
}
