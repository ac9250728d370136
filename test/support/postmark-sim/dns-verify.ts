import { Resolver } from 'node:dns/promises';

/** The two lookups verification needs; node:dns/promises Resolver fits, and so does an in-process fake. */
export interface SimResolver {
  resolveTxt(name: string): Promise<string[][]>;
  resolveCname(name: string): Promise<string[]>;
}

export const RETURN_PATH_TARGET = 'pm.mtasv.net';

export function defaultResolver(): SimResolver {
  return new Resolver();
}

/**
 * DKIM passes when any TXT record at `host`, its strings joined (how DNS splits long values), equals the
 * expected value once all whitespace is ignored: DNS panels often add a space after `;`.
 * Lookup failures (NXDOMAIN, no data, timeouts) count as "not found", which is what Postmark reports.
 */
export async function dkimRecordPresent(resolver: SimResolver, host: string, expected: string): Promise<boolean> {
  const want = squash(expected);
  try {
    const records = await resolver.resolveTxt(host);
    return records.some((strings) => squash(strings.join('')) === want);
  } catch {
    return false;
  }
}

/** Return-Path passes when `host` is a CNAME to pm.mtasv.net (any case, trailing dot allowed). */
export async function returnPathCnamePresent(resolver: SimResolver, host: string): Promise<boolean> {
  if (host === '') return false;
  try {
    const targets = await resolver.resolveCname(host);
    return targets.some((t) => t.toLowerCase().replace(/\.$/, '') === RETURN_PATH_TARGET);
  } catch {
    return false;
  }
}

function squash(text: string): string {
  return text.replace(/\s+/g, '');
}
