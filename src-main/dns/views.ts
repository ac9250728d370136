import { isLookupFailure } from './causes';
import type { DnsClient } from './resolver';
import type { RecordResult, RecordView } from './record-result';
import { recordResult } from './record-result';

/**
 * `primary` answers the names inside the customer's zone (the resolver, or one of the zone's own name
 * servers); `recursive` answers everything else (CNAME targets elsewhere, SPF includes, NS addresses).
 */
export interface ViewClients {
  primary: DnsClient;
  recursive: DnsClient;
}

export interface AuthoritativeRow {
  server: string;
  row: RecordResult;
}

const NEGATIVE = new Set(['nxdomain', 'nodata', 'doubled-suffix', 'dmarc-missing']);

function view(source: RecordView['source'], server: string, row: RecordResult): RecordView {
  return { source, server, cause: row.cause, observed: row.observed, ttl: row.ttl };
}

function sameAnswer(a: RecordResult, b: RecordResult): boolean {
  return a.cause === b.cause && a.observed === b.observed;
}

/**
 * Merges the resolver's view with the domain's own name servers' views. The name servers are the truth
 * about what is published; the resolver is what Postmark and receivers will see until caches expire.
 * `negativeTtl` is the zone's SOA minimum: the longest a resolver may keep a cached "does not exist".
 */
export function combineViews(resolverRow: RecordResult, auth: AuthoritativeRow[], negativeTtl: number | null): RecordResult {
  const views = [view('resolver', 'resolver', resolverRow), ...auth.map((a) => view('authoritative', a.server, a.row))];
  const usable = auth.filter((a) => !isLookupFailure(a.row.cause));
  const first = usable[0];
  if (!first) return { ...resolverRow, views };

  const disagreeing = usable.find((a) => !sameAnswer(a.row, first.row));
  if (disagreeing) {
    const describe = (a: AuthoritativeRow) => `${a.server}: ${a.row.cause}`;
    return {
      ...recordResult(resolverRow.kind, resolverRow.name, resolverRow.requirement, 'nameservers-disagree', {
        observed: usable.map(describe).join('; '),
        expected: resolverRow.expected,
        message: `The domain's name servers answer differently for ${resolverRow.name} (${describe(first)} vs ${describe(disagreeing)}): a secondary has not picked up the change yet.`,
        fix: 'Wait for all name servers to serve the new zone (or ask the DNS host to push it), then check again.',
      }),
      views,
    };
  }

  const truth = first.row;
  if (sameAnswer(truth, resolverRow)) return { ...resolverRow, views };

  if (truth.cause === 'ok') {
    const ttl = NEGATIVE.has(resolverRow.cause) ? negativeTtl : resolverRow.ttl;
    const wait = ttl === null ? 'until its cache expires' : `for up to ${ttl} s`;
    return {
      ...recordResult(resolverRow.kind, resolverRow.name, resolverRow.requirement, 'stale-cache', {
        observed: truth.observed,
        expected: truth.expected,
        ttl,
        message: `${first.server} already publishes ${resolverRow.name} correctly; the resolver still answers "${resolverRow.cause}" ${wait}.`,
        fix: `Nothing to change in DNS: wait ${ttl === null ? 'for caches to expire' : `${ttl} s`} (or flush the resolver cache), then check again.`,
        ...(truth.spf ? { spf: truth.spf } : {}),
      }),
      views,
    };
  }

  // The source changed (or lost) the record while resolvers still serve the previous answer:
  // report what is published now, since that is what everyone will see once caches expire.
  return { ...truth, message: `${truth.message} (The resolver still returns the previous answer: "${resolverRow.cause}".)`, views };
}
