/**
 * Which characters a string holds, as 64 bits (two 32-bit words): one exact bit for each character people type
 * in names, domains and addresses (a–z, 0–9 and - . @ _ + ' space), and the rest hashed onto the remaining bits.
 * A one-letter search — the first keystroke, which matches most tenants — is then answered exactly by a bit test
 * per tenant instead of a substring test (the bigram bloom cannot help: a single letter has no pair).
 */
export const CHAR_MASK_WORDS = 2;

const EXACT = "abcdefghijklmnopqrstuvwxyz0123456789-.@_+' ";
const BIT = new Int8Array(128).fill(-1);
for (let i = 0; i < EXACT.length; i++) BIT[EXACT.charCodeAt(i)] = i;
const HASHED_FROM = EXACT.length;
const HASHED_BITS = 64 - HASHED_FROM;

function bitOf(c: number): number {
  const exact = c < 128 ? BIT[c]! : -1;
  return exact >= 0 ? exact : HASHED_FROM + (c % HASHED_BITS);
}

/** Writes the mask of `s` into `into` at word `at` (an index keeps one flat array for every tenant). */
export function charMask(s: string, into: Uint32Array, at: number): void {
  let lo = 0,
    hi = 0;
  for (let i = 0; i < s.length; i++) {
    const b = bitOf(s.charCodeAt(i));
    if (b < 32) lo |= 1 << b;
    else hi |= 1 << (b - 32);
  }
  into[at] = lo;
  into[at + 1] = hi;
}

/** The (word, bit) that says a string holds `ch`, and whether that bit is exact (no other character shares it). */
export function charBit(ch: string): { word: number; bit: number; exact: boolean } {
  const c = ch.charCodeAt(0);
  const b = bitOf(c);
  return { word: b < 32 ? 0 : 1, bit: (1 << (b & 31)) >>> 0, exact: ch.length === 1 && c < 128 && BIT[c]! >= 0 };
}
