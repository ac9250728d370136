import { afterEach, describe, expect, it } from 'vitest';
import { tempServices } from '../../support/temp';

type S = ReturnType<typeof tempServices>;
const opened: S[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

function setup(): S {
  const s = tempServices();
  opened.push(s);
  s.settings.update({ vendorName: 'Sendly', vendorDomain: 'sendly.com', vendorAddressPattern: 'per-customer' });
  return s;
}

/** A DNS check row shaped like src-main/dns/check-store.ts writes it (only the fields the advisor reads). */
function saveCheck(s: S, tenantId: string, domain: string, report: object): void {
  s.db
    .prepare(`INSERT INTO dns_checks (tenant_id, domain, checked_at, status, report_json) VALUES (?, ?, ?, 'ok', ?)`)
    .run(tenantId, domain, '2026-01-02T10:00:00.000Z', JSON.stringify(report));
}

const rejectReport = {
  dmarc: { applied: 'reject', p: 'reject' },
  option2: { verdict: 'will-fail', reason: 'p=reject on acme.com: option 2 mail is not aligned, so receivers reject it.' },
};

describe('OptionsService.compare', () => {
  it('without a DNS check, DMARC is "not checked" and option 1 is recommended', () => {
    const s = setup();
    const t = s.tenants.create({ name: 'Acme', domain: 'acme.com', fromAddress: 'support@acme.com' });
    const r = s.options.compare(t.id);
    expect(r.dmarcCheck).toBeNull();
    expect(r.options.map((o) => o.option)).toEqual([1, 2, 3]);
    expect(r.options[1]!.deliverability.dmarc).toBe('unknown');
    expect(r.options[1]!.branding.preview.gmail).toBe('Acme <support@acme.com> via pm.mtasv.net');
    expect(r.options[2]!.branding.preview.address).toBe('acme@sendly.com');
    expect(r.recommendation.option).toBe(1);
  });

  it('reads the latest DNS check: p=reject makes option 2 unsafe', () => {
    const s = setup();
    const t = s.tenants.create({ name: 'Acme', domain: 'acme.com', fromAddress: 'support@acme.com' });
    saveCheck(s, t.id, 'acme.com', { dmarc: null, option2: { verdict: 'delivers-unaligned', reason: 'delivers, shows via, not aligned' } });
    saveCheck(s, t.id, 'acme.com', rejectReport);
    const r = s.options.compare(t.id);
    expect(r.dmarcCheck).toMatchObject({ domain: 'acme.com', verdict: 'will-fail', policy: 'reject' });
    expect(r.options[1]!.deliverability).toMatchObject({ dmarc: 'will-be-rejected', disposition: 'rejected' });
    expect(r.options[1]!.assessment.status).toBe('unsafe');
  });

  it('recommends option 3 when option 1 is not offered and option 2 would be rejected', () => {
    const s = setup();
    s.settings.update({ offeredOptions: [2, 3] });
    const t = s.tenants.create({ name: 'Acme', domain: 'acme.com', fromAddress: 'support@acme.com' });
    saveCheck(s, t.id, 'acme.com', rejectReport);
    const r = s.options.compare(t.id);
    expect(r.options[0]!.offered).toBe(false);
    expect(r.recommendation.option).toBe(3);
    expect(r.recommendation.reasons.join(' ')).toMatch(/option 1 is not offered/);
    expect(r.recommendation.reasons.join(' ')).toMatch(/p=reject/);
  });

  it('treats an unreadable report or an "unknown" verdict as not checked', () => {
    const s = setup();
    const t = s.tenants.create({ name: 'Acme', domain: 'acme.com' });
    saveCheck(s, t.id, 'acme.com', { option2: { verdict: 'unknown', reason: 'SERVFAIL' } });
    expect(s.options.compare(t.id).dmarcCheck).toBeNull();
    saveCheck(s, t.id, 'acme.com', { something: 'else' });
    expect(s.options.compare(t.id).dmarcCheck).toBeNull();
    expect(s.options.compare(t.id).options[1]!.deliverability.dmarc).toBe('unknown');
  });

  it('ignores checks of another domain', () => {
    const s = setup();
    const t = s.tenants.create({ name: 'Acme', domain: 'acme.com' });
    saveCheck(s, t.id, 'old-acme.net', rejectReport);
    expect(s.options.compare(t.id).dmarcCheck).toBeNull();
  });
});

describe('OptionsService.choose', () => {
  it('records the option in the audit trail with a note on the recommendation followed or overridden', () => {
    const s = setup();
    const t = s.tenants.create({ name: 'Acme', domain: 'acme.com', fromAddress: 'support@acme.com' });
    const first = s.options.choose(t.id, 1);
    expect(first).toMatchObject({ recommended: 1, followedRecommendation: true });
    expect(first.tenant.option).toBe(1);
    const second = s.options.choose(t.id, 3);
    expect(second).toMatchObject({ recommended: 1, followedRecommendation: false });
    expect(s.tenants.get(t.id).option).toBe(3);
    const trail = s.tenants.auditTrail(t.id).reverse(); // the trail lists newest first
    expect(trail.filter((e) => e.field === 'option').map((e) => [e.oldValue, e.newValue])).toEqual([
      [null, '1'],
      ['1', '3'],
    ]);
    const notes = trail.filter((e) => e.action === 'option chosen').map((e) => e.newValue);
    expect(notes[0]).toMatch(/^option 1 chosen, following the recommendation/);
    expect(notes[1]).toMatch(/^option 3 chosen, overriding the recommendation of option 1/);
  });

  it('choosing the current option again adds nothing to the trail', () => {
    const s = setup();
    const t = s.tenants.create({ name: 'Acme', domain: 'acme.com', option: 2 });
    const before = s.tenants.auditTrail(t.id).length;
    s.options.choose(t.id, 2);
    expect(s.tenants.auditTrail(t.id)).toHaveLength(before);
  });

  it('names a missing tenant', () => {
    const s = setup();
    expect(() => s.options.choose('t_nope', 1)).toThrow(/No tenant with id t_nope/);
  });
});

describe('OptionsService.planSwitch', () => {
  it('plans 1 → 2 from the Postmark objects linked to the tenant', () => {
    const s = setup();
    const t = s.tenants.create({ name: 'Acme', domain: 'acme.com', fromAddress: 'support@acme.com', option: 1 });
    const insert = s.db.prepare(`INSERT INTO postmark_objects (tenant_id, kind, postmark_id, name, name_lc, details_json, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, 'x', 'x')`);
    insert.run(t.id, 'server', 11, 'behalf-acme', 'behalf-acme', '{}');
    insert.run(t.id, 'domain', 22, 'acme.com', 'acme.com', JSON.stringify({ DKIMHost: '2026a._domainkey.acme.com', ReturnPathDomain: 'pm-bounces.acme.com' }));
    const plan = s.options.planSwitch(t.id, 2);
    expect(plan.remove).toEqual([expect.objectContaining({ kind: 'domain', id: 22, when: 'after-signature-confirmed' })]);
    expect(plan.keep.map((k) => k.label)).toContain('Postmark server 11');
    expect(plan.dnsRecordsCustomerMayDelete.map((d) => d.host)).toEqual(['2026a._domainkey.acme.com', 'pm-bounces.acme.com']);
    expect(plan.create.map((c) => c.label)).toEqual(['Sender signature support@acme.com']);
    expect(plan.newStatus).toBe('awaiting-confirmation');
  });

  it('keeps a domain other tenants share', () => {
    const s = setup();
    const a = s.tenants.create({ name: 'Acme', domain: 'acme.com', option: 1 });
    const b = s.tenants.create({ name: 'Acme EU', domain: 'acme.eu', option: 1 });
    const insert = s.db.prepare(`INSERT INTO postmark_objects (tenant_id, kind, postmark_id, name, name_lc, details_json, created_at, updated_at)
      VALUES (?, 'domain', ?, 'acme.com', 'acme.com', '{}', 'x', 'x')`);
    insert.run(a.id, 22);
    insert.run(b.id, 23);
    expect(s.options.planSwitch(a.id, 3).remove).toEqual([]);
  });
});

describe('OptionsService.lintDisplayName', () => {
  it('builds the From for a preset and suggests the customer address as Reply-To', () => {
    const s = setup();
    const t = s.tenants.create({ name: 'Acme', domain: 'acme.com', fromAddress: 'support@acme.com' });
    const r = s.options.lintDisplayName(t.id, '', 'for');
    expect(r.from).toEqual({
      displayName: 'Sendly for Acme',
      address: 'acme@sendly.com',
      header: 'Sendly for Acme <acme@sendly.com>',
      replyTo: 'support@acme.com',
    });
    expect(r.blocking).toBe(false);
  });

  it('blocks a custom name that imitates another tenant', () => {
    const s = setup();
    s.tenants.create({ name: 'Globex Corporation', domain: 'globex.com' });
    const t = s.tenants.create({ name: 'Acme', domain: 'acme.com' });
    const r = s.options.lintDisplayName(t.id, 'Globex Corporation', 'custom');
    expect(r.blocking).toBe(true);
    expect(r.issues.map((i) => i.code)).toContain('imitates-tenant');
    const empty = s.options.lintDisplayName(t.id, '   ', 'custom');
    expect(empty.issues[0]).toMatchObject({ code: 'empty', severity: 'block' });
  });
});
