import { invalid } from './sim-error';

/**
 * `count` and `offset` are required on every Postmark list; count is 1..500.
 * The error code depends on the area: 500 senders/domains, 600 servers, 700 messages.
 */
export interface Paging {
  count: number;
  offset: number;
}

export function parsePaging(query: Map<string, string>, areaCode: number, maxWindow?: number): Paging {
  const count = parseWhole(query.get('count'));
  const offset = parseWhole(query.get('offset'));
  if (count === undefined || offset === undefined) {
    throw invalid(areaCode, "The 'count' and 'offset' query parameters are required.");
  }
  if (count < 1 || count > 500) {
    throw invalid(areaCode, "The 'count' parameter must be between 1 and 500.");
  }
  // Messages, bounces and opens refuse to page deeper than 10,000 records.
  if (maxWindow !== undefined && count + offset > maxWindow) {
    throw invalid(areaCode, `The sum of 'count' and 'offset' may not exceed ${maxWindow}.`);
  }
  return { count, offset };
}

export function pageOf<T>(items: readonly T[], paging: Paging): T[] {
  return items.slice(paging.offset, paging.offset + paging.count);
}

function parseWhole(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}
