import { stripInvisible } from './unicode';

/**
 * Letters from other scripts that render like Latin ones (a subset of Unicode's confusables.txt covering
 * the characters actually used in brand spoofing). Both cases are listed because some upper-case letters
 * look Latin while their lower-case forms do not (Greek Η looks like H, its η does not).
 */
export const TO_LATIN: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  һ: 'h',
  і: 'i',
  ї: 'i',
  ј: 'j',
  к: 'k',
  ӏ: 'l',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  ѕ: 's',
  т: 't',
  у: 'y',
  х: 'x',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ь: 'b',
  ѵ: 'v',
  ү: 'y',
  ɡ: 'g',
  А: 'A',
  В: 'B',
  Е: 'E',
  Ё: 'E',
  Һ: 'H',
  І: 'I',
  Ї: 'I',
  Ј: 'J',
  К: 'K',
  Ӏ: 'l',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Ѕ: 'S',
  Т: 'T',
  У: 'Y',
  Х: 'X',
  Ԛ: 'Q',
  Ԝ: 'W',
  Ѵ: 'V',
  Ү: 'Y',
  // Greek
  α: 'a',
  β: 'b',
  γ: 'y',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ϲ: 'c',
  ϳ: 'j',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  Ϲ: 'C',
  // Armenian and Cherokee letters that pass for Latin
  օ: 'o',
  ս: 'u',
  հ: 'h',
  ո: 'n',
  ց: 'g',
  Ꭺ: 'A',
  Ᏼ: 'B',
  Ꮯ: 'C',
  Ꭼ: 'E',
  Ꮋ: 'H',
  Ꮶ: 'K',
  Ꮇ: 'M',
  Ꮲ: 'P',
  Ꮪ: 'S',
  Ꭲ: 'T',
  Ꮃ: 'W',
  // Latin look-alikes that NFKC leaves alone
  ı: 'i',
  ɩ: 'i',
  ɑ: 'a',
  ɒ: 'a',
  ʀ: 'r',
  ʏ: 'y',
  ᴀ: 'a',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ᴋ: 'k',
  ᴍ: 'm',
  ᴏ: 'o',
  ᴘ: 'p',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ᴢ: 'z',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
};

/** Dot look-alikes, so "paypal。com" is still seen as a domain. */
const DOTS = /[\u3002\uFF61\uFE52\u2024\u00B7\u2027\u30FB]/g;

/** Reverse map for repairing a mostly-Cyrillic or mostly-Greek word that contains a stray Latin letter. */
export function fromLatin(target: 'Cyrillic' | 'Greek'): Record<string, string> {
  const re = target === 'Cyrillic' ? /\p{Script=Cyrillic}/u : /\p{Script=Greek}/u;
  const out: Record<string, string> = {};
  for (const [foreign, latin] of Object.entries(TO_LATIN)) {
    if (re.test(foreign) && !(latin in out)) out[latin] = foreign;
  }
  return out;
}

function mapChars(text: string, table: Readonly<Record<string, string>>): string {
  let out = '';
  for (const ch of text) out += table[ch] ?? ch;
  return out;
}

/**
 * A readable, comparable form: compatibility forms folded (fullwidth, mathematical letters), invisibles
 * removed, look-alike letters mapped to Latin, accents dropped, lower case. Punctuation and spaces stay,
 * so e-mail/domain/header patterns can be matched on it.
 */
export function foldForMatching(text: string): string {
  const nfkc = stripInvisible(text).normalize('NFKC').replace(DOTS, '.');
  return mapChars(nfkc, TO_LATIN).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Brand-comparison key of one word: foldForMatching plus the digit and letter-pair tricks
 * ("paypa1", "rnicrosoft", "vvalmart"). i, I, l and 1 are one class because sans-serif fonts draw them
 * alike. Both sides of a comparison go through the same function, so the collisions are symmetric.
 */
export function skeleton(word: string): string {
  return foldForMatching(word)
    .replace(/[0]/g, 'o')
    .replace(/[1i]/g, 'l')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Whether two strings are within `max` edits, computing only the diagonal band that can stay within it and
 * stopping as soon as a whole row exceeds it: linting compares a name against every tenant on each keystroke.
 */
export function withinEdits(x: readonly string[], y: readonly string[], max: number): boolean {
  if (Math.abs(x.length - y.length) > max) return false;
  const INF = max + 1;
  let prev = new Int32Array(y.length + 1);
  let cur = new Int32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j <= max ? j : INF;
  for (let i = 1; i <= x.length; i++) {
    cur.fill(INF);
    cur[0] = i <= max ? i : INF;
    let rowMin = cur[0]!;
    const from = Math.max(1, i - max);
    const to = Math.min(y.length, i + max);
    for (let j = from; j <= to; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost, INF);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return false;
    [prev, cur] = [cur, prev];
  }
  return prev[y.length]! <= max;
}
