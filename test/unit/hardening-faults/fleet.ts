import type { ProvisionPlanInput } from '../../../src-main/postmark/outbox';

/**
 * The tenants provisioned in the fault and crash suites: options 1/2/3 in turn, plus a few whose input
 * Postmark must refuse with 422 (a public mailbox domain, a malformed domain): those are the only jobs
 * allowed to end in needs-attention.
 */
export interface FleetTenant {
  plan: ProvisionPlanInput;
  /** What Postmark should hold for this tenant afterwards. */
  expect: { server: string; domain?: string; sender?: string };
  /** The create step Postmark refuses on purpose, if any. */
  badInput?: { kind: 'create-domain' | 'create-sender'; postmarkCode: number };
}

const BAD: Record<number, Omit<FleetTenant, 'expect'> & { server: string }> = {
  7: {
    server: 'Tenant 007',
    plan: { tenantId: 't007', option: 2, serverName: 'Tenant 007', fromEmail: 'owner@gmail.com', fromName: 'Owner' },
    badInput: { kind: 'create-sender', postmarkCode: 503 },
  },
  31: {
    server: 'Tenant 031',
    plan: { tenantId: 't031', option: 1, serverName: 'Tenant 031', domain: 'hotmail.com' },
    badInput: { kind: 'create-domain', postmarkCode: 503 },
  },
  58: {
    server: 'Tenant 058',
    plan: { tenantId: 't058', option: 1, serverName: 'Tenant 058', domain: 'bad_name..test' },
    badInput: { kind: 'create-domain', postmarkCode: 522 },
  },
  83: {
    server: 'Tenant 083',
    plan: { tenantId: 't083', option: 2, serverName: 'Tenant 083', fromEmail: 'yahoo-user@yahoo.com', fromName: 'Y' },
    badInput: { kind: 'create-sender', postmarkCode: 503 },
  },
};

export function fleet(size: number, prefix = 't'): FleetTenant[] {
  return Array.from({ length: size }, (_, i) => {
    const n = String(i).padStart(3, '0');
    const bad = prefix === 't' ? BAD[i] : undefined;
    if (bad) return { plan: bad.plan, expect: { server: bad.server }, ...(bad.badInput ? { badInput: bad.badInput } : {}) };
    const tenantId = `${prefix}${n}`;
    const serverName = `Tenant ${prefix}${n}`;
    const option = ((i % 3) + 1) as 1 | 2 | 3;
    const domain = `${prefix}${n}.example.test`;
    if (option === 1) return { plan: { tenantId, option, serverName, domain }, expect: { server: serverName, domain } };
    if (option === 2) {
      const email = `hello@${domain}`;
      return { plan: { tenantId, option, serverName, fromEmail: email, fromName: `Customer ${n}` }, expect: { server: serverName, sender: email } };
    }
    return { plan: { tenantId, option, serverName }, expect: { server: serverName } };
  });
}
