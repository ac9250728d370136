import { expect, it } from 'vitest';
import { tempServices } from '../../support/temp';

/** `withOption` (the DKIM page's tenants) gives exactly what paging the list filtered by that option gives. */
it('lists every tenant of an option in the list’s order, archived ones left out, in one read', () => {
  const s = tempServices();
  const csv = ['name,domain,option'];
  for (let i = 0; i < 1_200; i++) csv.push(`${['beta', 'Alpha', 'gamma', 'alpha'][i % 4]} ${i % 7},t${i}.example,${['1', '2', '3', ''][i % 4]}`);
  expect(s.tenants.importCsv(csv.join('\n'), false).imported).toBe(1_200);
  const ones = s.tenants.list({ options: [1], limit: 500, offset: 0 }).rows;
  s.tenants.update(ones[3]!.id, { status: 'archived' });

  const paged = [];
  for (let offset = 0; ; offset += 500) {
    const page = s.tenants.list({ options: [1], limit: 500, offset });
    paged.push(...page.rows);
    if (offset + 500 >= page.total) break;
  }
  expect(paged).toHaveLength(299);
  expect(s.tenants.withOption(1)).toEqual(paged);
  expect(s.tenants.withOption(1).some((t) => t.id === ones[3]!.id)).toBe(false);
  expect(s.tenants.withOption(3).every((t) => t.option === 3)).toBe(true);
});
