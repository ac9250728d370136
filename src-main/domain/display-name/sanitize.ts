import { parse } from 'tldts';
import { TO_LATIN, fromLatin } from './confusables';
import { findDomains, findEmails } from './lint-content';
import { WARN_LENGTH } from './lint-types';
import { scriptOf, scriptsIn, stripInvisible } from './unicode';

/**
 * A cleaned-up suggestion for a display name: removes what the linter blocks for mechanical reasons
 * (invisible and control characters, stylised letters, stray accents, look-alike letters inside a word,
 * addresses, brackets, header labels, punctuation runs, excess length). It cannot fix a name that imitates
 * a brand; lint the result again.
 */
export function sanitizeSuggestion(name: string): string {
  let s = stripInvisible(name);
  s = Array.from(s.normalize('NFC'), (ch) => (ch === '™' || ch === '℠' ? ch : ch.normalize('NFKC'))).join('');
  s = dropLooseMarks(s);
  s = s.split(/(\s+)/).map(unifyScript).join('');
  s = removeAddresses(s);
  s = s
    .replace(/[<>‹›〈〉⟨⟩〈〉˂˃ᐸᐳ❮❯"“”„‟«»″〝〞]/g, ' ')
    .replace(/@/g, ' at ')
    .replace(/(^|[\s,;(])(from|sender|reply-to|to|cc|bcc|subject|date|return-path)\s*:/gi, '$1')
    .replace(/([!?])[!?]+/g, '$1')
    .replace(/([^\p{L}\p{N}\s'])\1{2,}/gu, '$1')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:.\-–—|]+|[\s,;:\-–—|]+$/g, '');
  return truncateAtWord(s, WARN_LENGTH);
}

/** Keeps at most one accent per Latin/Greek/Cyrillic letter, and only one NFC could not absorb is dropped. */
function dropLooseMarks(text: string): string {
  let out = '';
  let simpleBase = true;
  for (const ch of text.normalize('NFC')) {
    if (/\p{M}/u.test(ch) && !/[\uFE00-\uFE0F\u20E3]/.test(ch)) {
      if (!simpleBase) out += ch;
      continue;
    }
    const script = scriptOf(ch);
    simpleBase = script === null || script === 'Latin' || script === 'Greek' || script === 'Cyrillic';
    out += ch;
  }
  return out;
}

/** In a word that mixes Latin with Cyrillic or Greek, maps the minority letters to the majority alphabet. */
function unifyScript(word: string): string {
  const scripts = scriptsIn(word);
  if (scripts.size < 2) return word;
  const count = (script: string) => Array.from(word).filter((ch) => scriptOf(ch) === script).length;
  const latin = count('Latin');
  const other = scripts.has('Cyrillic') ? 'Cyrillic' : scripts.has('Greek') ? 'Greek' : null;
  if (!other) return word;
  if (latin >= count(other)) return Array.from(word, (ch) => (scriptOf(ch) === other ? (TO_LATIN[ch] ?? ch) : ch)).join('');
  const table = fromLatin(other);
  return Array.from(word, (ch) => (scriptOf(ch) === 'Latin' ? (table[ch] ?? ch) : ch)).join('');
}

/** Addresses go entirely; a domain keeps its brand label ("PayPal.com support" → "PayPal support"). */
function removeAddresses(text: string): string {
  let s = text;
  for (const email of findEmails(s.toLowerCase())) s = s.replace(new RegExp(escapeRe(email), 'i'), ' ');
  for (const domain of findDomains(s.toLowerCase())) {
    const { publicSuffix, domainWithoutSuffix } = parse(domain);
    const label = domainWithoutSuffix ?? '';
    const start = domain.length - (publicSuffix ?? '').length - 1 - label.length;
    s = s.replace(new RegExp(escapeRe(domain), 'i'), (match) => match.slice(start, start + label.length));
  }
  return s;
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function truncateAtWord(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).trim();
}
