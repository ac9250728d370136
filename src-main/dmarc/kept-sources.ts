import type { Db } from '../ledger/open';
import { tableChangeStamp } from '../ledger/change-stamp-repo';
import { normaliseDomain } from '../domain/domain-name';
import { KeptAnswers } from './kept-answers';
import { reportInputsStamp } from './report-inputs-stamp';
import type { DmarcScope } from './report-query-store';
import { sourceInputs, sourcesFor, type PtrChoice, type SourceInputs, type SourcesReport } from './sources';

/**
 * "Who sends" reports kept between requests, at two levels. One view of the DMARC page asks for the same scope's
 * sources and readiness, and again once names are looked up, and the page is read over and over in a day; each
 * answer was a full pass over the domain's report rows and megabytes of short-lived objects (bench P8: the host's
 * heap grew under that garbage).
 *  - A scope's inputs (sources.ts, sourceInputs: the pass over the rows) are kept while the tables they are read
 *    from are unchanged (report-inputs-stamp.ts), whatever else is written, the PTR cache included.
 *  - A report built with names from the PTR cache alone is kept while, in addition, the PTR cache is unchanged. While
 *    a page looks names up, the cache fills and only the (cheap) report is built again, from the kept inputs.
 * A report whose names are being looked up is never kept: its answer depends on the network.
 */
export class KeptSources {
  private stamps?: { inputs: () => string; names: () => string }; // made on first use: a CLI command that never asks adds no triggers

  private readonly inputs = new KeptAnswers<SourceInputs>(
    () => this.stamp().inputs(),
    (i) => i.totals.length + i.auth.size,
    8,
    50_000,
  );
  private readonly reports = new KeptAnswers<SourcesReport>(
    () => `${this.stamp().inputs()}|${this.stamp().names()}`,
    (r) => r.sources.length,
    8,
    20_000,
  );

  constructor(private readonly db: Db) {}

  report(query: DmarcScope & PtrChoice): Promise<SourcesReport> {
    const scope = JSON.stringify([normaliseDomain(query.domain), query.from ?? null, query.to ?? null]);
    const build = async () => sourcesFor(this.db, query, await this.inputs.get(scope, () => sourceInputs(this.db, query)));
    if (query.resolvePtr !== false) return build();
    return this.reports.get(JSON.stringify([scope, query.postmarkDkim ?? null]), build);
  }

  private stamp(): { inputs: () => string; names: () => string } {
    return (this.stamps ??= {
      inputs: reportInputsStamp(this.db),
      names: tableChangeStamp(this.db, 'ptr_names', [{ table: 'ptr_cache', ops: ['INSERT', 'UPDATE', 'DELETE'] }]),
    });
  }
}
