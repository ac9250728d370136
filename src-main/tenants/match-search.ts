import { charBit, CHAR_MASK_WORDS } from './char-mask';
import type { SegmentIndex } from './segment-index';

/** What the tenant index hands the search: its slots' text, character masks and segments, and the last search. */
export interface SearchSlots {
  count: number;
  haystacks: readonly string[];
  chars: Uint32Array;
  segments: SegmentIndex;
  last: { text: string; slots: Int32Array } | null;
}

/**
 * Marks the slots whose text contains `search` (`hits`, one byte per slot) and lists them (`slots`, kept by the index
 * for the next keystroke). One character: its bit in each tenant's character mask. When the previous search is
 * contained in this one (the next keystroke) and matched few tenants, only those are re-checked. Otherwise the
 * distinct segments (segment-index.ts) name the tenants that can match, and only a search with separators needs
 * their full text checked.
 */
export function matchSearch(search: string, { count: n, haystacks, chars, segments, last }: SearchSlots): { hits: Uint8Array; slots: Int32Array } {
  const hits = new Uint8Array(n);
  const earlier = last && search.includes(last.text) ? last.slots : null;
  const prev = earlier && earlier.length * 8 < n ? earlier : null;
  const one = search.length === 1 ? charBit(search) : null;
  const candidates = prev || one?.exact ? undefined : segments.candidates(search, hits);
  let slots: Int32Array;
  if (candidates?.exact) slots = candidates.slots.slice();
  else if (candidates) {
    slots = candidates.slots.filter((slot) => {
      if (haystacks[slot]!.includes(search)) return true;
      hits[slot] = 0; // a candidate only: its segments hold the longest piece, its text not the whole search
      return false;
    });
  } else if (one?.exact && !prev) {
    // One typed character: its bit alone says which tenants hold it.
    const { word, bit } = one;
    const found = new Int32Array(n);
    let nFound = 0;
    for (let slot = 0; slot < n; slot++) {
      if (chars[slot * CHAR_MASK_WORDS + word]! & bit) {
        hits[slot] = 1;
        found[nFound++] = slot;
      }
    }
    slots = found.subarray(0, nFound);
  } else {
    const found = new Int32Array(prev ? prev.length : n);
    let nFound = 0;
    for (let k = 0; k < found.length; k++) {
      const slot = prev ? prev[k]! : k;
      const match = one?.exact ? (chars[slot * CHAR_MASK_WORDS + one.word]! & one.bit) !== 0 : haystacks[slot]!.includes(search);
      if (match) {
        hits[slot] = 1;
        found[nFound++] = slot;
      }
    }
    slots = found.slice(0, nFound);
  }
  return { hits, slots };
}
