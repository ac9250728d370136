import type { Db } from '../ledger/open';
import type { RolloutPlan } from './plan';
import type { DmarcRecordInput, ReportAuthorization } from './record-build';
import { ownedTables } from '../ledger/table-rows-repo';

/** The DMARC record staff chose for a tenant, as stored in dmarc_chosen_records (migration 008). */
export interface ChosenDmarcRecord {
  tenantId: string;
  domain: string;
  /** `_dmarc.<domain>`. */
  name: string;
  value: string;
  input: DmarcRecordInput;
  authorizations: ReportAuthorization[];
  plan: RolloutPlan | null;
  chosenAt: string;
}

interface Row {
  tenant_id: string;
  domain: string;
  input_json: string;
  value: string;
  authorizations_json: string;
  plan_json: string | null;
  chosen_at: string;
}

/** Reads the tenant's chosen record, or undefined. Pure SQL; the rules live in chosen-record.ts. */
export function getChosenRecord(db: Db, tenantId: string): ChosenDmarcRecord | undefined {
  const row = db.prepare('SELECT * FROM dmarc_chosen_records WHERE tenant_id = ?').get(tenantId) as Row | undefined;
  if (!row) return undefined;
  return {
    tenantId: row.tenant_id,
    domain: row.domain,
    name: `_dmarc.${row.domain}`,
    value: row.value,
    input: JSON.parse(row.input_json) as DmarcRecordInput,
    authorizations: JSON.parse(row.authorizations_json) as ReportAuthorization[],
    plan: row.plan_json === null ? null : (JSON.parse(row.plan_json) as RolloutPlan),
    chosenAt: row.chosen_at,
  };
}

/** Inserts or replaces the tenant's one chosen record. */
export function putChosenRecord(db: Db, r: Omit<ChosenDmarcRecord, 'name'>): void {
  db.prepare(
    `INSERT INTO dmarc_chosen_records (tenant_id, domain, input_json, value, authorizations_json, plan_json, chosen_at)
    VALUES (@tenantId, @domain, @input, @value, @auth, @plan, @chosenAt)
    ON CONFLICT (tenant_id) DO UPDATE SET domain = excluded.domain, input_json = excluded.input_json, value = excluded.value,
      authorizations_json = excluded.authorizations_json, plan_json = excluded.plan_json, chosen_at = excluded.chosen_at`,
  ).run({
    tenantId: r.tenantId,
    domain: r.domain,
    input: JSON.stringify(r.input),
    value: r.value,
    auth: JSON.stringify(r.authorizations),
    plan: r.plan === null ? null : JSON.stringify(r.plan),
    chosenAt: r.chosenAt,
  });
}

/** Deletes the tenant's chosen record; true when there was one. */
export function deleteChosenRecord(db: Db, tenantId: string): boolean {
  return db.prepare('DELETE FROM dmarc_chosen_records WHERE tenant_id = ?').run(tenantId).changes > 0;
}

/** The DMARC record chosen per tenant, for the whole-ledger export (issue #20). */
export const chosenRecordTables = ownedTables([{ name: 'dmarc_chosen_records', orderBy: 'tenant_id' }]);
