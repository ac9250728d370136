import { BehalfError } from '../../src-preload/api/errors';
import { readDomain } from '../../src-preload/api/domain-input';

export { canonicalName, sameName } from './canonical-name';

/**
 * The one rule for names (issue #16). There are two facts, so two functions:
 *
 * - `normaliseDomain`: a *host name a person typed* (a tenant, a DMARC query, a domain to check or build a
 *   record for). It is validated: the contract's reading (lower case, no scheme, path or trailing dot, an IDN as
 *   its A-label, IDNA 2008) — the same answer the renderer shows while typing. `_` is refused: no mail domain
 *   has one, and Postmark refuses it.
 * - `canonicalName`: the *spelling of a DNS owner name* Behalf already holds (`_dmarc.acme.com`, a DKIM
 *   selector's host, a name in a DNS answer or a DMARC report). Never refused, only spelled one way (trimmed,
 *   lower case, no trailing dot), so two spellings of one name compare equal. `_` labels are ordinary here.
 */
export function normaliseDomain(raw: string, what = 'domain', code = 'input.invalid'): string {
  const r = readDomain(raw);
  if (!r.ok) {
    throw new BehalfError(
      code,
      `"${String(raw).slice(0, 100)}" is not a ${what} name: ${r.message}`,
      r.suggestion ? `Use ${r.suggestion}.` : 'Enter a domain like acme.com or bücher.de (no spaces).',
    );
  }
  return r.domain;
}
