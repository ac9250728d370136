import { describe, expect, it } from 'vitest';
import type { SendingOption } from '../../../src-preload/api/tenants';
import { canTransition } from '../../../src-main/domain/status';
import { planSwitch, type SwitchPostmarkState } from '../../../src-main/domain/switch-plan';

/** Postmark objects a tenant has on each option. */
function stateFor(option: SendingOption | null): SwitchPostmarkState {
  if (option === null) return {};
  if (option === 1)
    return { serverId: 7, domainId: 41, domainName: 'acme.com', dkimHost: '20240817055129pm._domainkey.acme.com', returnPathHost: 'pm-bounces.acme.com' };
  if (option === 2) return { serverId: 7, senderId: 12, senderEmail: 'support@acme.com' };
  return { serverId: 7 };
}
const tenant = { name: 'Acme', domain: 'acme.com', fromAddress: 'support@acme.com' };

type Row = {
  from: SendingOption | null;
  to: SendingOption;
  remove: string[];
  create: string[];
  mayDelete: string[];
  mustAdd: string[];
  status: string;
};
// remove entries are "kind@when"; DNS entries are "TYPE host".
const ROWS: Row[] = [
  {
    from: null,
    to: 1,
    remove: [],
    create: ['server', 'domain'],
    mayDelete: [],
    mustAdd: ['TXT <selector>._domainkey.acme.com', 'CNAME pm-bounces.acme.com'],
    status: 'awaiting-dns',
  },
  { from: null, to: 2, remove: [], create: ['server', 'sender'], mayDelete: [], mustAdd: [], status: 'awaiting-confirmation' },
  { from: null, to: 3, remove: [], create: ['server'], mayDelete: [], mustAdd: [], status: 'live' },
  { from: 1, to: 1, remove: [], create: [], mayDelete: [], mustAdd: [], status: 'live' },
  {
    from: 1,
    to: 2,
    remove: ['domain@after-signature-confirmed'],
    create: ['sender'],
    mayDelete: ['TXT 20240817055129pm._domainkey.acme.com', 'CNAME pm-bounces.acme.com'],
    mustAdd: [],
    status: 'awaiting-confirmation',
  },
  {
    from: 1,
    to: 3,
    remove: ['domain@after-from-switched'],
    create: [],
    mayDelete: ['TXT 20240817055129pm._domainkey.acme.com', 'CNAME pm-bounces.acme.com'],
    mustAdd: [],
    status: 'live',
  },
  {
    from: 2,
    to: 1,
    remove: ['sender@after-domain-verified'],
    create: ['domain'],
    mayDelete: [],
    mustAdd: ['TXT <selector>._domainkey.acme.com', 'CNAME pm-bounces.acme.com'],
    status: 'awaiting-dns',
  },
  { from: 2, to: 2, remove: [], create: [], mayDelete: [], mustAdd: [], status: 'live' },
  { from: 2, to: 3, remove: ['sender@after-from-switched'], create: [], mayDelete: [], mustAdd: [], status: 'live' },
  {
    from: 3,
    to: 1,
    remove: [],
    create: ['domain'],
    mayDelete: [],
    mustAdd: ['TXT <selector>._domainkey.acme.com', 'CNAME pm-bounces.acme.com'],
    status: 'awaiting-dns',
  },
  { from: 3, to: 2, remove: [], create: ['sender'], mayDelete: [], mustAdd: [], status: 'awaiting-confirmation' },
  { from: 3, to: 3, remove: [], create: [], mayDelete: [], mustAdd: [], status: 'live' },
];

describe('planSwitch: every pair', () => {
  it.each(ROWS)('$from → $to', (row) => {
    const plan = planSwitch({ from: row.from, to: row.to, postmark: stateFor(row.from), tenant, currentStatus: 'live' });
    expect(plan.remove.map((r) => `${r.kind}@${r.when}`)).toEqual(row.remove);
    expect(plan.create.map((c) => c.kind)).toEqual(row.create);
    expect(plan.dnsRecordsCustomerMayDelete.map((r) => `${r.type} ${r.host}`)).toEqual(row.mayDelete);
    expect(plan.dnsRecordsCustomerMustAdd.map((r) => `${r.type} ${r.host}`)).toEqual(row.mustAdd);
    expect(plan.newStatus).toBe(row.status);
    // The server always survives a change of option.
    if (row.from !== null) expect(plan.keep.some((k) => k.kind === 'server')).toBe(true);
    expect(plan.remove.some((r) => r.kind === 'server')).toBe(false);
    // Each removal and DNS note explains itself; the new status is reachable from provisioning.
    for (const r of [...plan.remove, ...plan.keep, ...plan.create, ...plan.dnsRecordsCustomerMayDelete, ...plan.dnsRecordsCustomerMustAdd]) {
      expect(r.why.length).toBeGreaterThan(10);
    }
    if (row.from !== row.to) expect(canTransition('provisioning', plan.newStatus)).toBe(true);
  });

  it('covers all 12 pairs', () => {
    expect(new Set(ROWS.map((r) => `${r.from}-${r.to}`)).size).toBe(12);
  });
});

describe('planSwitch: details', () => {
  it('2 → 1 keeps the signature until the domain verifies, and says so', () => {
    const plan = planSwitch({ from: 2, to: 1, postmark: stateFor(2), tenant });
    expect(plan.remove[0]).toMatchObject({ kind: 'sender', id: 12, label: 'Sender signature support@acme.com' });
    expect(plan.remove[0]!.why).toContain('only after the new domain verifies');
    expect(plan.dnsRecordsCustomerMustAdd.find((r) => r.type === 'CNAME')).toMatchObject({ value: 'pm.mtasv.net' });
    expect(plan.dnsRecordsCustomerMustAdd.find((r) => r.type === 'TXT')?.value).toBeNull();
  });

  it('1 → 3 removes the domain by id, keeps the server and the DMARC record, and warns to switch From first', () => {
    const plan = planSwitch({ from: 1, to: 3, postmark: stateFor(1), tenant });
    expect(plan.remove).toEqual([expect.objectContaining({ kind: 'domain', id: 41, label: 'Postmark domain acme.com' })]);
    expect(plan.keep.map((k) => k.label)).toEqual(expect.arrayContaining(['Postmark server 7', 'TXT _dmarc.acme.com']));
    expect(plan.warnings.join(' ')).toContain('ErrorCode 400');
    expect(plan.dnsRecordsCustomerMayDelete.find((r) => r.type === 'CNAME')!.why).toContain('late bounces');
  });

  it('keeps a Postmark domain other tenants still use, and its DNS records', () => {
    const plan = planSwitch({ from: 1, to: 3, postmark: stateFor(1), tenant, sharedDomainUsers: 2 });
    expect(plan.remove).toEqual([]);
    expect(plan.dnsRecordsCustomerMayDelete).toEqual([]);
    expect(plan.keep.find((k) => k.kind === 'domain')?.why).toContain('2 other tenants');
  });

  it('says so when the Postmark id to remove is unknown', () => {
    const plan = planSwitch({ from: 1, to: 2, postmark: { serverId: 7, domainName: 'acme.com' }, tenant });
    expect(plan.remove[0]!.id).toBeNull();
    expect(plan.warnings.join(' ')).toContain('No Postmark domain id is recorded');
    expect(plan.dnsRecordsCustomerMayDelete.map((r) => r.host)).toEqual(['<selector>._domainkey.acme.com', 'pm-bounces.acme.com']);
  });

  it('reuses a domain or signature that already exists', () => {
    const toOne = planSwitch({ from: 3, to: 1, postmark: { serverId: 7, domainId: 41, domainName: 'acme.com', dkimHost: 'x._domainkey.acme.com' }, tenant });
    expect(toOne.create).toEqual([]);
    expect(toOne.keep.map((k) => k.kind)).toContain('domain');
    expect(toOne.dnsRecordsCustomerMustAdd[0]!.host).toBe('x._domainkey.acme.com');
    const toTwo = planSwitch({ from: 3, to: 2, postmark: { serverId: 7, senderId: 3, senderEmail: 'support@acme.com' }, tenant });
    expect(toTwo.create).toEqual([]);
  });

  it('creates the server when a tenant somehow has none', () => {
    expect(planSwitch({ from: 2, to: 3, postmark: { senderId: 12 }, tenant }).create.map((c) => c.kind)).toEqual(['server']);
  });

  it('warns about DMARC whenever the target is option 2, and about a missing From address', () => {
    const plan = planSwitch({ from: 3, to: 2, postmark: stateFor(3), tenant: { name: 'Acme', domain: 'acme.com' } });
    expect(plan.warnings.join(' ')).toContain('not DMARC-aligned');
    expect(plan.warnings.join(' ')).toContain("Set the tenant's From address");
  });

  it('from option 3, keeps sending from the vendor address until the new way works', () => {
    expect(planSwitch({ from: 3, to: 1, postmark: stateFor(3), tenant }).warnings.join(' ')).toContain('until acme.com verifies');
  });

  it('a no-op keeps the current status', () => {
    const plan = planSwitch({ from: 1, to: 1, postmark: stateFor(1), tenant, currentStatus: 'awaiting-dns' });
    expect(plan.newStatus).toBe('awaiting-dns');
    expect(plan.warnings[0]).toContain('Already on option 1');
  });
});
