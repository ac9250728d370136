import { charBit, CHAR_MASK_WORDS } from './char-mask';
import { grownCapacity, type SegmentIndex } from './segment-index';

/** What the tenant index hands the search: its slots' text, character masks and segments, and the last search. */
export interface SearchSlots {
  count: number;
  haystacks: readonly string[];
  chars: Uint32Array;
  segments: SegmentIndex;
  last: { text: string; slots: Int32Array } | null;
  scratch: SearchScratch;
}

/**
 * The arrays a search fills, kept by the index from one search to the next. At 1,000,000 tenants a broad search
 * filled 5–9 MB of new typed arrays: fresh pages from the OS, and full garbage collections for the memory they held
 * outside the heap, turned a 5–9 ms search into 10–50 ms (issue #17's P1-1M).
 * Two slot lists take turns: the one the last search's slots live in is read while the other is written.
 */
export class SearchScratch {
  private hits = new Uint8Array(0);
  private readonly lists = [new Int32Array(0), new Int32Array(0)];
  private turn = 0;

  /** Zeroed marks for `n` slots. */
  hitsFor(n: number): Uint8Array {
    if (this.hits.length < n) this.hits = new Uint8Array(grownCapacity(n));
    else this.hits.fill(0, 0, n);
    return this.hits.subarray(0, n);
  }

  /** Room for `n` slots, in the list the last search's slots are not in. */
  slotsFor(n: number): Int32Array {
    this.turn ^= 1;
    if (this.lists[this.turn]!.length < n) this.lists[this.turn] = new Int32Array(grownCapacity(n));
    return this.lists[this.turn]!;
  }
}

/**
 * Marks the slots whose text contains `search` (`hits`, one byte per slot) and lists them (`slots`, kept by the index
 * for the next keystroke). One character: its bit in each tenant's character mask. When the previous search is
 * contained in this one (the next keystroke) and matched few tenants, only those are re-checked. Otherwise the
 * distinct segments (segment-index.ts) name the tenants that can match, and only a search with separators needs
 * their full text checked.
 */
export function matchSearch(search: string, { count: n, haystacks, chars, segments, last, scratch }: SearchSlots): { hits: Uint8Array; slots: Int32Array } {
  const hits = scratch.hitsFor(n);
  const found = scratch.slotsFor(n);
  const earlier = last && search.includes(last.text) ? last.slots : null;
  const prev = earlier && earlier.length * 8 < n ? earlier : null;
  const one = search.length === 1 ? charBit(search) : null;
  const candidates = prev || one?.exact ? undefined : segments.candidates(search, hits, found);
  let nFound: number;
  if (candidates?.exact) nFound = candidates.count;
  else if (candidates) nFound = keepContaining(search, haystacks, found, candidates.count, hits);
  else if (one?.exact) nFound = markByBit(one, chars, prev, n, hits, found);
  else nFound = markContaining(search, haystacks, prev, n, hits, found);
  return { hits, slots: found.subarray(0, nFound) };
}

// The loops below are small functions of their own, each seeing one shape of input, as listPosting in
// segment-index.ts: there, one function holding every path let each search shape undo V8's optimised loop.

/** Keeps the candidates (the first `count` of `found`, in place) whose text holds `search`; unmarks the others. */
function keepContaining(search: string, haystacks: readonly string[], found: Int32Array, count: number, hits: Uint8Array): number {
  let kept = 0;
  for (let k = 0; k < count; k++) {
    const slot = found[k]!; // the list is read ahead of where it is written
    if (haystacks[slot]!.includes(search)) found[kept++] = slot;
    else hits[slot] = 0; // a candidate only: its segments hold the longest piece, its text not the whole search
  }
  return kept;
}

/** One typed character: its bit in each tenant's character mask (of the previous search's slots, or of all). */
function markByBit(
  { word, bit }: { word: number; bit: number },
  chars: Uint32Array,
  prev: Int32Array | null,
  n: number,
  hits: Uint8Array,
  found: Int32Array,
): number {
  let nFound = 0;
  const length = prev ? prev.length : n;
  for (let k = 0; k < length; k++) {
    const slot = prev ? prev[k]! : k;
    if (chars[slot * CHAR_MASK_WORDS + word]! & bit) {
      hits[slot] = 1;
      found[nFound++] = slot;
    }
  }
  return nFound;
}

/** A substring test of each tenant's text (of the previous search's slots, or of all). */
function markContaining(search: string, haystacks: readonly string[], prev: Int32Array | null, n: number, hits: Uint8Array, found: Int32Array): number {
  let nFound = 0;
  const length = prev ? prev.length : n;
  for (let k = 0; k < length; k++) {
    const slot = prev ? prev[k]! : k;
    if (haystacks[slot]!.includes(search)) {
      hits[slot] = 1;
      found[nFound++] = slot;
    }
  }
  return nFound;
}
