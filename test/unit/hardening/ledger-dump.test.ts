import { describe, expect, it } from 'vitest';
import { dumpLedger, ledgerTables } from '../../hardening/ledger-dump';
import { tempServices } from '../../support/temp';

/** Issue #25 item 3: the comparison behind "refused ⇒ ledger unchanged" sees every table, including new ones. */
describe('ledger dump', () => {
  it('lists every table of the current schema, and a change in any of them changes the dump', () => {
    const s = tempServices();
    const tables = ledgerTables(s.db);
    for (const t of ['tenants', 'settings', 'dns_checks', 'dmarc_chosen_records', 'deferred_removals', 'ptr_cache']) expect(tables).toContain(t);
    // Each table has its own section in the dump, so a row written to any of them shows up in the comparison.
    const sections = dumpLedger(s.db)
      .split('\n')
      .map((line) => line.slice(0, line.indexOf(':')));
    expect(sections).toEqual(tables);
    const before = dumpLedger(s.db);
    s.db.prepare(`INSERT INTO ptr_cache (ip, ptr, resolved_at) VALUES ('192.0.2.1', 'x.test', '2026-01-01')`).run();
    expect(dumpLedger(s.db)).not.toBe(before);
    // A table a future migration adds is in the dump without anyone listing it.
    s.db.exec(`CREATE TABLE added_later (x TEXT); INSERT INTO added_later VALUES ('new')`);
    expect(dumpLedger(s.db)).toContain('added_later:["new"]');
    s.close();
  });
});
