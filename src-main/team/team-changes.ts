import type { TouchedTenants } from '../core/commit-witness';
import type { Conflict } from './merge';

/** A change pulled from the team's log, as this console applies it. */
export interface PulledChange {
  seq: number;
  table: string;
  keyJson: string;
  effect: 'upsert' | 'update' | 'delete' | 'append' | 'none';
  fields: Record<string, unknown> | null;
}

/** A conflict as this console keeps it (team_conflicts), for Settings → Team, the CLI and resolving. */
export interface StoredConflict {
  id: number;
  changeId: string;
  table: string;
  keyJson: string;
  kind: Conflict['kind'];
  field: string | null;
  label: string;
  mine: unknown;
  theirs: unknown;
  theirOperator: string | null;
  theirAt: string | null;
  createdAt: string;
  resolvedAt: string | null;
  resolution: 'keep-theirs' | 'apply-mine' | null;
}

/** The tenant whose row or tags a conflict's row is: what the tenants list shows. */
export function listedTenant(c: { table: string; keyJson: string } | undefined): TouchedTenants {
  const id = c && (c.table === 'tenants' || c.table === 'tenant_tags') ? tenantOf(c.table, c.keyJson, null) : undefined;
  return id === undefined ? [] : [id];
}

/** The tenant a change of a shared row belongs to, if any (a tenant's own row and its tags are keyed by its id first). */
export function tenantOf(table: string, keyJson: string, fields: Record<string, unknown> | null | undefined): string | undefined {
  const id = table === 'tenants' || table === 'tenant_tags' ? (JSON.parse(keyJson) as unknown[])[0] : fields?.tenant_id;
  return typeof id === 'string' ? id : undefined;
}
