/**
 * Answers kept while the data they were computed from is unchanged: `stamp` moves when it may have changed
 * (ledger/change-stamp-repo.ts), and an answer is served only under the stamp it was computed under. At most
 * `maxEntries` answers, and `maxSize` of whatever `sizeOf` counts, least recently used dropped first. Answers are
 * shared: callers never change one.
 */
export class KeptAnswers<T> {
  private readonly entries = new Map<string, { stamp: string; answer: T }>();

  constructor(
    private readonly stamp: () => string,
    private readonly sizeOf: (answer: T) => number,
    private readonly maxEntries: number,
    private readonly maxSize: number,
  ) {}

  async get(key: string, compute: () => T | Promise<T>): Promise<T> {
    const before = this.stamp();
    const hit = this.entries.get(key);
    this.entries.delete(key);
    if (hit?.stamp === before) {
      this.entries.set(key, hit); // most recently used last
      return hit.answer;
    }
    const answer = await compute();
    // Written to while it was computed (it may await, another connection may commit): it may mix before and after.
    if (this.stamp() !== before) return answer;
    this.entries.set(key, { stamp: before, answer });
    let held = 0;
    for (const e of this.entries.values()) held += this.sizeOf(e.answer);
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && held <= this.maxSize) break;
      if (k === key) continue;
      this.entries.delete(k);
      held -= this.sizeOf(e.answer);
    }
    return answer;
  }
}
