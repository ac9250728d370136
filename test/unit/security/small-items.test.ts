import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sheet } from '../../../src-main/sheets/types';
import { composeSheetEmail } from '../../../src-main/sheets/sheet-email';
import { esc } from '../../../src-main/sheets/render-html';
import { validateSeedCsv } from '../../../src-main/sends/seed-csv';
import { validateCsv } from '../../../src-main/tenants/csv-import';
import { tempDir, tempServices } from '../../support/temp';

/** Issue #23 item 5: the smaller findings, each as it was found. */
describe('security: smaller findings', () => {
  it("a sheet e-mail's note keeps $' $` $& as typed (no String.replace expansion)", () => {
    const sheet = { vendorName: 'Northwind', tenant: { domain: 'acme.test', name: 'Acme' }, optionLabel: 'option 1', records: [] } as unknown as Sheet;
    const html = '<html><body><main><h1>Sheet</h1></main></body></html>';
    for (const note of ["costs $' and $` and $& here", '$$ and $1']) {
      const m = composeSheetEmail({
        sheet,
        html,
        pdf: { fileName: 'a.pdf', body: Buffer.from('%PDF') },
        from: 'dns@vendor.test',
        to: 'it@acme.test',
        note,
        tenantId: 't1',
      });
      expect(m.HtmlBody).toContain(esc(note));
      expect(m.HtmlBody!.match(/<h1>Sheet<\/h1>/g)).toHaveLength(1); // the markup around the note is untouched
    }
  });

  it('the data folder is created owner-only (0700) and the ledger file is 0600', () => {
    const home = path.join(tempDir(), 'fresh', 'Behalf');
    const s = tempServices({ home });
    s.tenants.create({ name: 'Acme', domain: 'acme.test' }); // writes the WAL too
    expect(fs.statSync(home).mode & 0o777).toBe(0o700);
    for (const f of ['ledger.sqlite', 'ledger.sqlite-wal', 'ledger.sqlite-shm']) {
      const file = path.join(home, f);
      if (fs.existsSync(file)) expect(fs.statSync(file).mode & 0o077, f).toBe(0);
    }
    s.close();
    // An existing ledger left readable by others is tightened on open.
    fs.chmodSync(path.join(home, 'ledger.sqlite'), 0o644);
    tempServices({ home }).close();
    expect(fs.statSync(path.join(home, 'ledger.sqlite')).mode & 0o777).toBe(0o600);
  });

  it('CSV headers are looked up as own properties: "constructor", "__proto__", "toString" are unknown columns', () => {
    for (const col of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const tenants = validateCsv(`name,domain,${col}\nAcme,acme.test,x\n`);
      expect(tenants.errors, col).toEqual([expect.objectContaining({ message: expect.stringContaining(`Unknown column "${col}"`) })]);
      const seeds = validateSeedCsv(`address,${col}\nseed@gmail.test,x\n`);
      expect(seeds.errors, col).toEqual([expect.objectContaining({ message: expect.stringContaining(`Unknown column "${col}"`) })]);
    }
  });
});
