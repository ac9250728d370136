import { describe, expect, it } from 'vitest';
import { tempServices } from '../../support/temp';

describe('TenantService', () => {
  it('creates a tenant with normalised domain, draft status and a "created" audit entry', () => {
    const s = tempServices();
    const t = s.tenants.create({ name: 'Acme Inc', domain: ' HTTPS://Acme.COM. ', tags: ['VIP', 'eu'] });
    expect(t).toMatchObject({ name: 'Acme Inc', domain: 'acme.com', status: 'draft', option: null, tags: ['eu', 'vip'] });
    expect(s.tenants.auditTrail(t.id)).toMatchObject([{ action: 'created', newValue: 'Acme Inc (acme.com)' }]);
  });

  it('rejects invalid input with a field-named error and writes nothing', () => {
    const s = tempServices();
    expect(() => s.tenants.create({ name: '', domain: 'acme.com' })).toThrow(/name: A tenant needs a name/);
    expect(() => s.tenants.create({ name: 'A', domain: 'not a domain' })).toThrow(/domain: Enter a domain/);
    expect(() => s.tenants.create({ name: 'A', domain: 'a.com', contactEmail: 'nope' })).toThrow(/contactEmail/);
    expect(s.tenants.count()).toBe(0);
  });

  it('refuses a second live tenant on the same domain', () => {
    const s = tempServices();
    s.tenants.create({ name: 'A', domain: 'a.com' });
    expect(() => s.tenants.create({ name: 'B', domain: 'A.com' })).toThrow(/already belongs to tenant "A"/);
  });

  it('audits each changed field old → new, and nothing for a no-op update', () => {
    const s = tempServices();
    const t = s.tenants.create({ name: 'Acme', domain: 'acme.com' });
    s.tenants.update(t.id, { status: 'provisioning' });
    s.tenants.update(t.id, { option: 2, status: 'awaiting-confirmation', tags: ['x'] });
    s.tenants.update(t.id, { option: 2 });
    const trail = s.tenants.auditTrail(t.id).filter((e) => e.action === 'updated');
    expect(trail.map((e) => [e.field, e.oldValue, e.newValue]).sort()).toEqual([
      ['option', null, '2'],
      ['status', 'draft', 'provisioning'],
      ['status', 'provisioning', 'awaiting-confirmation'],
      ['tags', '', 'x'],
    ]);
  });

  it('searches, filters by option/status/tag and sorts, with a total for paging', () => {
    const s = tempServices();
    for (let i = 0; i < 30; i++) {
      s.tenants.create({
        name: `Tenant ${String(i).padStart(2, '0')}`,
        domain: `t${i}.example`,
        option: i % 3 === 0 ? null : ((i % 3) as 1 | 2),
        tags: i % 2 ? ['odd'] : [],
      });
    }
    expect(s.tenants.list({ search: 'tenant 1' }).total).toBe(10);
    expect(s.tenants.list({ search: 'T2' }).rows.map((r) => r.domain)).toContain('t2.example');
    expect(s.tenants.list({ options: ['undecided'] }).total).toBe(10);
    expect(s.tenants.list({ options: [1, 'undecided'] }).total).toBe(20);
    expect(s.tenants.list({ tags: ['odd'] }).total).toBe(15);
    const page = s.tenants.list({ sort: 'name', dir: 'desc', offset: 5, limit: 5 });
    expect(page.total).toBe(30);
    expect(page.rows.map((r) => r.name)).toEqual(['Tenant 24', 'Tenant 23', 'Tenant 22', 'Tenant 21', 'Tenant 20']);
  });

  it('treats LIKE wildcards in a search as plain characters', () => {
    const s = tempServices();
    s.tenants.create({ name: '100% Pure', domain: 'pure.com' });
    s.tenants.create({ name: '100 Pure', domain: 'pure2.com' });
    expect(s.tenants.list({ search: '100%' }).rows.map((r) => r.name)).toEqual(['100% Pure']);
  });

  it('sets only the columns an update changes, and rewrites tags only when they change', () => {
    // Every column an UPDATE sets costs an index rewrite, changed or not (bench P4: 4,000 status updates after a reconcile).
    const s = tempServices();
    const t = s.tenants.create({ name: 'Acme', domain: 'acme.com', tags: ['vip'] });
    s.db.exec(`CREATE TEMP TABLE seen (what TEXT);
      CREATE TEMP TRIGGER seen_other AFTER UPDATE OF name, name_lc, contact_name, contact_email, domain, from_address, from_name, option, notes
        ON tenants BEGIN INSERT INTO seen VALUES ('other'); END;
      CREATE TEMP TRIGGER seen_status AFTER UPDATE OF status ON tenants BEGIN INSERT INTO seen VALUES ('status'); END;
      CREATE TEMP TRIGGER seen_tags AFTER DELETE ON tenant_tags BEGIN INSERT INTO seen VALUES ('tags'); END;`);
    const seen = () => (s.db.prepare('SELECT what FROM temp.seen ORDER BY rowid').all() as { what: string }[]).map((r) => r.what);

    s.tenants.update(t.id, { status: 'provisioning' });
    expect(seen()).toEqual(['status']);
    s.tenants.update(t.id, { name: 'Acme Bakery', tags: ['eu', 'vip'] });
    expect(seen()).toEqual(['status', 'other', 'tags']);
    expect(s.tenants.find('acme bakery').id).toBe(t.id); // name_lc follows the name
    const edit = {
      contactName: 'Ann',
      contactEmail: 'ann@acme.org',
      domain: 'acme.org',
      fromAddress: 'hi@acme.org',
      fromName: 'Acme Help',
      option: 1,
      notes: 'n',
    } as const;
    s.tenants.update(t.id, edit);
    expect(s.tenants.get(t.id)).toMatchObject({ ...edit, name: 'Acme Bakery', status: 'provisioning', tags: ['eu', 'vip'] });
    expect(seen()).toEqual(['status', 'other', 'tags', 'other']);
  });

  it('enforces the status lifecycle with a hint naming the allowed moves', () => {
    const s = tempServices();
    const t = s.tenants.create({ name: 'A', domain: 'a.com' });
    expect(() => s.tenants.update(t.id, { status: 'live' })).toThrow(expect.objectContaining({ code: 'tenant.status.invalid-transition' }));
    expect(s.tenants.get(t.id).status).toBe('draft');
    expect(s.tenants.update(t.id, { status: 'provisioning' }).status).toBe('provisioning');
  });

  it('hides archived tenants unless asked', () => {
    const s = tempServices();
    const t = s.tenants.create({ name: 'Old', domain: 'old.com' });
    s.tenants.update(t.id, { status: 'archived' });
    expect(s.tenants.list({}).total).toBe(0);
    expect(s.tenants.list({ statuses: ['archived'] }).total).toBe(1);
    // an archived tenant frees its domain
    expect(() => s.tenants.create({ name: 'New', domain: 'old.com' })).not.toThrow();
  });

  it('finds a tenant by id, name or domain', () => {
    const s = tempServices();
    const t = s.tenants.create({ name: 'Acme Inc', domain: 'acme.com' });
    expect(s.tenants.find('acme inc').id).toBe(t.id);
    expect(s.tenants.find('ACME.com').id).toBe(t.id);
    expect(() => s.tenants.find('nobody')).toThrow(/No tenant matches/);
  });

  it('emits tenants.changed for the door to push', () => {
    const s = tempServices();
    const seen: string[] = [];
    s.bus.on('tenants.changed', (e) => seen.push(e.reason));
    const t = s.tenants.create({ name: 'A', domain: 'a.com' });
    s.tenants.update(t.id, { name: 'B' });
    expect(seen).toEqual(['created', 'updated']);
  });
});
