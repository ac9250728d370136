import type { BulkMail, SenderRules } from '../../src-preload/api/rules';
import type { Settings } from '../../src-preload/api/settings';
import type { Tenant, TenantStatus } from '../../src-preload/api/tenants';
import { AuditRepo } from '../ledger/audit-repo';
import type { Db } from '../ledger/open';
import { latestTenantCheckFacts } from '../dns/check-store';
import { BulkMailStore } from './bulk-mail-store';
import { evaluateSenderRules, type ComplaintFacts, type DnsFacts, type SenderFacts } from './sender-rules';

/** The part of a tenant's sending health the complaint rule reads (the health service's tenant view). */
export interface HealthFacts {
  serverName: string | null;
  fetch: { fetchedAt: string | null };
  last7: { sent: number; complaintRate: number | null };
  thresholds: { complaintRateMax: number; complaintRateAim: number; minVolume: number };
}

export interface RulesServiceDeps {
  db: Db;
  settings: { get(): Settings };
  tenants: { get(id: string): Tenant; list(q: { statuses: TenantStatus[]; limit: number; offset: number }): { total: number; rows: Tenant[] } };
  health: { tenant(id: string): HealthFacts };
  onChanged?: (tenantId: string) => void;
  now?: () => Date;
}

/** Tenants `behalf rules` lists without --tenant: every one set up or being set up (the Health page's list). */
const LISTED: TenantStatus[] = ['provisioning', 'awaiting-dns', 'awaiting-confirmation', 'live', 'suspended'];

/** Gathers a tenant's facts (latest DNS check, cached health, the bulk-mail fact) and judges them. */
export function createRulesService(deps: RulesServiceDeps) {
  const bulk = new BulkMailStore(deps.db);
  const audit = new AuditRepo(deps.db);
  const now = () => deps.now?.() ?? new Date();

  function dnsFacts(t: Tenant): DnsFacts | null {
    const latest = latestTenantCheckFacts(deps.db, t.id, [t.domain]);
    if (!latest) return null;
    const records = (latest.facts.records ?? []).flatMap((r) =>
      typeof r.kind === 'string' && typeof r.status === 'string' ? [{ kind: r.kind, status: r.status }] : [],
    );
    const d = latest.facts.dmarc;
    return { checkedAt: latest.checkedAt, records, dmarc: d ? { record: d.record ?? null, p: d.p ?? null } : null };
  }

  function complaintFacts(t: Tenant): ComplaintFacts {
    const h = deps.health.tenant(t.id);
    return {
      hasServer: h.serverName !== null,
      fetched: h.fetch.fetchedAt !== null,
      sent7: h.last7.sent,
      rate: h.last7.complaintRate,
      limit: h.thresholds.complaintRateMax,
      aim: h.thresholds.complaintRateAim,
      minVolume: h.thresholds.minVolume,
    };
  }

  function forTenant(t: Tenant): SenderRules {
    const dns = dnsFacts(t);
    const facts: SenderFacts = {
      option: t.option,
      domain: t.domain,
      vendorDomain: deps.settings.get().vendorDomain,
      dns,
      complaints: complaintFacts(t),
      bulkMail: bulk.of(t.id),
    };
    const items = evaluateSenderRules(facts);
    return {
      tenantId: t.id,
      name: t.name,
      domain: t.domain,
      option: t.option,
      bulkMail: facts.bulkMail,
      dnsCheckedAt: dns?.checkedAt ?? null,
      items,
      failing: items.filter((i) => i.status === 'fail').length,
    };
  }

  return {
    tenant: (id: string): SenderRules => forTenant(deps.tenants.get(id)),

    all(): SenderRules[] {
      const out: SenderRules[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = deps.tenants.list({ statuses: LISTED, limit: 500, offset });
        out.push(...page.rows.map(forTenant));
        if (page.rows.length < 500 || out.length >= page.total) return out;
      }
    },

    /** Records whether the tenant sends bulk mail (null forgets it), with an audit line like any tenant edit. */
    setBulkMail(id: string, value: BulkMail | null): SenderRules {
      const t = deps.tenants.get(id);
      const at = now().toISOString();
      bulk.set(t.id, value, at, (old) => audit.append({ tenantId: t.id, at, action: 'updated', field: 'bulkMail', oldValue: old, newValue: value }));
      deps.onChanged?.(t.id);
      return forTenant(t);
    },
  };
}

export type RulesService = ReturnType<typeof createRulesService>;
