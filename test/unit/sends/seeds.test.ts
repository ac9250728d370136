import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type Db } from '../../../src-main/ledger/open';
import { SeedService, validateSeedCsv } from '../../../src-main/sends';

let dir: string;
let db: Db;
let seeds: SeedService;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-seeds-'));
  db = openLedger(path.join(dir, 'ledger.sqlite'));
  seeds = new SeedService(db, () => '2026-11-26T12:00:00.000Z');
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('seed inboxes', () => {
  it('adds, refuses duplicates in any casing, toggles and removes', () => {
    const s = seeds.add({ address: 'Seed@Gmail.test', provider: 'Gmail' });
    expect(s).toMatchObject({ address: 'Seed@Gmail.test', provider: 'Gmail', active: true });
    expect(() => seeds.add({ address: 'seed@gmail.test' })).toThrow(/already a seed/);
    expect(() => seeds.add({ address: 'nope' })).toThrow(/address like/);
    expect(seeds.update(s.id, { active: false }).active).toBe(false);
    expect(seeds.active()).toEqual([]);
    seeds.remove(s.id);
    expect(() => seeds.remove(s.id)).toThrow(/no seed inbox/);
  });

  it('imports all or nothing, with every problem by line and field', () => {
    seeds.add({ address: 'keep@gmail.test', provider: 'Gmail' });
    const bad = seeds.importCsv(
      'address,provider,active\nok@outlook.test,Outlook,yes\nbroken,Yahoo,yes\nok@outlook.test,Outlook,no\nx@icloud.test,iCloud,maybe\n',
      false,
    );
    expect(bad.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'address'],
      [4, 'address'],
      [5, 'active'],
    ]);
    expect(seeds.list().map((s) => s.address)).toEqual(['keep@gmail.test']);

    const csv = 'Email,Label,Enabled\r\nkeep@gmail.test,Gmail (main),no\r\n"new@outlook.test","Outlook, work",\r\n';
    expect(seeds.importCsv(csv, true)).toMatchObject({ rows: 2, added: 1, updated: 1, dryRun: true });
    expect(seeds.list()).toHaveLength(1);
    expect(seeds.importCsv(csv, false)).toMatchObject({ added: 1, updated: 1, errors: [] });
    expect(seeds.list().map((s) => [s.address, s.provider, s.active])).toEqual([
      ['keep@gmail.test', 'Gmail (main)', false],
      ['new@outlook.test', 'Outlook, work', true],
    ]);
  });

  it('exports CSV that imports back to the same list, with formula-looking cells defused', () => {
    seeds.add({ address: 'a@gmail.test', provider: 'Gmail, personal' });
    seeds.add({ address: 'b@outlook.test', provider: '=HYPERLINK()', active: false });
    const out = seeds.exportCsv();
    expect(out.rows).toBe(2);
    expect(out.csv).toContain(`"Gmail, personal"`);
    expect(out.csv).toContain(`'=HYPERLINK()`);
    const back = validateSeedCsv(out.csv);
    expect(back.errors).toEqual([]);
    expect(back.seeds.map((s) => [s.address, s.active])).toEqual([
      ['b@outlook.test', false],
      ['a@gmail.test', true],
    ]);
  });

  it('says what to do with an empty file or a missing address column', () => {
    expect(validateSeedCsv('').errors[0]!.message).toMatch(/empty/);
    expect(validateSeedCsv('provider\nGmail\n').errors.map((e) => e.message)).toContain('The header has no "address" column.');
  });
});
