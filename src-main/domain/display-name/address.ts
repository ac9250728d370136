import { canonicalName } from '../domain-name';
/**
 * Option 3 sends from the vendor's own, already authenticated domain; only the address pattern varies.
 *   shared                  → info@vendor.com         (one address for every customer)
 *   per-customer            → acme@vendor.com         (replies and bounces can be told apart)
 *   per-customer-subdomain  → acme@acme.vendor.com    (each customer's reputation kept apart by subdomain)
 */
export const ADDRESS_PATTERNS = ['shared', 'per-customer', 'per-customer-subdomain'] as const;
export type AddressPattern = (typeof ADDRESS_PATTERNS)[number];

export const DEFAULT_SHARED_LOCAL_PART = 'info';

/** The From address for a customer under a pattern. `slug` must already be safe (see deriveSlug). */
export function vendorAddress(pattern: AddressPattern, slug: string, vendorDomain: string, sharedLocalPart: string = DEFAULT_SHARED_LOCAL_PART): string {
  const domain = canonicalName(vendorDomain);
  switch (pattern) {
    case 'shared':
      return `${sharedLocalPart}@${domain}`;
    case 'per-customer':
      return `${slug}@${domain}`;
    case 'per-customer-subdomain':
      return `${slug}@${slug}.${domain}`;
  }
}

/** The domain DMARC is evaluated against for an option 3 address. */
export function vendorAddressDomain(pattern: AddressPattern, slug: string, vendorDomain: string): string {
  const domain = canonicalName(vendorDomain);
  return pattern === 'per-customer-subdomain' ? `${slug}.${domain}` : domain;
}
