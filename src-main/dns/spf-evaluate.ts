import { joinTxt } from './dkim-value';
import type { DnsClient } from './resolver';
import { costsLookup, hasMacro, isSpfRecord, parseSpf, type SpfTerm } from './spf-terms';
import { canonicalName } from '../domain/domain-name';

/** RFC 7208 §4.6.4 limits. */
export const SPF_MAX_LOOKUPS = 10;
export const SPF_MAX_VOID_LOOKUPS = 2;
/** Safety cap on queries per record: enough to say "how far over", never a DNS storm. */
const MAX_QUERIES = 30;
const MAX_DEPTH = 10;

export interface SpfEvaluation {
  lookups: number;
  voidLookups: number;
  includes: string[];
  /** Syntax errors and broken includes: permerrors other than the two limits. */
  errors: string[];
  capped: boolean;
}

export type SpfFetch =
  | { kind: 'none'; failure: 'nxdomain' | 'nodata' }
  | { kind: 'one'; text: string }
  | { kind: 'multiple'; texts: string[] }
  | { kind: 'failed'; cause: 'timeout' | 'servfail' | 'refused' };

export async function fetchSpf(client: DnsClient, domain: string): Promise<SpfFetch> {
  const found = await client.txt(domain);
  if (!found.ok) {
    return found.cause === 'nxdomain' || found.cause === 'nodata' ? { kind: 'none', failure: found.cause } : { kind: 'failed', cause: found.cause };
  }
  const texts = found.value.map(joinTxt).filter(isSpfRecord);
  if (texts.length === 0) return { kind: 'none', failure: 'nodata' };
  return texts.length === 1 ? { kind: 'one', text: texts[0] ?? '' } : { kind: 'multiple', texts };
}

/**
 * Counts DNS-querying terms recursively through include: and redirect= (what a receiver would have to
 * resolve in the worst case, whatever the sending IP), and void lookups among the ones we can resolve.
 */
export async function evaluateSpf(client: DnsClient, domain: string, text: string): Promise<SpfEvaluation> {
  const state: SpfEvaluation & { queries: number } = { lookups: 0, voidLookups: 0, includes: [], errors: [], capped: false, queries: 0 };
  await walk(client, state, domain, text, [domain]);
  const { queries: _queries, ...result } = state;
  return result;
}

async function walk(client: DnsClient, s: SpfEvaluation & { queries: number }, domain: string, text: string, path: string[]): Promise<void> {
  const { terms, errors } = parseSpf(text);
  const prefix = path.length > 1 ? `${domain}: ` : '';
  s.errors.push(...errors.map((e) => prefix + e));
  const hasAll = terms.some((t) => t.type === 'mechanism' && t.name === 'all');
  for (const term of terms) {
    if (!costsLookup(term, hasAll)) continue;
    s.lookups += 1;
    const target = targetOf(term, domain);
    if (target === null || hasMacro(target)) continue;
    if (s.queries >= MAX_QUERIES || path.length > MAX_DEPTH) {
      s.capped = true;
      continue;
    }
    s.queries += 1;
    if (term.type === 'modifier' || term.name === 'include') await followInclude(client, s, term, target, path);
    else if (term.type === 'mechanism' && (term.name === 'a' || term.name === 'exists')) {
      const a = await client.a(target);
      const isVoid = !a.ok && isVoidFailure(a.cause) && (term.name === 'exists' || isVoidLookup(await client.aaaa(target)));
      if (isVoid) s.voidLookups += 1;
    } else if (term.type === 'mechanism' && term.name === 'mx') {
      if (isVoidLookup(await client.mx(target))) s.voidLookups += 1;
    }
    // ptr needs the sending IP: counted, never resolved.
  }
}

async function followInclude(client: DnsClient, s: SpfEvaluation & { queries: number }, term: SpfTerm, target: string, path: string[]): Promise<void> {
  const label = term.type === 'modifier' ? `redirect=${target}` : `include:${target}`;
  if (path.includes(target)) {
    s.errors.push(`${label} loops back to a record already being evaluated`);
    return;
  }
  s.includes.push(target);
  const fetched = await fetchSpf(client, target);
  if (fetched.kind === 'none') {
    s.voidLookups += 1;
    s.errors.push(`${label} has no SPF record`);
  } else if (fetched.kind === 'failed') {
    s.errors.push(`${label} could not be fetched (${fetched.cause})`);
  } else if (fetched.kind === 'multiple') {
    s.errors.push(`${label} has ${fetched.texts.length} SPF records`);
  } else {
    await walk(client, s, target, fetched.text, [...path, target]);
  }
}

function targetOf(term: SpfTerm, domain: string): string | null {
  if (term.type === 'modifier') return canonicalName(term.value);
  if (term.name === 'ptr') return null;
  // include/exists without a domain is a syntax error (already reported), not "this domain".
  if ((term.name === 'include' || term.name === 'exists') && term.domain === null) return null;
  return canonicalName(term.domain ?? domain);
}

function isVoidFailure(cause: string): boolean {
  return cause === 'nxdomain' || cause === 'nodata';
}

function isVoidLookup(l: { ok: boolean; cause?: string }): boolean {
  return !l.ok && isVoidFailure(l.cause ?? '');
}
