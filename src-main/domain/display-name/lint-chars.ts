import { BLOCK_LENGTH, WARN_LENGTH, type LintIssue } from './lint-types';
import { BIDI_CONTROLS, INVISIBLES, describeCodePoint, isControl, isEmojiJoiner, scriptOf, scriptsIn, type ScriptName } from './unicode';

/** Checks on individual characters: what a reader cannot see, or sees differently from what is stored. */

function listed(cps: readonly number[]): string {
  return [...new Set(cps)].slice(0, 5).map(describeCodePoint).join(', ');
}

/** Characters whose compatibility form is the usual way to write them, not a disguise. */
const COMPAT_ALLOWED = new Set(['™', '℠']);

/** Scripts that are commonly mixed inside one word in real names (Japanese, Korean, brand names in CJK text). */
const NATURAL_MIXES: ReadonlyArray<ReadonlySet<ScriptName>> = [
  new Set<ScriptName>(['Han', 'Hiragana', 'Katakana', 'Latin']),
  new Set<ScriptName>(['Hangul', 'Han', 'Latin']),
];
const LATIN_LOOKALIKE_SCRIPTS = new Set<ScriptName>(['Cyrillic', 'Greek', 'Armenian', 'Cherokee']);
const SIMPLE_BASES = new Set<ScriptName>(['Latin', 'Greek', 'Cyrillic']);
/** Variation selectors and the keycap mark are marks too, but they only style emoji (1️⃣). */
const EMOJI_PARTS = /[\uFE00-\uFE0F\u20E3\u{E0100}-\u{E01EF}]/u;

export function invisibleIssues(name: string): LintIssue[] {
  const chars = Array.from(name);
  const controls: number[] = [];
  const bidi: number[] = [];
  const zeroWidth: number[] = [];
  chars.forEach((ch, i) => {
    const cp = ch.codePointAt(0)!;
    if (isControl(cp)) controls.push(cp);
    else if (BIDI_CONTROLS.has(cp)) bidi.push(cp);
    else if (INVISIBLES.has(cp) && !isEmojiJoiner(chars, i)) zeroWidth.push(cp);
  });
  const issues: LintIssue[] = [];
  if (controls.length)
    issues.push({
      code: 'control-chars',
      severity: 'block',
      message: `The name contains control characters (${listed(controls)}); a line break in a From name can inject mail headers.`,
      fix: 'Remove the control characters; type the name on one line.',
    });
  if (bidi.length)
    issues.push({
      code: 'bidi-controls',
      severity: 'block',
      message: `The name contains text-direction controls (${listed(bidi)}) that make it display differently from what is sent.`,
      fix: 'Remove the direction controls; right-to-left names display correctly without them.',
    });
  if (zeroWidth.length)
    issues.push({
      code: 'zero-width',
      severity: 'block',
      message: `The name contains invisible characters (${listed(zeroWidth)}) that can hide a look-alike of another brand.`,
      fix: 'Retype the name without the invisible characters (often pasted from a web page or document).',
    });
  return issues;
}

export function lengthIssues(name: string): LintIssue[] {
  const length = Array.from(name.normalize('NFC').trim()).length;
  if (length > BLOCK_LENGTH)
    return [
      {
        code: 'too-long',
        severity: 'block',
        message: `The name has ${length} characters; over ${BLOCK_LENGTH} is cut off everywhere and looks like spam.`,
        fix: `Shorten it to ${WARN_LENGTH} characters or fewer.`,
      },
    ];
  if (length > WARN_LENGTH)
    return [
      {
        code: 'too-long',
        severity: 'warn',
        message: `The name has ${length} characters; inboxes show about 20–40, so the end (often the customer's name) is hidden.`,
        fix: `Shorten it to ${WARN_LENGTH} characters or fewer, with the customer's name first.`,
      },
    ];
  return [];
}

/** Accents that Unicode could not join to their letter, or several stacked on one letter ("Zalgo" text). */
export function markIssues(name: string): LintIssue[] {
  let baseScript: ScriptName | null | undefined;
  let run = 0;
  let worst: 'stacked' | 'loose' | null = null;
  for (const ch of name.normalize('NFC')) {
    if (EMOJI_PARTS.test(ch)) continue;
    if (/\p{M}/u.test(ch)) {
      run++;
      // No base, or a base outside the scripts whose letters never need loose marks (Thai, Devanagari… do).
      const simple = baseScript === undefined || baseScript === null || SIMPLE_BASES.has(baseScript);
      if ((simple && run >= 2) || run >= 4) worst = 'stacked';
      else if (simple && worst === null) worst = 'loose';
    } else {
      baseScript = scriptOf(ch);
      run = 0;
    }
  }
  if (worst === 'stacked')
    return [
      {
        code: 'stacked-marks',
        severity: 'block',
        message: 'Several accents are stacked on one letter; such text renders as clutter and can hide the letters beneath.',
        fix: 'Retype the name with ordinary accented letters.',
      },
    ];
  if (worst === 'loose')
    return [
      {
        code: 'combining-marks',
        severity: 'warn',
        message: 'An accent is attached to a letter that has no accented form (or to nothing); it can make one brand look like another.',
        fix: 'Use the precomposed letter (é, ü…) or remove the accent.',
      },
    ];
  return [];
}

export function compatibilityIssues(name: string): LintIssue[] {
  const odd = Array.from(name.normalize('NFC')).filter((ch) => !COMPAT_ALLOWED.has(ch) && ch.normalize('NFKC') !== ch);
  if (odd.length === 0) return [];
  const shown = [...new Set(odd)]
    .slice(0, 5)
    .map((ch) => `"${ch}" (${describeCodePoint(ch.codePointAt(0)!)})`)
    .join(', ');
  return [
    {
      code: 'compatibility-forms',
      severity: 'warn',
      message: `The name uses stylised or full-width characters (${shown}); some mail apps show them oddly and filters treat them as suspicious.`,
      fix: `Write it with ordinary characters: "${name.normalize('NFKC').trim()}".`,
    },
  ];
}

export function mixedScriptIssues(name: string): LintIssue[] {
  let block: string | null = null;
  let warn: string | null = null;
  for (const word of name.normalize('NFC').split(/\s+/)) {
    const scripts = scriptsIn(word);
    if (scripts.size < 2) continue;
    const lookalike = (scripts.has('Latin') && [...scripts].some((s) => LATIN_LOOKALIKE_SCRIPTS.has(s))) || (scripts.has('Cyrillic') && scripts.has('Greek'));
    if (lookalike) block ??= `"${word}" (${[...scripts].join(' + ')})`;
    else if (!NATURAL_MIXES.some((mix) => [...scripts].every((s) => mix.has(s)))) warn ??= `"${word}" (${[...scripts].join(' + ')})`;
  }
  if (block)
    return [
      {
        code: 'mixed-script',
        severity: 'block',
        message: `The word ${block} mixes alphabets whose letters look alike — the classic way to fake a brand name.`,
        fix: 'Retype the word in one alphabet.',
      },
    ];
  if (warn)
    return [
      {
        code: 'mixed-script',
        severity: 'warn',
        message: `The word ${warn} mixes alphabets; check it is written the way the customer writes its name.`,
        fix: 'Retype the word in one alphabet unless that is the real spelling.',
      },
    ];
  return [];
}
