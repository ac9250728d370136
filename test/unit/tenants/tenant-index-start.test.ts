import { afterEach, expect, it, vi } from 'vitest';
import { searchTenants } from '../../../src-main/ledger/tenant-search-repo';
import { BUILD_AFTER_FIRST_PAGE_MS, BUILD_AFTER_OPEN_MS } from '../../../src-main/tenants/build-start';
import { TenantIndex } from '../../../src-main/tenants/tenant-index';
import { tempServices } from '../../support/temp';

/**
 * A big ledger's index is read in slices that wait for the console's first screen (bench P5): they start shortly
 * after the first page is answered (by SQL), or a while after open when no screen asks. Until then, and while the
 * slices run, the list is still answered, by SQL; afterwards by the index, with the same answers. Fake timers: the
 * test checks when the slices start, not how fast they run.
 */
function bigLedger() {
  const s = tempServices();
  const csv = ['name,domain'];
  for (let i = 0; i < 6_500; i++) csv.push(`Tenant ${i},t${i}.example`);
  expect(s.tenants.importCsv(csv.join('\n'), false).imported).toBe(6_500);
  return s;
}

afterEach(() => void vi.useRealTimers());

it('starts reading a big ledger shortly after the first page is answered, from SQL meanwhile', () => {
  const s = bigLedger();
  vi.useFakeTimers();
  const index = new TenantIndex(s.db);
  expect(index.ready).toBe(false); // nothing read at open: all of it waits
  vi.advanceTimersByTime(1_000);
  expect(index.ready).toBe(false);
  const query = { search: 'tenant 64', limit: 20, offset: 0 };
  const sql = searchTenants(s.db, query);
  const expected = { total: sql.total, ids: sql.rows.map((r) => r.id) };
  expect(expected.total).toBe(111); // "Tenant 64", "Tenant 640…649", "Tenant 6400…6499"
  expect(index.query(query)).toEqual(expected); // the first page, answered by SQL
  vi.advanceTimersByTime(BUILD_AFTER_FIRST_PAGE_MS - 1);
  expect(index.query(query)).toEqual(expected); // a second page does not postpone the start again
  expect(index.ready).toBe(false);
  vi.advanceTimersByTime(50); // the slices start, each next one on a 1 ms timer
  expect(index.ready).toBe(true);
  expect(index.query(query)).toEqual(expected);
});

it('starts reading a big ledger a while after open when no screen asks for the list', () => {
  const s = bigLedger();
  vi.useFakeTimers();
  const index = new TenantIndex(s.db);
  vi.advanceTimersByTime(BUILD_AFTER_OPEN_MS - 1);
  expect(index.ready).toBe(false);
  vi.advanceTimersByTime(50);
  expect(index.ready).toBe(true);
  expect(index.query({ search: 'tenant 6499', limit: 5, offset: 0 }).total).toBe(1);
});

it('reads a ledger of fewer than 5,000 tenants at once on opening, and waits with one tenant more', async () => {
  const s = tempServices();
  const csv = ['name,domain'];
  for (let i = 0; i < 4_999; i++) csv.push(`Tenant ${i},t${i}.example`);
  expect(s.tenants.importCsv(csv.join('\n'), false).imported).toBe(4_999);
  const small = new TenantIndex(s.db);
  expect(small.ready).toBe(true);
  expect(small.query({ search: 'tenant 4998', limit: 5, offset: 0 }).total).toBe(1);

  s.tenants.create({ name: 'One More', domain: 'one-more.example' });
  const big = new TenantIndex(s.db);
  expect(big.ready).toBe(false);
  await big.whenReady();
  expect(big.query({ search: 'one more', limit: 5, offset: 0 }).total).toBe(1);
});
