import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src-main/tenants/csv';
import { tempServices } from '../../support/temp';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, embedded newlines, CRLF and a BOM', () => {
    const rows = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",z\n');
    expect(rows.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['multi\nline', 'z'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it('names the line of an unterminated quote', () => {
    expect(() => parseCsv('a,b\n1,2\n"oops,3\n')).toThrow(/line 3 never closes/);
  });
});

describe('CSV import', () => {
  const good = 'name,domain,contact_email,option,tags\nAcme,acme.com,it@acme.com,1,vip;eu\nBeta,beta.io,,,\n';

  it('imports every valid row with its fields', () => {
    const s = tempServices();
    const r = s.tenants.importCsv(good, false);
    expect(r).toMatchObject({ rows: 2, imported: 2, errors: [], dryRun: false, notes: [] });
    const acme = s.tenants.find('acme.com');
    expect(acme).toMatchObject({ contactEmail: 'it@acme.com', option: 1, tags: ['eu', 'vip'] });
    expect(s.tenants.find('beta.io').option).toBeNull();
  });

  it('a dry run validates and writes nothing', () => {
    const s = tempServices();
    expect(s.tenants.importCsv(good, true)).toMatchObject({ rows: 2, imported: 0, errors: [], dryRun: true });
    expect(s.tenants.count()).toBe(0);
  });

  it('is all or nothing: one bad row → per-row errors and nothing imported', () => {
    const s = tempServices();
    const csv = 'Name,Domain,Option\nGood,good.com,2\nBad,bad domain,7\nDup,good.com,\n';
    const r = s.tenants.importCsv(csv, false);
    expect(r.imported).toBe(0);
    expect(r.errors).toEqual([
      { row: 3, field: 'domain', message: expect.stringMatching(/Enter a domain/) },
      { row: 3, field: 'option', message: expect.stringMatching(/1 \(customer domain\)/) },
      { row: 4, field: 'domain', message: 'good.com already appears on line 2 of this file.' },
    ]);
    expect(s.tenants.count()).toBe(0);
  });

  it('refuses rows whose domain already belongs to a tenant in the ledger', () => {
    const s = tempServices();
    s.tenants.create({ name: 'Existing', domain: 'acme.com' });
    const r = s.tenants.importCsv(good, false);
    expect(r.errors).toEqual([{ row: 2, field: 'domain', message: 'acme.com already belongs to tenant "Existing".' }]);
    expect(s.tenants.count()).toBe(1);
  });

  it('explains a missing or unknown column', () => {
    const s = tempServices();
    expect(s.tenants.importCsv('name,colour\nA,red\n', false).errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/Unknown column "colour"/),
      'The header has no "domain" column.',
    ]);
    expect(s.tenants.importCsv('', false).errors[0]!.message).toMatch(/empty/);
  });
});
