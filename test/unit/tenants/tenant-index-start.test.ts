import { expect, it } from 'vitest';
import { searchTenants } from '../../../src-main/ledger/tenant-search-repo';
import { TenantIndex } from '../../../src-main/tenants/tenant-index';
import { tempServices } from '../../support/temp';

/**
 * A big ledger's index is read in slices that start a moment after the console opens (bench P5: the first screen
 * is answered by SQL, and the slices must not compete with drawing it). Until then, and while the slices run, the
 * list is still answered, by SQL; afterwards by the index, with the same answers.
 */
it('starts reading a big ledger a moment after opening, answering from SQL meanwhile', async () => {
  const s = tempServices();
  const csv = ['name,domain'];
  for (let i = 0; i < 6_500; i++) csv.push(`Tenant ${i},t${i}.example`);
  expect(s.tenants.importCsv(csv.join('\n'), false).imported).toBe(6_500);

  const opened = performance.now();
  const index = new TenantIndex(s.db);
  expect(index.ready).toBe(false); // nothing read at open: all of it waits
  await new Promise((r) => setTimeout(r, 300));
  expect(index.ready).toBe(false);
  const query = { search: 'tenant 64', limit: 20, offset: 0 };
  const sql = searchTenants(s.db, query);
  const expected = { total: sql.total, ids: sql.rows.map((r) => r.id) };
  expect(expected.total).toBe(111); // "Tenant 64", "Tenant 640…649", "Tenant 6400…6499"
  expect(index.query(query)).toEqual(expected); // answered by SQL while the index waits
  expect(index.ready).toBe(false);
  await index.whenReady();
  expect(performance.now() - opened).toBeGreaterThanOrEqual(900);
  expect(index.query(query)).toEqual(expected);
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
