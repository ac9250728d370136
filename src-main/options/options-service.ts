import { BehalfError } from '../../src-preload/api/errors';
import type { AppliedSwitchView, DisplayNamePresetName, LintResultView, OptionsCompareResult, SwitchPlanView } from '../../src-preload/api/options';
import type { SendingOption, Tenant } from '../../src-preload/api/tenants';
import { vendorGapsText, vendorIdentityGaps, type Settings } from '../../src-preload/api/settings';
import { buildFrom, hasBlockingIssue, lintDisplayName as lintName, type LintIssue } from '../domain/display-name';
import { compareOptions, domainOfAddress, recommend, type OptionsFacts, type OptionsVendor } from '../domain/options';
import { planSwitch as planOptionSwitch } from '../domain/switch-plan';
import type { Db } from '../ledger/open';
import { latestDmarcFact, type CheckedDmarc } from './dmarc-facts';
import { postmarkLinks } from './postmark-state';
import type { Switcher } from '../postmark/switch/switch-apply';
import { otherTenantNames } from '../ledger/tenants-repo';

/** Brand-imitation checks compare against other tenants' names; past this many the newest win. */
export const MAX_OTHER_TENANT_NAMES = 5000;

export interface OptionsServiceDeps {
  db: Db;
  settings: { get(): Settings };
  tenants: {
    get(id: string): Tenant;
    update(id: string, patch: { option?: SendingOption; fromName?: string }): Tenant;
    record(id: string, action: string, detail?: string): void;
  };
  /** Carries a switch out in Postmark (see postmark/switch/switch-apply.ts); without it a choice is only recorded. */
  switcher?: Switcher;
}

export interface ChangeInput {
  id: string;
  option: SendingOption;
  apply?: boolean;
  displayName?: string;
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
      dmarcCheck: checked?.fact ? { domain: checked.domain, checkedAt: checked.checkedAt, ...checked.fact } : null,
    };
  }

  /** Records the option (audited as a field change) and a note saying which recommendation it followed or overrode. */
  choose(id: string, option: SendingOption) {
    const { facts } = this.facts(id);
    const rec = recommend(facts);
    const before = facts.tenant.option;
    const tenant = this.deps.tenants.update(id, { option });
    const followed = rec.option === option;
    const note =
      rec.option === null
        ? `option ${option} chosen; the advisor recommended none: ${rec.reasons[0] ?? 'no offered option is safe'}`
        : followed
          ? `option ${option} chosen, following the recommendation: ${rec.reasons.at(-1) ?? ''}`
          : `option ${option} chosen, overriding the recommendation of option ${rec.option}: ${rec.reasons.at(-1) ?? ''}`;
    if (before !== option) this.deps.tenants.record(id, 'option chosen', note);
    return { tenant, recommended: rec.option, followedRecommendation: followed };
  }

  /**
   * The guided change of mind: saves option 3's display name (after the linter), records the option, and with
   * `apply` carries the plan out in Postmark. The plan is worked out before anything changes.
   */
  async change(input: ChangeInput) {
    const before = this.deps.tenants.get(input.id);
    const plan = this.planSwitch(input.id, input.option);
    const name = input.displayName?.trim();
    if (input.option === 3 && name !== undefined) {
      // Linted as sends will use it: "<name> via <Vendor>" (src-main/sends/from-plan.ts builds the 'via' preset).
      const lint = this.lint({ ...before, fromName: name }, '', 'via');
      if (lint.blocking) {
        const first = lint.issues.find((i) => i.severity === 'block')!;
        throw new BehalfError('options.display-name-blocked', `The display name cannot be used: ${first.message}`, first.fix);
      }
    }
    if (input.apply && plan.actions?.create.includes('sender') && !before.fromAddress) {
      throw new BehalfError(
        'options.no-from-address',
        `${before.name} has no From address for a sender signature.`,
        'Add the From address on the tenant, then switch to option 2.',
      );
    }
    if (input.option === 3 && name && name !== (before.fromName || before.name)) this.deps.tenants.update(input.id, { fromName: name });
    const chosen = this.choose(input.id, input.option);
    let applied: AppliedSwitchView | null = null;
    if (input.apply && this.deps.switcher && before.option !== input.option) {
      applied = await this.deps.switcher.apply(before, chosen.tenant, plan);
    }
    return { ...chosen, tenant: this.deps.tenants.get(input.id), applied };
  }

  deferredRemovals(id: string) {
    this.deps.tenants.get(id);
    const sw = this.deps.switcher;
    return { pending: sw?.pending(id) ?? [], history: sw?.history(id).filter((d) => d.state !== 'waiting') ?? [] };
  }

  planSwitch(id: string, to: SendingOption): SwitchPlanView {
    const tenant = this.deps.tenants.get(id);
    const links = postmarkLinks(this.deps.db, tenant);
    const plan = planOptionSwitch({
      from: tenant.option,
      to,
      postmark: links.state,
      sharedDomainUsers: links.sharedDomainUsers,
      tenant: { name: tenant.name, domain: tenant.domain, fromAddress: tenant.fromAddress },
      currentStatus: tenant.status,
    });
    return { ...plan, actions: this.deps.switcher?.preview(id, plan) ?? null };
  }

  lintDisplayName(id: string, name: string, preset: DisplayNamePresetName): LintResultView {
    return this.lint(this.deps.tenants.get(id), name, preset);
  }

  private lint(tenant: Tenant, name: string, preset: DisplayNamePresetName): LintResultView {
    const id = tenant.id;
    const vendor = vendorFrom(this.deps.settings.get());
    const built = buildFrom({ tenant: buildTenant(tenant), vendor, preset, customName: name });
    const settings = this.deps.settings.get();
    const gaps = vendorIdentityGaps(settings);
    const held: LintIssue[] =
      gaps.length === 0
        ? []
        : [
            {
              code: 'vendor-not-set',
              severity: 'block',
              message: `The From line cannot be judged yet: ${vendorGapsText(gaps)}.`,
              fix: 'Set the vendor name and sending domain in Settings → Vendor.',
            },
          ];
    const issues = [
      ...held,
      ...lintName(built.displayName, {
        vendorName: vendor.name,
        vendorDomain: vendor.sendingDomain,
        otherTenantNames: this.otherTenantNames(id),
        tenantName: tenant.name,
        tenantDomain: tenant.domain,
      }),
    ];
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
        receivesMail: checked?.receivesMail ?? null,
      },
    };
  }

  private otherTenantNames(id: string): string[] {
    return otherTenantNames(this.deps.db, id, MAX_OTHER_TENANT_NAMES);
  }
}

function vendorFrom(s: Settings): OptionsVendor {
  return {
    name: s.vendorName,
    sendingDomain: s.vendorDomain,
    addressPattern: s.vendorAddressPattern,
    sharedLocalPart: s.vendorSharedAddress.split('@')[0] || undefined,
  };
}

function buildTenant(t: Tenant) {
  return { name: t.name, domain: t.domain, fromName: t.fromName, fromAddress: t.fromAddress, contactEmail: t.contactEmail };
}
