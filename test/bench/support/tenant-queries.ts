import type { TenantListQuery } from '../../../src-preload/api/tenant-queries';

/**
 * The fixed query mix for P1: what a person does on the tenants screen — open it, type a search key by key,
 * click filter chips, sort by a column, scroll deep. Page of 100 every time.
 */
export const QUERY_MIX: TenantListQuery[] = [
  {},
  { sort: 'updatedAt', dir: 'desc' },
  { sort: 'domain', dir: 'desc' },
  { offset: 50_000 },
  { search: 'a' },
  { search: 'ac' },
  { search: 'acm' },
  { search: 'acme' },
  { search: 'acme bakery' },
  { search: 'acme bakery 4' },
  { search: 'hana' },
  { search: 'example' },
  { search: 'no-such-tenant' },
  { options: [1] },
  { options: ['undecided'] },
  { statuses: ['live'] },
  { statuses: ['awaiting-dns'], sort: 'updatedAt', dir: 'desc' },
  { statuses: ['archived'], includeArchived: true },
  { tags: ['vip'] },
  { tags: ['vip', 'eu'], sort: 'status' },
  { search: 'globex', options: [2, 3], sort: 'option' },
  { search: 'labs', statuses: ['live', 'awaiting-dns'], sort: 'createdAt', dir: 'desc', offset: 200 },
];
