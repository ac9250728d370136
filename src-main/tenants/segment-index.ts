/**
 * The tenants' search text cut into segments at the characters that separate words in names, domains and
 * addresses, each distinct segment stored once with the list of tenants that have it. A search without a
 * separator can only occur inside one segment, so it is looked for once in the distinct segments ("example", "com",
 * "acme" are shared by thousands of tenants) instead of in every tenant's text: a broad search such as "example" over
 * 100,000 tenants costs one native indexOf over the joined segments plus walking its posting list. A search with
 * separators is narrowed by its longest separator-free piece, then checked against the candidates' full text.
 */
// eslint-disable-next-line no-control-regex -- U+0001 is the index's own field separator (tenant-index.ts)
export const SEPARATORS = /[\u0001 .@-]+/;
/** Joins the distinct segments into one string: a separator, so no search piece can match across two. */
const JOIN = '\u0001';

/** Each slot's segment ids, packed (see SegmentIndex.segs). */
interface SlotSegments {
  at: Int32Array;
  len: Int32Array;
  data: Int32Array;
}

export class SegmentIndex {
  private idOf = new Map<string, number>();
  private segments: string[] = [];
  /**
   * Every distinct segment, joined, and where each starts: one native indexOf over it finds the segments that hold
   * a piece (a call per matching segment), where a test per segment cost as much as a test per tenant.
   */
  private joined = '';
  private pending: string[] = [];
  private starts = new Int32Array(1024);
  private joinedLength = 0;
  /** Tenants (slots) per segment. A slot whose text changed may still be listed under its old segments. */
  private postings: number[][] = [];
  /**
   * Each slot's current segments, packed in one array: slot s has `data[at[s]]` to `data[at[s] + len[s] - 1]` (`at[s]`
   * -1: never set). An Int32Array per slot cost ~180 bytes of objects each besides its ids: 17.6 MB of the browser
   * host's heap at 100,000 tenants (P8's heap snapshot).
   */
  private segs: SlotSegments = { at: new Int32Array(0), len: new Int32Array(0), data: new Int32Array(1024) };
  private segsUsed = 0;
  /** Slots whose text changed after they were listed: their postings are checked against their segments. */
  private changed = new Uint8Array(0);
  /** Which segments hold the current search's piece (see matchingFor). */
  private matching = new Uint8Array(0);

  /** Lists `slot` under the segments of `text` (replacing what it had). */
  set(slot: number, text: string): void {
    if (slot >= this.changed.length) this.growSlots(Math.max(1024, slot * 2));
    const segs = this.segs;
    const oldAt = segs.at[slot]!;
    const had = oldAt >= 0;
    const oldLen = had ? segs.len[slot]! : 0;
    const ids: number[] = [];
    for (const seg of text.split(SEPARATORS)) {
      if (!seg) continue;
      let id = this.idOf.get(seg);
      if (id === undefined) {
        id = this.segments.length;
        this.idOf.set(seg, id);
        this.segments.push(seg);
        // A literal of one: most segments have one tenant, and `[]` then a push reserved room for 17 (~180 bytes).
        this.postings.push([slot]);
        this.append(seg);
        ids.push(id);
        continue;
      }
      if (ids.includes(id)) continue;
      ids.push(id);
      if (!holds(segs.data, oldAt, oldLen, id)) this.postings[id]!.push(slot);
    }
    if (had) this.changed[slot] = 1;
    this.store(slot, ids, oldLen);
  }

  /** Writes `slot`'s segments over its old ones when they fit, else after the last (an edit's few ids left behind). */
  private store(slot: number, ids: readonly number[], oldLen: number): void {
    let at = this.segs.at[slot]!;
    if (at < 0 || ids.length > oldLen) {
      at = this.segsUsed;
      this.segsUsed += ids.length;
      if (this.segsUsed > this.segs.data.length) {
        const grown = new Int32Array(Math.max(this.segsUsed, this.segs.data.length * 2));
        grown.set(this.segs.data);
        this.segs.data = grown;
      }
    }
    for (let k = 0; k < ids.length; k++) this.segs.data[at + k] = ids[k]!;
    this.segs.at[slot] = at;
    this.segs.len[slot] = ids.length;
  }

  private growSlots(n: number): void {
    const changed = new Uint8Array(n);
    changed.set(this.changed);
    this.changed = changed;
    const at = new Int32Array(n).fill(-1);
    at.set(this.segs.at);
    const len = new Int32Array(n);
    len.set(this.segs.len);
    this.segs.at = at;
    this.segs.len = len;
  }

  /**
   * Slots whose text may contain `search`, marked in `into` and listed in `out` (the first `count`), and whether each
   * certainly does (`exact`: the search has no separator, so a segment holding it proves the match). `out` has room
   * for every slot: a slot is listed once. Undefined when the search is made of separators only.
   */
  candidates(search: string, into: Uint8Array, out: Int32Array): { count: number; exact: boolean } | undefined {
    const pieces = search.split(SEPARATORS).filter(Boolean);
    if (pieces.length === 0) return undefined;
    const piece = pieces.reduce((a, b) => (b.length > a.length ? b : a));
    const exact = piece.length === search.length;
    const { postings, segs, changed } = this;
    const matching = this.matchingFor(this.segments.length);
    const ids: number[] = [];
    const joined = this.joinedText();
    for (let at = joined.indexOf(piece); at >= 0;) {
      const id = this.segmentAt(at);
      matching[id] = 1;
      ids.push(id);
      at = joined.indexOf(piece, this.starts[id + 1] ?? joined.length); // on from the next segment
    }
    let n = 0;
    for (const id of ids) n = listPosting(postings[id]!, n, { into, out, changed, segs, matching });
    for (const id of ids) matching[id] = 0; // clean for the next search
    return { count: n, exact };
  }

  /** Marks for the segments, all clear: kept between searches (a new one per search cost a fresh 1 MB at 1M tenants). */
  private matchingFor(n: number): Uint8Array {
    if (this.matching.length < n) this.matching = new Uint8Array(grownCapacity(n));
    return this.matching;
  }

  private append(seg: string): void {
    const id = this.segments.length - 1;
    if (id + 2 > this.starts.length) {
      const grown = new Int32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[id] = this.joinedLength;
    this.joinedLength += seg.length + JOIN.length;
    this.starts[id + 1] = this.joinedLength;
    this.pending.push(seg);
  }

  /** The joined segments, with those added since the last search appended (once per search after writes). */
  private joinedText(): string {
    if (this.pending.length) {
      this.joined += this.pending.join(JOIN) + JOIN;
      this.pending = [];
    }
    return this.joined;
  }

  /** The segment whose text holds position `at` of the joined string (binary search over the starts). */
  private segmentAt(at: number): number {
    let lo = 0,
      hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/**
 * Marks and lists a matching segment's tenants from `n` on; returns the new count. Its own small function: inside
 * `candidates`, whose other paths each search shapes differently, V8 kept dropping the loop's optimised code, and
 * listing the 1,000,000 tenants of "example" took 14–30 ms instead of 1.5 ms.
 */
function listPosting(
  posting: readonly number[],
  n: number,
  { into, out, changed, segs, matching }: { into: Uint8Array; out: Int32Array; changed: Uint8Array; segs: SlotSegments; matching: Uint8Array },
): number {
  for (let k = 0; k < posting.length; k++) {
    const slot = posting[k]!;
    if (into[slot]) continue; // listed under another matching segment already
    if (changed[slot] && !hasMatching(segs, slot, matching)) continue; // a segment it no longer has
    into[slot] = 1;
    out[n++] = slot;
  }
  return n;
}

/** Whether `data[from]` to `data[from + n - 1]` hold `id`. */
function holds(data: Int32Array, from: number, n: number, id: number): boolean {
  for (let k = from, end = from + n; k < end; k++) if (data[k] === id) return true;
  return false;
}

/** Whether any of `slot`'s current segments is marked in `matching`. */
function hasMatching({ at, len, data }: SlotSegments, slot: number, matching: Uint8Array): boolean {
  for (let k = at[slot]!, end = k + len[slot]!; k < end; k++) if (matching[data[k]!]) return true;
  return false;
}

/** Room for `n` marks or slots and some more: the ledger gains tenants one at a time, so kept arrays grow rarely. */
export function grownCapacity(n: number): number {
  return Math.max(1024, Math.ceil(n * 1.25));
}
