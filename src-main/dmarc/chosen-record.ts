import { organisationalDomain } from '../domain/org-domain';
import { BehalfError } from '../../src-preload/api/errors';
import type { DmarcSavedRecord } from '../../src-preload/api/dmarc';
import type { Tenant } from '../../src-preload/api/tenants';
import type { Db } from '../ledger/open';
import { deleteChosenRecord, getChosenRecord, putChosenRecord, type ChosenDmarcRecord } from './chosen-store';
import { planDmarcRollout, type RolloutPlanInput } from './plan';
import { buildDmarcRecord, splitTxt, type DmarcRecordInput } from './record-build';
import { writeTransaction } from '../ledger/write-transaction';
import { canonicalName } from '../domain/domain-name';

/** Choosing, replacing and clearing the DMARC record a tenant's DNS sheet lists; each change lands in the tenant's trail. */

export interface ChosenRecordDeps {
  db: Db;
  tenants: { get(id: string): Tenant; record(id: string, action: string, detail?: string): void };
  now?: () => string;
}

export type PlanOptions = Omit<RolloutPlanInput, 'domain' | 'base'>;

/**
 * The record must sit at the tenant's domain or a parent of it in the same zone (its organisational domain):
 * those are the only `_dmarc` names receivers consult for the tenant's mail, and the sheet only lists records
 * the customer can add in their own zone.
 */
export function policyDomainFor(tenant: Pick<Tenant, 'domain'>, requested: string | undefined): string {
  const own = tenant.domain.toLowerCase();
  const d = canonicalName(requested ?? own);
  const zone = organisationalDomain(own);
  const underZone = d === zone || d.endsWith(`.${zone}`);
  if (d === own || (underZone && own.endsWith(`.${d}`))) return d;
  throw new BehalfError(
    'dmarc.record.foreign-domain',
    `A DMARC record for ${d} does not cover mail from ${own}.`,
    `Use ${own}${own !== zone ? ` or its parent ${zone}` : ''}.`,
  );
}

/** True while the chosen record still covers the tenant's domain (its domain may have changed since). */
export function coversTenant(chosenDomain: string, tenantDomain: string): boolean {
  const own = tenantDomain.toLowerCase();
  return chosenDomain === own || own.endsWith(`.${chosenDomain}`);
}

/** What a person reads about where the record goes (only option-1 sheets list DNS records). */
function sheetPlacement(option: Tenant['option'], chosenDomain: string, tenantDomain: string): { inSheet: boolean; sheetNote: string } {
  if (!coversTenant(chosenDomain, tenantDomain)) {
    return {
      inSheet: false,
      sheetNote: `Not in the DNS sheet: it was chosen for ${chosenDomain}, and the tenant now sends as ${tenantDomain}. Choose a record again.`,
    };
  }
  if (option === 1) return { inSheet: true, sheetNote: 'Listed in the DNS sheet as a record for the customer to add.' };
  if (option === null) return { inSheet: false, sheetNote: 'Not in the DNS sheet yet: this tenant has no sending option; option 1 sheets list it.' };
  return { inSheet: false, sheetNote: `Not in the DNS sheet: option ${option} sheets ask for no DNS changes. It is listed once the tenant uses option 1.` };
}

export function toSaved(r: ChosenDmarcRecord, tenant: Pick<Tenant, 'option' | 'domain'>): DmarcSavedRecord {
  return {
    tenantId: r.tenantId,
    domain: r.domain,
    name: r.name,
    value: r.value,
    strings: splitTxt(r.value),
    input: r.input,
    authorizations: r.authorizations,
    plan: r.plan,
    chosenAt: r.chosenAt,
    ...sheetPlacement(tenant.option, r.domain, tenant.domain),
  };
}

export function createChosenRecords(deps: ChosenRecordDeps) {
  const now = deps.now ?? (() => new Date().toISOString());
  return {
    get(tenantId: string): DmarcSavedRecord | null {
      const tenant = deps.tenants.get(tenantId);
      const r = getChosenRecord(deps.db, tenantId);
      return r ? toSaved(r, tenant) : null;
    },

    /** Builds (validating the choices) and stores the record, replacing any earlier choice, in one transaction with its audit line. */
    save(tenantId: string, input: DmarcRecordInput, opts: { domain?: string; plan?: PlanOptions } = {}): DmarcSavedRecord {
      const tenant = deps.tenants.get(tenantId);
      const domain = policyDomainFor(tenant, opts.domain);
      const built = buildDmarcRecord(domain, input);
      const { p: _p, t: _t, ...base } = input;
      const plan = opts.plan ? planDmarcRollout({ ...opts.plan, domain, base }) : null;
      const record: ChosenDmarcRecord = {
        tenantId,
        domain,
        name: built.name,
        value: built.value,
        input,
        authorizations: built.authorizations,
        plan,
        chosenAt: now(),
      };
      writeTransaction(deps.db, () => {
        const before = getChosenRecord(deps.db, tenantId);
        putChosenRecord(deps.db, record);
        const auth = built.authorizations.length ? `; report permission ${built.authorizations.map((a) => a.name).join(', ')}` : '';
        const planned = plan ? `; rollout plan from ${plan.steps[0]?.date ?? '?'} in ${plan.steps.length} steps` : '';
        const replaced = before ? ` (replaces "${before.value}"${before.domain !== domain ? ` at ${before.name}` : ''})` : '';
        deps.tenants.record(
          tenantId,
          before ? 'dmarc.record-replaced' : 'dmarc.record-chosen',
          `${built.name} TXT "${built.value}"${auth}${planned}${replaced}`,
        );
      });
      return toSaved(record, tenant);
    },

    /** Forgets the choice; the sheet stops listing it. Clearing nothing is not an error and leaves no trail. */
    clear(tenantId: string): { cleared: boolean } {
      deps.tenants.get(tenantId);
      return writeTransaction(deps.db, () => {
        const before = getChosenRecord(deps.db, tenantId);
        if (!before || !deleteChosenRecord(deps.db, tenantId)) return { cleared: false };
        deps.tenants.record(tenantId, 'dmarc.record-cleared', `${before.name} TXT "${before.value}" is no longer in the DNS sheet`);
        return { cleared: true };
      });
    },
  };
}

export type ChosenRecords = ReturnType<typeof createChosenRecords>;
