import type { RepairLog } from './repairs';

/**
 * The report's text leaves (values, never containers): only these may be repaired. RFC 7489 App. C and
 * RFC 9990 define them as plain strings, so markup inside one can only be a reporter's unescaped text.
 */
const LEAVES = [
  'org_name',
  'email',
  'extra_contact_info',
  'report_id',
  'domain',
  'header_from',
  'envelope_from',
  'envelope_to',
  'selector',
  'human_result',
  'comment',
  'generator',
  'error',
];
const LEAF = new RegExp(`<(${LEAVES.join('|')})>([^\\n]*?)</\\1>`, 'g');

/**
 * Something XML would refuse: `<` not starting a tag (`<` + space, `bad<xml.net<`), a tag name running into a
 * character names cannot hold (`<x@y>`), or a bare `&` (one that does not start a reference). Anything saxes
 * would accept does not match, so good reports skip the repair entirely. A reference to an entity nobody
 * declared (`&lol;`) is not "bare": it is left for the parser to refuse, exactly as before — recovery never
 * decides what an entity means.
 */
const SUSPICIOUS = /<(?![A-Za-z_/!?])|<[A-Za-z_][\w.:-]*(?![\w.:-]|\s|\/?>)|&(?!(?:[A-Za-z_][\w.-]*|#\d{1,7}|#x[0-9A-Fa-f]{1,6});)/;

/**
 * Recovers leaves that are not well-formed — `<email><x@y></email>`, a bare `<` or `&` in `<header_from>` —
 * by escaping their text, before saxes sees it. Only the text between `<leaf>` and its own `</leaf>` on one
 * line is touched, and only when it holds something XML refuses and no comment, CDATA or processing
 * instruction; structure (records, rows) is never invented or moved, so a report whose structure is broken
 * still fails to parse and is refused. Escaping adds no entity: `&` becomes `&amp;`, never an expansion.
 *
 * The parser applies it only to text on its way to saxes, never split inside a leaf (report-parser.ts): records
 * its fast reader accepts cannot hold anything this would repair (it declines every such record), so the bulk of
 * a big report skips this scan (issue #17).
 */
export function repairLeaves(s: string, repairs: RepairLog): string {
  if (!SUSPICIOUS.test(s)) return s;
  return s.replace(LEAF, (whole, name: string, value: string) => {
    if (!SUSPICIOUS.test(value) || /<[!?]/.test(value)) return whole;
    repairs.add('dmarc.repair.leaf-markup', `<${name}> held text that is not well-formed XML ("${value.slice(0, 60)}"); it was read as plain text.`, 'value');
    return `<${name}>${escapeText(value)}</${name}>`;
  });
}

/** Escapes `<`, `>` and every bare `&`; references (`&amp;`, `&#64;`, and undeclared ones) are kept as written. */
function escapeText(value: string): string {
  return value
    .replace(/&(?!(?:[A-Za-z_][\w.-]*|#\d{1,7}|#x[0-9A-Fa-f]{1,6});)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Index just after the last complete `</name>` in `s` at or after `from`, or -1. */
export function lastCloseTagEnd(s: string, from = 0): number {
  for (let at = s.lastIndexOf('</'); at >= from; at = s.lastIndexOf('</', at - 1)) {
    const gt = s.indexOf('>', at);
    if (gt >= 0) return gt + 1;
    if (at === 0) break;
  }
  return -1;
}
