/**
 * A 512-bit bloom filter of the character pairs in a string. If a string contains a search, it contains every
 * pair of the search, so a row whose bloom lacks one of the search's bits cannot match: a few integer tests rule
 * out most rows before any substring test. (A one-character search has no pair: nothing is ruled out.)
 */
export const BLOOM_WORDS = 16;

/** The bloom of `s`, written into `into` at word `at` (so an index fills one flat array without allocating). */
export function bigramMask(s: string, into = new Uint32Array(BLOOM_WORDS), at = 0): Uint32Array {
  into.fill(0, at, at + BLOOM_WORDS);
  let prev = s.charCodeAt(0);
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const h = (Math.imul(prev, 31) + c) & (BLOOM_WORDS * 32 - 1);
    into[at + (h >>> 5)]! |= 1 << (h & 31);
    prev = c;
  }
  return into;
}

/** A search's bloom as the (word, bits) pairs that are not zero: most searches touch only a few of the words. */
export function searchMask(search: string): { words: Int32Array; bits: Int32Array } {
  const mask = bigramMask(search);
  const words: number[] = [];
  const bits: number[] = [];
  mask.forEach((m, w) => m !== 0 && (words.push(w), bits.push(m | 0)));
  return { words: Int32Array.from(words), bits: Int32Array.from(bits) };
}

/** True unless slot's bloom (in a flat array of BLOOM_WORDS words per slot) lacks a bit of the search. */
export function couldContain(bloom: Uint32Array, slot: number, mask: { words: Int32Array; bits: Int32Array }): boolean {
  const base = slot * BLOOM_WORDS;
  for (let k = 0; k < mask.words.length; k++) {
    if ((mask.bits[k]! & ~bloom[base + mask.words[k]!]!) !== 0) return false; // a bit of the search the row lacks
  }
  return true;
}
