/**
 * A tenant's statuses, in their order of progress. Their own module without zod, so the console's first screen
 * (the tenants list, which filters and labels by status) loads no schema library (issue #17, P5); `tenants.ts`
 * builds the schema from this list.
 */
export const TENANT_STATUSES = ['draft', 'provisioning', 'awaiting-dns', 'awaiting-confirmation', 'live', 'suspended', 'archived'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];
