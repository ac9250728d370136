import { readDomain, suggestDomain, unicodeDomain } from '../../src-preload/api/domain-input';
import type { DomainRead } from '../../src-preload/api/tenant-queries';
import { foldForMatching } from './display-name/confusables';
import { scriptsIn, type ScriptName } from './display-name/unicode';

/**
 * Warnings about a stored (A-label) domain that a person should see before relying on it (issue #22):
 * a `www.` host, a label mixing scripts, a label of non-Latin letters that reads as a Latin word (аpple with a
 * Cyrillic а). Uses the display-name linter's script and confusable data so both judge alike.
 */
export interface DomainFlag {
  kind: 'www' | 'mixed-script' | 'confusable';
  message: string;
  suggestion?: string;
}

/** Script mixes that are ordinary writing, not spoofing: Japanese mixes Han and kana, Korean may mix Han and Hangul. */
const NORMAL_MIXES: ReadonlyArray<ReadonlySet<ScriptName>> = [new Set(['Han', 'Hiragana', 'Katakana', 'Latin']), new Set(['Han', 'Hangul', 'Latin'])];

export function domainFlags(domain: string): DomainFlag[] {
  const flags: DomainFlag[] = [];
  // Suggested as a person types it (bücher.de, not xn--…): the field it goes back into reads it either way.
  const www = suggestDomain(domain);
  if (www) flags.push({ kind: 'www', message: `Mail is almost never sent from www.: did you mean ${unicodeDomain(www)}?`, suggestion: unicodeDomain(www) });
  for (const label of unicodeDomain(domain).split('.')) {
    if (!/[^ -~]/.test(label)) continue;
    const scripts = scriptsIn(label);
    const foreign = [...scripts].filter((s) => s !== 'Latin');
    if (scripts.size > 1 && !NORMAL_MIXES.some((ok) => [...scripts].every((s) => ok.has(s)))) {
      flags.push({
        kind: 'mixed-script',
        message: `"${label}" mixes ${[...scripts].join(' and ')} letters: a common trick in look-alike domains. Check the spelling with the customer.`,
      });
    } else if (foreign.length > 0 && /^[a-z0-9-]+$/.test(foldForMatching(label))) {
      flags.push({
        kind: 'confusable',
        message: `"${label}" is written in ${foreign.join('/')} letters that look like the Latin "${foldForMatching(label)}". Check the spelling with the customer.`,
      });
    }
  }
  return flags;
}

/** The Add tenant form's question "how will this be read?", answered without writing anything. */
export function checkDomain(raw: string): DomainRead {
  const r = readDomain(raw);
  if (!r.ok) return { ok: false, domain: '', unicode: '', message: r.message, ...(r.suggestion ? { suggestion: r.suggestion } : {}), flags: [] };
  return { ok: true, domain: r.domain, unicode: unicodeDomain(r.domain), flags: domainFlags(r.domain) };
}
