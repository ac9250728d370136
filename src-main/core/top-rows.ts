/**
 * The first `limit` rows of a long list in the order `compare` gives, without holding the whole list: rows are
 * added as they are made and the kept set is cut back to `limit` whenever it doubles. A page at 100,000 tenants
 * then holds a few thousand rows, not 100,000 (bench P8: the Health and DKIM pages took the host past 500 MB).
 * Without a limit every row is kept. `count` is how many were added.
 */
export class TopRows<T> {
  private kept: T[] = [];
  count = 0;

  constructor(
    private readonly compare: (a: T, b: T) => number,
    private readonly limit?: number,
  ) {}

  add(row: T): void {
    this.count += 1;
    this.kept.push(row);
    if (this.limit !== undefined && this.kept.length >= Math.max(2 * this.limit, 1_000)) this.trim();
  }

  rows(): T[] {
    this.trim();
    return this.kept;
  }

  private trim(): void {
    this.kept.sort(this.compare);
    if (this.limit !== undefined && this.kept.length > this.limit) this.kept.length = this.limit;
  }
}
