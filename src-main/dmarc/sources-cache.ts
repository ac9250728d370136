import type { SourcesReport } from './sources';

/** Scopes kept, and the sources they may hold together (a year-old busy domain has a few thousand). */
const MAX_ENTRIES = 8;
const MAX_SOURCES = 20_000;

/**
 * The last few "who sends" reports, each kept while the ledger is unchanged (`stamp`: ledger/change-stamp-repo.ts).
 * One view of the DMARC page asks for the same scope's sources and readiness, and again once names are looked up;
 * each was a full pass over the domain's report rows and megabytes of short-lived objects (bench P8: the host's
 * heap grew under that garbage). Only reports built from cached PTR names are kept: a lookup writes to the ledger
 * and its answer depends on the network. Reports are shared: callers never change one.
 */
export class SourcesCache {
  private readonly entries = new Map<string, { stamp: string; report: SourcesReport }>();

  constructor(private readonly stamp: () => string) {}

  async get(key: string, compute: () => Promise<SourcesReport>): Promise<SourcesReport> {
    const before = this.stamp();
    const hit = this.entries.get(key);
    this.entries.delete(key);
    if (hit?.stamp === before) {
      this.entries.set(key, hit); // most recently used last
      return hit.report;
    }
    const report = await compute();
    // Written to while it was computed (it awaits): the answer may mix before and after, so it is not kept.
    if (this.stamp() !== before) return report;
    this.entries.set(key, { stamp: before, report });
    let held = 0;
    for (const e of this.entries.values()) held += e.report.sources.length;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && held <= MAX_SOURCES) break;
      if (k === key) continue;
      this.entries.delete(k);
      held -= e.report.sources.length;
    }
    return report;
  }
}
