import type {
  DisplayNamePresetName, LintResultView, OptionsCompareResult, SwitchPlanView,
} from '../../src-preload/api/options';
import type { SendingOption, Tenant } from '../../src-preload/api/tenants';
import type { Settings } from '../../src-preload/api/settings';
import { buildFrom, hasBlockingIssue, lintDisplayName as lintName } from '../domain/display-name';
import { compareOptions, domainOfAddress, recommend, type OptionsFacts, type OptionsVendor } from '../domain/options';
import { planSwitch as planOptionSwitch } from '../domain/switch-plan';
import type { Db } from '../ledger/open';
import { latestDmarcFact, type CheckedDmarc } from './dmarc-facts';
import { postmarkLinks } from './postmark-state';

/** Brand-imitation checks compare against other tenants' names; past this many the newest win. */
export const MAX_OTHER_TENANT_NAMES = 5000;

export interface OptionsServiceDeps {
  db: Db;
  settings: { get(): Settings };
  tenants: {
    get(id: string): Tenant;
    update(id: string, patch: { option: SendingOption }): Tenant;
    record(id: string, action: string, detail?: string): void;
  };
}

/**
 * Gathers the facts the pure advisor rules need (tenant, settings, latest DNS check, Postmark links,
 * other tenants' names) and hands them over. No rule lives here: see src-main/domain/options.
 */
export class OptionsService {
  constructor(private readonly deps: OptionsServiceDeps) {}

  compare(id: string): OptionsCompareResult {
    const { facts, checked } = this.facts(id);
    const rec = recommend(facts);
    return {
      tenantId: id,
      current: facts.tenant.option,
      offered: [...facts.offered],
      options: compareOptions(facts),
      recommendation: { option: rec.option, reasons: rec.reasons, warnings: rec.warnings },
      dmarcCheck: checked ? { domain: checked.domain, checkedAt: checked.checkedAt, ...checked.fact } : null,
    };
  }

  /** Records the option (audited as a field change) and a note saying which recommendation it followed or overrode. */
  choose(id: string, option: SendingOption) {
    const { facts } = this.facts(id);
    const rec = recommend(facts);
    const before = facts.tenant.option;
    const tenant = this.deps.tenants.update(id, { option });
    const followed = rec.option === option;
    const note = rec.option === null
      ? `option ${option} chosen; the advisor recommended none: ${rec.reasons[0] ?? 'no offered option is safe'}`
      : followed
        ? `option ${option} chosen, following the recommendation: ${rec.reasons.at(-1) ?? ''}`
        : `option ${option} chosen, overriding the recommendation of option ${rec.option}: ${rec.reasons.at(-1) ?? ''}`;
    if (before !== option) this.deps.tenants.record(id, 'option chosen', note);
    return { tenant, recommended: rec.option, followedRecommendation: followed };
  }

  planSwitch(id: string, to: SendingOption): SwitchPlanView {
    const tenant = this.deps.tenants.get(id);
    const links = postmarkLinks(this.deps.db, id);
    return planOptionSwitch({
      from: tenant.option,
      to,
      postmark: links.state,
      sharedDomainUsers: links.sharedDomainUsers,
      tenant: { name: tenant.name, domain: tenant.domain, fromAddress: tenant.fromAddress },
      currentStatus: tenant.status,
    });
  }

  lintDisplayName(id: string, name: string, preset: DisplayNamePresetName): LintResultView {
    const tenant = this.deps.tenants.get(id);
    const vendor = vendorFrom(this.deps.settings.get());
    const built = buildFrom({ tenant: buildTenant(tenant), vendor, preset, customName: name });
    const issues = lintName(built.displayName, {
      vendorName: vendor.name,
      vendorDomain: vendor.sendingDomain,
      otherTenantNames: this.otherTenantNames(id),
      tenantName: tenant.name,
      tenantDomain: tenant.domain,
    });
    return {
      issues,
      blocking: hasBlockingIssue(issues),
      from: { displayName: built.displayName, address: built.address, header: built.header, replyTo: built.replyTo },
    };
  }

  private facts(id: string): { facts: OptionsFacts; checked: CheckedDmarc | null } {
    const tenant = this.deps.tenants.get(id);
    const settings = this.deps.settings.get();
    const mailDomain = domainOfAddress(tenant.fromAddress) || tenant.domain;
    const checked = latestDmarcFact(this.deps.db, id, [mailDomain, tenant.domain]);
    return {
      checked,
      facts: {
        tenant: { name: tenant.name, domain: tenant.domain, fromAddress: tenant.fromAddress, fromName: tenant.fromName, option: tenant.option },
        offered: settings.offeredOptions,
        vendor: vendorFrom(settings),
        dmarc: checked?.fact ?? null,
      },
    };
  }

  private otherTenantNames(id: string): string[] {
    const rows = this.deps.db
      .prepare(`SELECT name FROM tenants WHERE id <> ? AND status <> 'archived' ORDER BY updated_at DESC LIMIT ?`)
      .all(id, MAX_OTHER_TENANT_NAMES) as { name: string }[];
    return rows.map((r) => r.name);
  }
}

function vendorFrom(s: Settings): OptionsVendor {
  return { name: s.vendorName, sendingDomain: s.vendorDomain, addressPattern: s.vendorAddressPattern, sharedLocalPart: s.vendorSharedAddress.split('@')[0] || undefined };
}

function buildTenant(t: Tenant) {
  return { name: t.name, domain: t.domain, fromName: t.fromName, fromAddress: t.fromAddress, contactEmail: t.contactEmail };
}
