import type { LookupFailure } from './resolver';

/** Sentences shared by every record kind, so the same situation reads the same everywhere. */

export function relativeHost(name: string, domain: string): string {
  if (name === domain) return '@';
  return name.endsWith(`.${domain}`) ? name.slice(0, -(domain.length + 1)) : `${name}.`;
}

const FAILURE_TEXT: Record<LookupFailure, string> = {
  nxdomain: 'the name does not exist',
  nodata: 'the name exists but has no record of this type',
  timeout: 'no answer from the DNS server in time',
  servfail: 'the DNS server failed to answer (SERVFAIL)',
  refused: 'the DNS server refused the question (REFUSED)',
};

export function describeFailure(failure: LookupFailure): string {
  return FAILURE_TEXT[failure];
}

/** Message + fix for a lookup that could not be completed (timeout/servfail/refused). */
export function lookupProblem(name: string, failure: LookupFailure, server: string): { message: string; fix: string } {
  const where = server === 'resolver' ? 'the resolver' : server;
  return {
    message: `Could not look up ${name}: ${describeFailure(failure)} (${where}).`,
    fix:
      failure === 'refused'
        ? 'Use a DNS server that answers for this domain (or none, for the system resolver), then check again.'
        : "Check again in a few minutes; if it keeps failing, ask the domain's DNS host whether its name servers are up.",
  };
}
