import { describe, expect, it } from 'vitest';
import type { TenantListQuery } from '../../../src-preload/api/tenant-queries';
import { searchTenants } from '../../../src-main/ledger/tenant-search-repo';
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
      csv.push(
        `${words[rnd(words.length)]} ${i},d${i}.example,it${rnd(50)}@x${i}.example,Person ${rnd(20)},${['', '1', '2', '3'][rnd(4)]},${['', 'vip', 'eu', 'vip;eu'][rnd(4)]}`,
      );
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

  it('on selective searches, keystroke refinement, many tags and writes between queries', () => {
    const s = tempServices();
    const csv = ['name,domain,contact_email,contact_name,option,tags'];
    // 40 distinct tags: more than the index keeps as bits, so the by-name tag path is exercised too.
    for (let i = 0; i < 400; i++) csv.push(`Firm ${i},f${i}.example,a${i}@f${i}.example,Zoë ${i % 9},${['', '1', '2', '3'][i % 4]},t${i % 40};all`);
    expect(s.tenants.importCsv(csv.join('\n'), false).imported).toBe(400);
    const agree = (q: TenantListQuery) => {
      const fast = s.tenants.list(q);
      const sql = searchTenants(s.db, q);
      expect({ total: fast.total, ids: fast.rows.map((r) => r.id) }, JSON.stringify(q)).toEqual({ total: sql.total, ids: sql.rows.map((r) => r.id) });
    };
    // Typed key by key (each search refines the previous one), in several sort orders; few matches each.
    for (const sort of ['name', 'domain', 'updatedAt'] as const) {
      for (const search of ['f', 'f3', 'f37', 'f37.', 'f37.example', 'f37.examplex', 'zoë 4', 'a12@']) agree({ search, sort, dir: 'desc' });
    }
    for (const tags of [['t39'], ['t5', 'all'], ['all'], ['nope']]) agree({ tags, limit: 50 });
    const one = s.tenants.list({ search: 'f37.example' }).rows[0]!;
    s.tenants.update(one.id, { name: 'Renamed Firm', status: 'archived' });
    for (const search of ['f37', 'renamed', 'firm 3']) {
      agree({ search });
      agree({ search, includeArchived: true, sort: 'name', dir: 'desc' });
    }
  });

  it('on one-letter, separator and shared-segment searches, before and after edits change the segments', () => {
    const s = tempServices();
    const csv = ['name,domain,contact_email,contact_name,option,tags'];
    // Shared segments ("example", "acme"), a contact address whose domain is not the tenant's, an IDN domain.
    for (let i = 0; i < 120; i++) {
      const domain = i % 10 === 0 ? `bücher-${i}.example` : `acme-${i % 7}-${i}.example`;
      const email = i % 3 === 0 ? `ops+${i}@other-${i}.test` : `it@${domain}`;
      csv.push(`${['Acme Bakery', 'Globex', "O'Hara & Co"][i % 3]} ${i},${domain},${email},Zoë ${i % 5},${['', '1', '2', '3'][i % 4]},`);
    }
    expect(s.tenants.importCsv(csv.join('\n'), false).imported).toBe(120);
    const agree = (q: TenantListQuery) => {
      const fast = s.tenants.list(q);
      const sql = searchTenants(s.db, q);
      expect({ total: fast.total, ids: fast.rows.map((r) => r.id) }, JSON.stringify(q)).toEqual({ total: sql.total, ids: sql.rows.map((r) => r.id) });
    };
    const searches = [
      'a',
      'E',
      '7',
      '-',
      '.',
      '@',
      "'",
      '&',
      'ë',
      'ac',
      'example',
      'xample',
      'acme-3',
      'acme 3',
      '-3-',
      '.example',
      'it@acme',
      'ops+',
      'other-3',
      'bücher-110',
      'xn--',
      '. ',
      'zoë 2',
      'no-such-tenant',
    ];
    const run = () => {
      for (const search of searches) agree({ search, limit: 100 });
      // Typed key by key, so each search narrows the one before it.
      for (const search of ['e', 'ex', 'exa', 'exam', 'o', 'op', 'ops', 'ops+', 'ops+3']) agree({ search, sort: 'domain', dir: 'desc' });
    };
    run();
    // Edits that drop segments a tenant had and add new ones: the index must not keep finding the old text.
    for (const t of s.tenants.list({ search: 'acme-3', limit: 100 }).rows)
      s.tenants.update(t.id, { name: `Renamed ${t.name.length}`, contactEmail: 'x@renamed.test' });
    for (const t of s.tenants.list({ search: 'globex', limit: 5 }).rows) s.tenants.update(t.id, { name: 'Acme Bakery again' });
    run();
    for (const search of ['renamed', 'again', 'x@renamed']) agree({ search });
  });
});
