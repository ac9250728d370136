import type { SourceInputs } from './sources';

/** Scopes kept, and the report rows (per-IP totals plus authentication groups) they may hold together. */
const MAX_ENTRIES = 8;
const MAX_ROWS = 50_000;

const rowsOf = (inputs: SourceInputs) => inputs.totals.length + inputs.auth.length;

/**
 * The inputs of the last few "who sends" reports (sources.ts, sourceInputs), each kept while `stamp` holds: it moves
 * when a table they are read from may have changed (dmarc-service.ts). One view of the DMARC page asks for the same
 * scope's sources and readiness, and again once names are looked up; each was a full pass over the domain's report
 * rows and megabytes of short-lived objects (bench P8: the host's heap grew under that garbage). Inputs are shared:
 * callers never change them.
 */
export class SourcesCache {
  private readonly entries = new Map<string, { stamp: string; inputs: SourceInputs }>();

  constructor(private readonly stamp: () => string) {}

  get(key: string, compute: () => SourceInputs): SourceInputs {
    const before = this.stamp();
    const hit = this.entries.get(key);
    this.entries.delete(key);
    if (hit?.stamp === before) {
      this.entries.set(key, hit); // most recently used last
      return hit.inputs;
    }
    const inputs = compute();
    // Another connection committed while it was read (an import worker, the team's): it may mix before and after.
    if (this.stamp() !== before) return inputs;
    this.entries.set(key, { stamp: before, inputs });
    let held = 0;
    for (const e of this.entries.values()) held += rowsOf(e.inputs);
    for (const [k, e] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && held <= MAX_ROWS) break;
      if (k === key) continue;
      this.entries.delete(k);
      held -= rowsOf(e.inputs);
    }
    return inputs;
  }
}
