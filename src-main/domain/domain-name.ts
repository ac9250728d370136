import { BehalfError } from '../../src-preload/api/errors';
import { domainSchema } from '../../src-preload/api/tenants';

/**
 * The one rule for a domain typed anywhere (a tenant, a DMARC query, a record to build): the contract's
 * `domainSchema` (lower case, no scheme, path or trailing dot). Refusals are `input.invalid` at every door.
 */
export function normaliseDomain(raw: string, what = 'domain'): string {
  const parsed = domainSchema.safeParse(raw);
  if (!parsed.success) {
    throw new BehalfError('input.invalid', `"${String(raw).slice(0, 100)}" is not a ${what} name.`, 'Enter a domain like acme.com (letters, digits and hyphens; no spaces).');
  }
  return parsed.data;
}
