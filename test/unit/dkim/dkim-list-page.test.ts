import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import type { DkimList } from '../../../src-preload/api/dkim';
import { tempServices } from '../../support/temp';

/**
 * The DKIM page at scale (P8 found the whole list, 33,000 rows at 100,000 tenants, costing 250 MB in the host): a
 * page gets at most 500 rows and counts of every filter, and the CLI's whole list is still whole.
 */
let s: ReturnType<typeof tempServices>;
beforeAll(() => {
  s = tempServices();
  for (let i = 0; i < 503; i++) s.tenants.create({ name: `Key Tenant ${String(i).padStart(3, '0')}`, domain: `k${i}.example`, option: 1 });
  s.tenants.create({ name: 'Option Two', domain: 'two.example', option: 2, fromAddress: 'support@two.example' });
});
afterAll(() => s?.close());

describe('dkim.list paging', () => {
  it('a page without a limit gets the first 500 rows; the totals count every option-1 tenant', async () => {
    const reply = await createDispatch(createHandlers(s))('dkim.list', {});
    if (!reply.ok) throw new Error(reply.error.message);
    const page = reply.value as DkimList;
    expect(page.rows).toHaveLength(500);
    expect(page).toMatchObject({ total: 503, counts: { all: 503, due: 0, rotating: 0 }, due: 0 });
    // Not provisioned: no key yet, nothing due, ordered by name.
    expect(page.rows[0]).toMatchObject({ name: 'Key Tenant 000', keys: [], due: false });
  });

  it('asks for a filter and a limit; the service without a limit returns them all', async () => {
    const reply = await createDispatch(createHandlers(s))('dkim.list', { filter: 'due', limit: 10 });
    expect(reply).toMatchObject({ ok: true, value: { rows: [], total: 0 } });
    expect(s.dkim.list().rows).toHaveLength(503);
  });
});
