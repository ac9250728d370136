import { vendorAddress, type AddressPattern } from './address';
import { formatMailbox, headerSafe } from './header';
import { deriveSlug, type SlugSource } from './slug';

export const DISPLAY_NAME_PRESETS = ['via', 'for', 'custom'] as const;
/** 'via' → "Jane Customer via Vendor"; 'for' → "Vendor for Jane Customer"; 'custom' → the operator's text. */
export type DisplayNamePreset = (typeof DISPLAY_NAME_PRESETS)[number];

export interface BuildFromTenant {
  name: string;
  domain: string;
  /** The name the customer signs mail with; preferred over the tenant name when set. */
  fromName?: string;
  /** The customer's own address: suggested as Reply-To so answers reach them, not the vendor. */
  fromAddress?: string;
  contactEmail?: string;
}

export interface BuildFromVendor {
  name: string;
  sendingDomain: string;
  addressPattern: AddressPattern;
  /** Local part for the 'shared' pattern; default "info". */
  sharedLocalPart?: string;
}

export interface BuildFromInput {
  tenant: BuildFromTenant;
  vendor: BuildFromVendor;
  preset: DisplayNamePreset;
  /** Used when preset is 'custom'. Lint it with lintDisplayName before saving. */
  customName?: string;
  /** Slugs other tenants already use, so two customers never share acme@vendor.com. */
  takenSlugs?: readonly string[];
  preferSlugFrom?: 'name' | 'domain';
}

export interface BuiltFrom {
  displayName: string;
  address: string;
  /** The From header value, RFC 5322 quoted when needed. */
  header: string;
  /** Suggested Reply-To (the customer's own address), or null when none is known. */
  replyTo: string | null;
  /** The customer slug in the address; null for the 'shared' pattern (no slug appears). */
  slug: string | null;
  slugSource: SlugSource | null;
}

export function customerDisplayName(tenant: Pick<BuildFromTenant, 'name' | 'fromName'>): string {
  return headerSafe(tenant.fromName ?? '') || headerSafe(tenant.name);
}

export function presetDisplayName(preset: DisplayNamePreset, customer: string, vendor: string, custom = ''): string {
  switch (preset) {
    case 'via':
      return `${customer} via ${vendor}`;
    case 'for':
      return `${vendor} for ${customer}`;
    case 'custom':
      return headerSafe(custom);
  }
}

export function buildFrom(input: BuildFromInput): BuiltFrom {
  const { tenant, vendor } = input;
  const displayName = presetDisplayName(input.preset, customerDisplayName(tenant), headerSafe(vendor.name), input.customName);
  const shared = vendor.addressPattern === 'shared';
  const derived = shared ? null : deriveSlug(tenant, { taken: input.takenSlugs ?? [], prefer: input.preferSlugFrom ?? 'name' });
  const address = vendorAddress(vendor.addressPattern, derived?.slug ?? '', vendor.sendingDomain, vendor.sharedLocalPart);
  const replyTo = (tenant.fromAddress ?? '').trim() || (tenant.contactEmail ?? '').trim() || null;
  return {
    displayName,
    address,
    header: formatMailbox(displayName, address),
    replyTo,
    slug: derived?.slug ?? null,
    slugSource: derived?.source ?? null,
  };
}
