import { createFakeResolver, startPostmarkSimulator, type FakeResolver, type PostmarkSimulator } from '../../../support/postmark-sim';
import { tempServices } from '../../../support/temp';
import type { Services } from '../../../../src-main/app/services';
import type { TenantDraft } from '../../../../src-preload/api/tenants';

/** The real composition root (lazy gateway over the vault's token) against the simulator over HTTP. */
export interface ServiceHarness {
  sim: PostmarkSimulator;
  dns: FakeResolver;
  s: Services;
  addTenant(draft: Partial<TenantDraft> & { name: string; domain: string }): string;
  /** Publishes what the tenant's domain state asks for (pending key if any, else active; Return-Path CNAME). */
  publish(tenantId: string): void;
  close(): Promise<void>;
}

export async function serviceHarness(opts: { token?: boolean; env?: Record<string, string> } = {}): Promise<ServiceHarness> {
  const dns = createFakeResolver();
  const sim = await startPostmarkSimulator({ resolver: dns });
  const s = tempServices({ env: { BEHALF_POSTMARK_URL: sim.url, ...(opts.token === false ? {} : { POSTMARK_ACCOUNT_TOKEN: sim.accountToken }), ...opts.env } });
  return {
    sim,
    dns,
    s,
    addTenant: (draft) => s.tenants.create(draft).id,
    publish(tenantId) {
      const d = s.postmark.state(tenantId).domain;
      if (!d) throw new Error('no domain');
      const key = d.pending ?? d.active;
      if (key) dns.setTxt(key.host, [key.value]);
      dns.setCname(d.returnPath.domain, d.returnPath.cname);
    },
    async close() {
      await s.postmark.stopRunner();
      s.close();
      await sim.close();
    },
  };
}

/** Every status the tenant went through, from its audit trail. */
export function statusTrail(s: Services, tenantId: string): string[] {
  return s.tenants
    .auditTrail(tenantId)
    .filter((e) => e.field === 'status')
    .map((e) => `${e.oldValue}>${e.newValue}`)
    .reverse();
}
