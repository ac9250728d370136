import { BehalfError } from '../../src-preload/api/errors';
import { writeTransaction } from '../ledger/write-transaction';
import type {
  DmarcBuilt,
  DmarcCharts,
  DmarcDomainRow,
  DmarcImportResult,
  DmarcReadiness,
  DmarcRecordChoices,
  DmarcSourcesReport,
} from '../../src-preload/api/dmarc';
import type { Settings } from '../../src-preload/api/settings';
import type { TaskRegistry } from '../core/tasks';
import type { Db } from '../ledger/open';
import { createChosenRecords, type ChosenRecordDeps, type ChosenRecords, type PlanOptions } from './chosen-record';
import { dmarcDomains } from './domains-store';
import { planDmarcRollout, type RolloutPlan, type RolloutPlanInput } from './plan';
import { publishedDmarc } from './published-record';
import { passCounts, type DmarcScope } from './report-query-store';
import { canonicalName, normaliseDomain } from '../domain/domain-name';
import { enforcementReadiness } from './readiness';
import { buildDmarcRecord } from './record-build';
import { diffDmarcRecords } from './record-diff';
import { deleteLegitimateSender, legitimateSenders, putLegitimateSender } from './legitimate-store';
import { limitSources, type PostmarkDkim, type PtrChoice, type SourcesReport } from './sources';
import { KeptSources } from './kept-sources';
import { volumeCharts } from './timeseries-store';
import { importUploads, type Upload, type UploadImportResult } from './upload-import';
import { tenantOwningDomain } from '../ledger/tenants-repo';
import { chooseDnsServers } from '../dns/servers';

export interface DmarcServiceDeps {
  db: Db;
  env: Record<string, string | undefined>;
  settings: { get(): Settings };
  /** The tenant ledger: chosen records are per tenant and every change lands in its audit trail. */
  tenants: ChosenRecordDeps['tenants'];
  /** The Postmark service's answer: the tenant's Postmark domain and DKIM selectors (null: no Postmark domain). */
  postmarkDkim?: (tenantId: string) => PostmarkDkim | null;
  now?: () => Date;
  tasks: Pick<TaskRegistry, 'start' | 'outcome'>;
}

export type TenantRef = { id: string; name: string } | null;
const EMPTY_RESULT = { files: 0, imported: 0, duplicates: 0, records: 0, messages: 0, failures: 0, errors: [], repaired: [] };

/** The DMARC area for the doors: thin over the pure DMARC modules, adding DNS servers, tenants and tasks. */
export class DmarcService {
  private readonly chosen: ChosenRecords;
  private readonly kept: KeptSources;

  constructor(private readonly deps: DmarcServiceDeps) {
    this.chosen = createChosenRecords({ db: deps.db, tenants: deps.tenants });
    this.kept = new KeptSources(deps.db);
  }

  /** The one server choice (dns/servers.ts): BEHALF_DNS_SERVERS, then the setting; neither = OS. */
  dnsServers(): string[] {
    return chooseDnsServers(this.deps.env, this.deps.settings.get().dnsServers);
  }

  /** The tenant whose domain this is, else the one it is a subdomain of (longest match). */
  tenantFor(domain: string): TenantRef {
    const d = normaliseDomain(domain);
    return tenantOwningDomain(this.deps.db, d);
  }

  async buildRecord(domain: string, input: DmarcRecordChoices, opts: { live?: boolean } = {}): Promise<DmarcBuilt> {
    const built = buildDmarcRecord(domain, input);
    const policyDomain = built.name.replace(/^_dmarc\./, '');
    const published = await publishedDmarc(this.deps.db, policyDomain, this.dnsServers(), opts);
    return {
      domain: policyDomain,
      name: built.name,
      value: built.value,
      strings: built.strings,
      authorizations: built.authorizations,
      warnings: built.warnings,
      published,
      diff: diffDmarcRecords(published.record, built.value),
    };
  }

  plan(input: RolloutPlanInput): RolloutPlan {
    return planDmarcRollout(input);
  }

  /** "Use this record for {tenant}": stored per tenant, listed by the tenant's DNS sheet. */
  saveRecord(tenantId: string, input: DmarcRecordChoices, opts: { domain?: string; plan?: PlanOptions } = {}) {
    return this.chosen.save(tenantId, input, opts);
  }

  savedRecord(tenantId: string) {
    return this.chosen.get(tenantId);
  }

  clearRecord(tenantId: string) {
    return this.chosen.clear(tenantId);
  }

  /** Starts an import of uploaded files as a task; the result is read with importResult(taskId). */
  importFiles(files: Upload[]): { taskId: string } {
    const label = files.length === 1 ? `Import ${files[0]!.name}` : `Import ${files.length} DMARC report files`;
    const { taskId } = this.deps.tasks.start('dmarc.import', label, ({ signal, progress }) => importUploads(this.deps.db, files, { signal, progress }));
    return { taskId };
  }

  importResult(taskId: string): DmarcImportResult {
    const { snap, result } = this.deps.tasks.outcome<UploadImportResult>(taskId);
    if (snap.kind !== 'dmarc.import') throw new BehalfError('dmarc.not-an-import', 'That task is not a DMARC import.');
    if (snap.state === 'failed')
      throw new BehalfError(
        'dmarc.import-failed',
        `The import failed: ${snap.message ?? 'unknown error'}.`,
        'Try again; if it repeats, import the files with the CLI to see more.',
      );
    return { state: snap.state, ...(result ?? EMPTY_RESULT) };
  }

  domains(): DmarcDomainRow[] {
    return dmarcDomains(this.deps.db).map((d) => ({ ...d, tenant: this.tenantFor(d.domain) }));
  }

  /**
   * Who sends as the domain. `limit` keeps the largest sources only (the console's table): a year-old domain can
   * have thousands, and the reply for all of them is half a megabyte of JSON per request (bench P8).
   */
  async sources(scope: DmarcScope & { resolvePtr?: boolean; limit?: number }): Promise<DmarcSourcesReport> {
    const { limit, ...rest } = scope;
    const tenant = this.tenantFor(scope.domain);
    const report = await this.sourcesReport(this.deps.db, { ...rest, resolvePtr: this.ptrChoice(scope.resolvePtr), postmarkDkim: this.postmarkDkim(tenant) });
    return { ...limitSources(report, limit), tenant };
  }

  /** sourcesFor through the reports and inputs kept between requests (kept-sources.ts). */
  private sourcesReport = (_db: Db, query: DmarcScope & PtrChoice): Promise<SourcesReport> => this.kept.report(query);

  /** What p=reject would have done; `limit` keeps the sources with the most failing messages (the figures cover all). */
  async readiness(scope: DmarcScope & { resolvePtr?: boolean; limit?: number }): Promise<DmarcReadiness> {
    const { limit, ...rest } = scope;
    const tenant = this.tenantFor(scope.domain);
    const r = await enforcementReadiness(
      this.deps.db,
      { ...rest, resolvePtr: this.ptrChoice(scope.resolvePtr), postmarkDkim: this.postmarkDkim(tenant) },
      this.sourcesReport,
    );
    const shown = limit === undefined ? r.sources : r.sources.slice(0, limit);
    const left = r.sources.slice(shown.length);
    return { ...r, sources: shown, omitted: { sources: left.length, failing: left.reduce((n, s) => n + s.failing, 0) }, tenant };
  }

  /** "Mark as legitimate sender" for a DMARC domain (false: take it back); returns the domain's list. */
  markLegitimate(domain: string, sender: string, legitimate: boolean): { domain: string; legitimate: string[] } {
    const d = normaliseDomain(domain);
    const senderDomain = canonicalName(sender);
    if (!/^[a-z0-9_.-]+\.[a-z0-9-]+$/.test(senderDomain)) {
      throw new BehalfError(
        'dmarc.bad-sender',
        `"${sender}" is not a domain name.`,
        'Mark the SPF or DKIM domain shown under the source, e.g. mailer.newsletter.example.',
      );
    }
    const at = (this.deps.now?.() ?? new Date()).toISOString();
    return writeTransaction(this.deps.db, () => {
      if (legitimate) putLegitimateSender(this.deps.db, d, senderDomain, at);
      else deleteLegitimateSender(this.deps.db, d, senderDomain);
      return { domain: d, legitimate: legitimateSenders(this.deps.db, d).map((l) => l.senderDomain) };
    });
  }

  private postmarkDkim(tenant: TenantRef): PostmarkDkim | null {
    return tenant && this.deps.postmarkDkim ? this.deps.postmarkDkim(tenant.id) : null;
  }

  /** The share of a domain's reported mail that passed DMARC since `from` (percent, one decimal), null without reports. */
  passRate(domain: string, from: string): number | null {
    const { messages, passing } = passCounts(this.deps.db, { domain, from });
    return messages === 0 ? null : Math.round((passing / messages) * 1000) / 10;
  }

  charts(scope: DmarcScope): DmarcCharts {
    return { domain: normaliseDomain(scope.domain), ...volumeCharts(this.deps.db, scope) };
  }

  /** The reverse-DNS lookup under way, if any: see ptrChoice. */
  private lookup: AbortController | null = null;

  /**
   * Names are looked up for the domain on screen, one lookup at a time: a new one cancels the one before, which
   * answers at once with the names it has (the rest stay unnamed, and are looked up the next time that domain is
   * shown). A lookup runs 2 s per silent name, minutes for a busy domain; left running after the operator moved
   * on, a few of them held every connection a browser allows the host, and the DMARC page stalled on "Loading…"
   * (bench P8). Cancelled answers are not cached as "no name" (ptr.ts), so nothing wrong is kept.
   */
  private ptrChoice(resolve: boolean | undefined): false | { servers?: string[]; timeoutMs: number; signal: AbortSignal } {
    if (resolve === false) return false;
    this.lookup?.abort();
    this.lookup = new AbortController();
    const servers = this.dnsServers();
    return { ...(servers.length ? { servers } : {}), timeoutMs: 2000, signal: this.lookup.signal };
  }
}
