import { describe, expect, it } from 'vitest';
import { decide, type LocalChange, type ServerRow } from '../../../src-main/team/merge';
import { sharedTable } from '../../../src-main/ledger/shared-tables';

const tenants = sharedTable('tenants');
const row = { id: 't1', name: 'Acme', name_lc: 'acme', option: 1, notes: '', updated_at: 'a' };
const server = (over: Partial<ServerRow> = {}): ServerRow => ({
  row,
  deleted: false,
  meta: { option: { by: 'Jane', at: '2026-01-01T10:14:00Z', seq: 5, console: 'jane' } },
  ...over,
});
const change = (over: Partial<LocalChange>): LocalChange => ({
  changeId: 'c1',
  table: 'tenants',
  keyJson: '["t1"]',
  op: 'update',
  old: row,
  new: row,
  force: false,
  baseSeq: 4,
  consoleId: 'omar',
  operatorName: 'Omar',
  operatorEmail: 'omar@x.example',
  madeAt: '2026-01-01T10:20:00Z',
  ...over,
});

describe('first to reach the server wins, per field', () => {
  it('applies an edit of a field nobody else touched since', () => {
    const d = decide(tenants, change({ new: { ...row, notes: 'hi', updated_at: 'b' } }), server(), 9);
    expect(d.conflicts).toEqual([]);
    expect(d.fields).toEqual({ notes: 'hi', updated_at: 'b' });
    expect(d.next!.meta.notes).toMatchObject({ by: 'Omar', seq: 9 });
  });

  it('refuses an edit of a field someone else set after this console last pulled, naming them', () => {
    const d = decide(tenants, change({ new: { ...row, option: 3, updated_at: 'b' } }), server({ row: { ...row, option: 2 } }), 9);
    expect(d.effect).toBe('none'); // updated_at does not travel alone
    expect(d.conflicts).toEqual([{ kind: 'field', field: 'option', mine: 3, theirs: 2, theirOperator: 'Jane', theirAt: '2026-01-01T10:14:00Z' }]);
  });

  it('still sees a conflict when the other edit set the value back and forth (no ABA)', () => {
    const d = decide(tenants, change({ old: { ...row, option: 2 }, new: { ...row, option: 3 } }), server({ row: { ...row, option: 2 } }), 9);
    expect(d.conflicts).toHaveLength(1);
  });

  it('applies the part of a change that does not conflict', () => {
    const d = decide(tenants, change({ new: { ...row, option: 3, notes: 'x' } }), server({ row: { ...row, option: 2 } }), 9);
    expect(d.fields).toEqual({ notes: 'x' });
    expect(d.conflicts.map((c) => c.field)).toEqual(['option']);
  });

  it("does not count this console's own earlier edits, nor edits it had pulled", () => {
    expect(
      decide(tenants, change({ new: { ...row, option: 3 } }), server({ meta: { option: { by: 'Omar', at: 'x', seq: 5, console: 'omar' } } }), 9).conflicts,
    ).toEqual([]);
    expect(decide(tenants, change({ baseSeq: 5, new: { ...row, option: 3 } }), server(), 9).conflicts).toEqual([]);
  });

  it('makes an edit of a deleted row, and a delete of an edited row, conflicts', () => {
    const gone = server({ deleted: true, meta: { '': { by: 'Jane', at: 't', seq: 6, console: 'jane' } } });
    expect(decide(tenants, change({ new: { ...row, option: 2 } }), gone, 9).conflicts[0]).toMatchObject({ kind: 'deleted-theirs', theirOperator: 'Jane' });
    expect(decide(tenants, change({ op: 'delete', new: null }), server({ row: { ...row, option: 2 } }), 9).conflicts[0]).toMatchObject({
      kind: 'edited-theirs',
      theirs: { option: 2 },
    });
    expect(decide(tenants, change({ op: 'delete', new: null, baseSeq: 5 }), server(), 9).effect).toBe('delete');
  });

  it('applies a forced change ("apply mine") over the other edit', () => {
    const d = decide(tenants, change({ force: true, old: null, new: { id: 't1', option: 3 } }), server({ row: { ...row, option: 2 } }), 9);
    expect(d.fields).toEqual({ option: 3 });
  });

  it('takes the same fact recorded by two consoles once: the first keeps its quiet values, no conflict', () => {
    const alerts = sharedTable('alerts');
    const alert = { fact_key: 'dkim-gone:t1', kind: 'dkim-gone', tenant_id: 't1', title: 'DKIM gone', detail: 'd', raised_at: '10:00' };
    const live: ServerRow = { row: alert, deleted: false, meta: {} };
    const again = change({ table: 'alerts', keyJson: '["dkim-gone:t1"]', op: 'insert', old: null, new: { ...alert, raised_at: '10:05', detail: 'd2' } });
    expect(decide(alerts, again, live, 9)).toMatchObject({ effect: 'none', conflicts: [] });
    // Acknowledging is a person's edit, though: two different ones made apart are a conflict like any field.
    const ack = change({ table: 'alerts', keyJson: '["dkim-gone:t1"]', old: alert, new: { ...alert, acknowledged_at: '11:00' } });
    const acked: ServerRow = {
      ...live,
      row: { ...alert, acknowledged_at: '10:30' },
      meta: { acknowledged_at: { by: 'Jane', at: '10:30', seq: 6, console: 'jane' } },
    };
    expect(decide(alerts, ack, acked, 9).conflicts.map((c) => c.field)).toEqual(['acknowledged_at']);
  });
});
