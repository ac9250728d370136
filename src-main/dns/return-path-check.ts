import { isLookupFailure, type Cause, type Requirement } from './causes';
import { describeFailure, lookupProblem, relativeHost } from './messages';
import { canonicalName, sameName } from '../domain/domain-name';
import { doubledName, isUnder } from './names';
import { NOTHING_TO_CHANGE, recordResult, type RecordResult, type ResultFields } from './record-result';
import type { ViewClients } from './views';

export const POSTMARK_RETURN_PATH_TARGET = 'pm.mtasv.net';
const MAX_CHAIN = 8;

export interface ReturnPathTarget {
  domain: string;
  /** The zone the record is entered in (for relative hosts and the doubled-suffix spelling). */
  zone: string;
  name: string;
  requirement: Requirement;
  target?: string;
}

/** Follows CNAMEs from `start`; names inside the customer's zone are asked of `primary`. */
export async function followCnameChain(clients: ViewClients, zone: string, start: string, first: string, stopAt: string): Promise<string[]> {
  const chain = [start, canonicalName(first)];
  while (chain.length <= MAX_CHAIN) {
    const last = chain[chain.length - 1] ?? '';
    if (sameName(last, stopAt)) break;
    const client = isUnder(last, zone) ? clients.primary : clients.recursive;
    const next = await client.cname(last);
    if (!next.ok) break; // end of chain (an address record, or an answer we cannot get): judged on `last`
    const name = canonicalName(next.value);
    if (chain.includes(name)) break; // a loop: the last hop is judged as a wrong target
    chain.push(name);
  }
  return chain;
}

/** The Return-Path CNAME: must reach pm.mtasv.net (directly or through a chain) and must be a CNAME. */
export async function checkReturnPath(clients: ViewClients, t: ReturnPathTarget): Promise<RecordResult> {
  const target = t.target ?? POSTMARK_RETURN_PATH_TARGET;
  const host = relativeHost(t.name, t.zone);
  const expected = `CNAME → ${target}`;
  const row = (cause: Cause, f: Omit<ResultFields, 'expected'>) => recordResult('return-path', t.name, t.requirement, cause, { ...f, expected });
  const addFix = `Add a CNAME record with host "${host}" pointing to ${target}`;

  const found = await clients.primary.cname(t.name);
  if (found.ok) {
    const chain = await followCnameChain(clients, t.zone, t.name, found.value, target);
    const last = chain[chain.length - 1] ?? '';
    const observed = chain.join(' → ');
    if (sameName(last, target)) {
      return row('ok', { observed, message: `${t.name} points to ${target}${chain.length > 2 ? ' through a CNAME chain' : ''}.`, fix: NOTHING_TO_CHANGE });
    }
    const missingDot = canonicalName(last).startsWith(`${target}.`);
    return row('cname-wrong-target', {
      observed,
      message: missingDot
        ? `${t.name} points to ${last}: the target was entered without its trailing dot, so the zone name was appended.`
        : `${t.name} points to ${last}, not ${target}.`,
      fix: missingDot
        ? `Set the CNAME target to "${target}." (with the trailing dot) or, in a web panel, to ${target}.`
        : `Change the CNAME target of "${host}" to ${target}.`,
    });
  }
  if (isLookupFailure(found.cause)) return row(found.cause, lookupProblem(t.name, found.cause, clients.primary.label));

  if (found.cause === 'nodata') {
    // The name exists without a CNAME: the usual reason is a proxy (Cloudflare's orange cloud) answering
    // with its own addresses in place of the CNAME.
    const v4 = await clients.primary.a(t.name);
    const v6 = v4.ok ? null : await clients.primary.aaaa(t.name);
    const addresses = v4.ok ? v4 : v6?.ok ? v6 : null;
    if (addresses) {
      return row('proxied-cname', {
        observed: `A/AAAA ${addresses.value.map((a) => a.address).join(', ')}`,
        ttl: addresses.ttl,
        message: `${t.name} answers with addresses instead of a CNAME (a proxied record, e.g. Cloudflare's orange cloud).`,
        fix: `Set the "${host}" record to DNS only (grey cloud) and make it a CNAME to ${target}.`,
      });
    }
  }

  const doubled = doubledName(t.name, t.zone);
  const atDoubled = await clients.primary.cname(doubled);
  if (atDoubled.ok) {
    return row('doubled-suffix', {
      observed: `${doubled} → ${canonicalName(atDoubled.value)}`,
      message: `The CNAME sits at ${doubled}: the DNS panel appended the domain to a full host name.`,
      fix: `Change the record's host to "${host}" only (or end the full name with a dot).`,
    });
  }
  return row(found.cause, { message: `No Return-Path CNAME at ${t.name}: ${describeFailure(found.cause)}.`, fix: `${addFix}.` });
}
