import { getDomain } from 'tldts';

/**
 * The one organisational-domain rule (RFC 7489 §3.2: the registrable domain by the Public Suffix List), used by
 * DMARC policy discovery, zone apex guesses, a sheet's DNS zone and DMARC record building.
 *
 * Private PSL entries (github.io, herokuapp.com, blogspot.com…) count as public suffixes. RFC 7489 names the
 * whole list, receivers that use the PSL load the whole list, and the owner of such a suffix is not the owner of
 * the names under it: acme.github.io is its own organisational domain, so _dmarc.github.io never speaks for it
 * and the customer's DNS zone is acme.github.io. Without a public suffix in sight the name is its own answer.
 */
export function organisationalDomain(domain: string): string {
  return getDomain(domain, { allowPrivateDomains: true }) ?? domain;
}
