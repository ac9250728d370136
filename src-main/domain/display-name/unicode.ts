/**
 * Character classes that matter in a From display name. Kept as explicit tables (not just \p{Cf}) so the
 * linter can name the exact character it found, which is what an engineer needs to explain it to a customer.
 */

const NAMED: Record<number, string> = {
  0x061c: 'ARABIC LETTER MARK',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x00ad: 'SOFT HYPHEN',
  0x034f: 'COMBINING GRAPHEME JOINER',
  0x115f: 'HANGUL CHOSEONG FILLER',
  0x1160: 'HANGUL JUNGSEONG FILLER',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (BOM)',
  0xffa0: 'HALFWIDTH HANGUL FILLER',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x0000: 'NULL',
  0x0009: 'TAB',
  0x000a: 'LINE FEED',
  0x000d: 'CARRIAGE RETURN',
  0x007f: 'DELETE',
};

/** Direction controls: they reorder what the reader sees ("moc.lapyap" shown as "paypal.com"). */
export const BIDI_CONTROLS: ReadonlySet<number> = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);

/** Invisible characters: they split or pad a word without showing anything, defeating look-alike checks. */
export const INVISIBLES: ReadonlySet<number> = new Set([
  0x00ad, 0x034f, 0x115f, 0x1160, 0x180e, 0x200b, 0x200c, 0x200d, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x3164, 0xfeff, 0xffa0,
]);

export const ZWJ = 0x200d;

/** C0, DEL, C1 and the Unicode line/paragraph separators: all can break or inject header lines. */
export function isControl(cp: number): boolean {
  return cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029;
}

export function describeCodePoint(cp: number): string {
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  const name = NAMED[cp];
  return name ? `U+${hex} ${name}` : `U+${hex}`;
}

const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

/** A ZWJ between two pictographs builds one emoji (👨‍👩‍👧); anywhere else it only hides things. */
export function isEmojiJoiner(chars: readonly string[], i: number): boolean {
  if (chars[i]?.codePointAt(0) !== ZWJ) return false;
  const before = chars[i - 1];
  const after = chars[i + 1];
  // Emoji variation selector (U+FE0F) may sit between the pictograph and the joiner.
  const prev = before === '\uFE0F' ? chars[i - 2] : before;
  return prev !== undefined && after !== undefined && PICTOGRAPHIC.test(prev) && PICTOGRAPHIC.test(after);
}

/** Removes controls, direction marks and invisibles (keeping emoji joiners); controls become spaces. */
export function stripInvisible(text: string): string {
  const chars = Array.from(text);
  let out = '';
  chars.forEach((ch, i) => {
    const cp = ch.codePointAt(0)!;
    if (isControl(cp)) out += ' ';
    else if (BIDI_CONTROLS.has(cp)) return;
    else if (INVISIBLES.has(cp) && !isEmojiJoiner(chars, i)) return;
    else out += ch;
  });
  return out;
}

export type ScriptName =
  | 'Latin'
  | 'Cyrillic'
  | 'Greek'
  | 'Armenian'
  | 'Cherokee'
  | 'Georgian'
  | 'Han'
  | 'Hiragana'
  | 'Katakana'
  | 'Hangul'
  | 'Arabic'
  | 'Hebrew'
  | 'Thai'
  | 'Devanagari'
  | 'Other';

const SCRIPT_TESTS: Array<[ScriptName, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
];

/** Script of a letter; null for digits, punctuation, marks and other script-neutral characters. */
export function scriptOf(ch: string): ScriptName | null {
  if (!/\p{L}/u.test(ch)) return null;
  for (const [name, re] of SCRIPT_TESTS) if (re.test(ch)) return name;
  return 'Other';
}

export function scriptsIn(word: string): Set<ScriptName> {
  const found = new Set<ScriptName>();
  for (const ch of word) {
    const s = scriptOf(ch);
    if (s) found.add(s);
  }
  return found;
}
