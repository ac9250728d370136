/**
 * A 256-bit bloom filter of the character pairs in a string. If a string contains a search, it contains every
 * pair of the search, so a row whose bloom lacks one of the search's bits cannot match: one AND per word rules
 * out most rows before any substring test. (A one-character search has no pair: its mask is empty, all pass.)
 */
export const BLOOM_WORDS = 8;

/** The bloom of `s`, written into `into` at word `at` (so an index fills one flat array without allocating). */
export function bigramMask(s: string, into = new Uint32Array(BLOOM_WORDS), at = 0): Uint32Array {
  into.fill(0, at, at + BLOOM_WORDS);
  let prev = s.charCodeAt(0);
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const h = (Math.imul(prev, 31) + c) & 255;
    into[at + (h >>> 5)]! |= 1 << (h & 31);
    prev = c;
  }
  return into;
}

/** True unless slot's bloom (in a flat array of BLOOM_WORDS words per slot) lacks a bit of `mask`. */
export function couldContain(bloom: Uint32Array, slot: number, mask: Uint32Array): boolean {
  const base = slot * BLOOM_WORDS;
  for (let w = 0; w < BLOOM_WORDS; w++) {
    if ((mask[w]! & ~bloom[base + w]!) !== 0) return false; // a bit of the search the row lacks (signed-safe test)
  }
  return true;
}
