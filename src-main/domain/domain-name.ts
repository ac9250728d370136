import { BehalfError } from '../../src-preload/api/errors';
import { readDomain } from '../../src-preload/api/domain-input';

/**
 * The one rule for a domain typed anywhere (a tenant, a DMARC query, a record to build): the contract's
 * reading (lower case, no scheme, path or trailing dot, an IDN as its A-label). Refusals are `input.invalid`
 * at every door, with the suggestion ("did you mean acme.com?") in the message when there is one.
 */
export function normaliseDomain(raw: string, what = 'domain'): string {
  const r = readDomain(raw);
  if (!r.ok) {
    throw new BehalfError('input.invalid', `"${String(raw).slice(0, 100)}" is not a ${what} name: ${r.message}`, r.suggestion ? `Use ${r.suggestion}.` : 'Enter a domain like acme.com or bücher.de (no spaces).');
  }
  return r.domain;
}
