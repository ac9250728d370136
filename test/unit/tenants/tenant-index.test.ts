import { describe, expect, it } from 'vitest';
import type { TenantListQuery } from '../../../src-preload/api/tenant-queries';
import { searchTenants } from '../../../src-main/ledger/tenant-search';
import { tempServices } from '../../support/temp';

/** The in-memory index must answer exactly what the plain SQL query answers, for any query. */
describe('tenant index agrees with SQL', () => {
  it('on many generated queries over a mixed ledger', () => {
    const s = tempServices();
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const words = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', '100%', 'under_score'];
    const csv = ['name,domain,contact_email,contact_name,option,tags'];
    for (let i = 0; i < 300; i++) {
      csv.push(`${words[rnd(words.length)]} ${i},d${i}.example,it${rnd(50)}@x${i}.example,Person ${rnd(20)},${['', '1', '2', '3'][rnd(4)]},${['', 'vip', 'eu', 'vip;eu'][rnd(4)]}`);
    }
    expect(s.tenants.importCsv(csv.join('\n'), false).imported).toBe(300);
    const page = s.tenants.list({ limit: 40, offset: 0 });
    for (const t of page.rows.slice(0, 20)) s.tenants.update(t.id, { status: (['provisioning', 'archived'] as const)[rnd(2)] });

    const sorts = ['name', 'domain', 'option', 'status', 'updatedAt', 'createdAt'] as const;
    for (let i = 0; i < 200; i++) {
      const q: TenantListQuery = {
        search: ['', 'acme', 'GLOB', '1', '100%', 'under_', 'person 1', 'x1'][rnd(8)],
        options: [[], [1], ['undecided'], [2, 3]][rnd(4)] as TenantListQuery['options'],
        statuses: [[], ['draft'], ['archived'], ['provisioning', 'draft']][rnd(4)] as TenantListQuery['statuses'],
        tags: [[], ['vip'], ['vip', 'eu']][rnd(3)],
        sort: sorts[rnd(sorts.length)],
        dir: rnd(2) ? 'asc' : 'desc',
        offset: [0, 5, 50][rnd(3)],
        limit: [10, 100][rnd(2)],
      };
      const fast = s.tenants.list(q);
      const sql = searchTenants(s.db, q);
      expect({ total: fast.total, ids: fast.rows.map((r) => r.id) }, JSON.stringify(q)).toEqual({ total: sql.total, ids: sql.rows.map((r) => r.id) });
    }
  });
});
