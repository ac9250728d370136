import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { openLedger } from '../../../src-main/ledger/open';
import { tempServices } from '../../support/temp';

/** "Use this record for {tenant}" through the real contract, handlers, services and a real SQLite file. */

function setup(option: 1 | 2 | 3 | null = 1, domain = 'mail.acme.com') {
  const s = tempServices();
  const t = s.tenants.create({ name: 'Acme', domain, ...(option ? { option } : {}) });
  return { s, t, call: createDispatch(createHandlers(s)) };
}
const trail = (s: ReturnType<typeof tempServices>, id: string) => s.tenants.auditTrail(id).filter((e) => e.action.startsWith('dmarc.'));

describe('chosen DMARC record', () => {
  it('saves, reads back (also from a reopened ledger), replaces and clears, each in the audit trail', async () => {
    const { s, t, call } = setup();
    expect(await call('dmarc.savedRecord', { id: t.id })).toEqual({ ok: true, value: { record: null } });

    const saved = await call('dmarc.saveRecord', {
      id: t.id,
      input: { p: 'none', rua: ['mailto:dmarc@reports.vendor.net'] },
      plan: { start: '2026-02-01', monitorDays: 14 },
    });
    expect(saved).toMatchObject({
      ok: true,
      value: {
        tenantId: t.id,
        domain: 'mail.acme.com',
        name: '_dmarc.mail.acme.com',
        value: 'v=DMARC1; p=none; rua=mailto:dmarc@reports.vendor.net',
        input: { p: 'none', rua: ['mailto:dmarc@reports.vendor.net'] },
        authorizations: [{ name: 'mail.acme.com._report._dmarc.reports.vendor.net', value: 'v=DMARC1', reportDomain: 'reports.vendor.net' }],
        plan: { domain: 'mail.acme.com', steps: [{ date: '2026-02-01', p: 'none' }, { date: '2026-02-15', p: 'quarantine' }, { p: 'reject' }] },
        inSheet: true,
      },
    });
    const again = await call('dmarc.savedRecord', { id: t.id });
    expect(again).toEqual({ ok: true, value: { record: (saved as { value: unknown }).value } });

    // The row is really in the ledger file, not in memory.
    const raw = openLedger(s.ledgerFile);
    expect(raw.prepare('SELECT domain, value, plan_json IS NOT NULL AS planned FROM dmarc_chosen_records').all()).toEqual([
      { domain: 'mail.acme.com', value: 'v=DMARC1; p=none; rua=mailto:dmarc@reports.vendor.net', planned: 1 },
    ]);
    raw.close();

    const replaced = await call('dmarc.saveRecord', { id: t.id, domain: 'acme.com', input: { p: 'quarantine', rua: ['mailto:dmarc@acme.com'] } });
    expect(replaced).toMatchObject({
      ok: true,
      value: { domain: 'acme.com', name: '_dmarc.acme.com', value: 'v=DMARC1; p=quarantine; rua=mailto:dmarc@acme.com', authorizations: [], plan: null },
    });

    expect(await call('dmarc.clearRecord', { id: t.id })).toEqual({ ok: true, value: { cleared: true } });
    expect(await call('dmarc.clearRecord', { id: t.id })).toEqual({ ok: true, value: { cleared: false } });
    expect(await call('dmarc.savedRecord', { id: t.id })).toEqual({ ok: true, value: { record: null } });

    const entries = trail(s, t.id);
    expect(entries.map((e) => e.action).sort()).toEqual(['dmarc.record-chosen', 'dmarc.record-cleared', 'dmarc.record-replaced']);
    const byAction = Object.fromEntries(entries.map((e) => [e.action, e.newValue]));
    expect(byAction['dmarc.record-chosen']).toBe(
      '_dmarc.mail.acme.com TXT "v=DMARC1; p=none; rua=mailto:dmarc@reports.vendor.net"; report permission mail.acme.com._report._dmarc.reports.vendor.net; rollout plan from 2026-02-01 in 3 steps',
    );
    expect(byAction['dmarc.record-replaced']).toBe(
      '_dmarc.acme.com TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@acme.com" (replaces "v=DMARC1; p=none; rua=mailto:dmarc@reports.vendor.net" at _dmarc.mail.acme.com)',
    );
    expect(byAction['dmarc.record-cleared']).toBe('_dmarc.acme.com TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@acme.com" is no longer in the DNS sheet');
  });

  it('refuses a domain that does not cover the tenant, bad choices and unknown tenants, storing nothing', async () => {
    const { s, t, call } = setup();
    expect(await call('dmarc.saveRecord', { id: t.id, domain: 'other.com', input: { p: 'none' } })).toMatchObject({
      ok: false,
      error: { code: 'dmarc.record.foreign-domain', hint: /mail\.acme\.com or its parent acme\.com/ },
    });
    expect(await call('dmarc.saveRecord', { id: t.id, domain: 'x.mail.acme.com', input: { p: 'none' } })).toMatchObject({
      ok: false,
      error: { code: 'dmarc.record.foreign-domain' },
    });
    expect(await call('dmarc.saveRecord', { id: t.id, domain: 'com', input: { p: 'none' } })).toMatchObject({
      ok: false,
      error: { code: 'dmarc.record.foreign-domain' },
    });
    expect(await call('dmarc.saveRecord', { id: t.id, input: { p: 'none', rua: ['https://evil.example'] } })).toMatchObject({
      ok: false,
      error: { code: 'dmarc.record.invalid-input' },
    });
    expect(await call('dmarc.saveRecord', { id: 't_missing', input: { p: 'none' } })).toMatchObject({ ok: false, error: { code: 'tenant.not-found' } });
    expect(await call('dmarc.savedRecord', { id: t.id })).toEqual({ ok: true, value: { record: null } });
    expect(trail(s, t.id)).toEqual([]);
  });

  it('says whether the DNS sheet lists it: only option 1 sheets list DNS records', async () => {
    for (const [option, inSheet, note] of [
      [1, true, /Listed in the DNS sheet/],
      [2, false, /option 2 sheets ask for no DNS changes/],
      [null, false, /no sending option/],
    ] as const) {
      const { t, call } = setup(option, 'acme.com');
      expect(await call('dmarc.saveRecord', { id: t.id, input: { p: 'reject' } })).toMatchObject({
        ok: true,
        value: { inSheet, sheetNote: expect.stringMatching(note) },
      });
    }
  });

  it('goes when the tenant goes', async () => {
    const { s, t, call } = setup();
    await call('dmarc.saveRecord', { id: t.id, input: { p: 'none' } });
    s.db.prepare('DELETE FROM tenants WHERE id = ?').run(t.id);
    expect((s.db.prepare('SELECT COUNT(*) AS n FROM dmarc_chosen_records').get() as { n: number }).n).toBe(0);
  });
});
