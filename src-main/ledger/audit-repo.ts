import type { Statement } from 'better-sqlite3';
import type { AuditEntry } from '../../src-preload/api/tenants';
import type { Db } from './open';
import { ownedTables } from './table-rows-repo';

export interface AuditInput {
  tenantId: string;
  at: string;
  action: string;
  field?: string | null;
  oldValue?: string | null;
  newValue?: string | null;
}

/** Append-only trail of every change to a tenant: what, old → new, when. */
export class AuditRepo {
  private readonly insertStmt;
  private readonly listStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO audit (tenant_id, at, action, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)');
    this.listStmt = db.prepare(
      `SELECT id, tenant_id AS tenantId, at, action, field, old_value AS oldValue, new_value AS newValue,
              operator_name AS operatorName, operator_email AS operatorEmail
       FROM audit WHERE tenant_id = ? ORDER BY id DESC LIMIT ?`,
    );
  }

  append(e: AuditInput): void {
    this.insertStmt.run(e.tenantId, e.at, e.action, e.field ?? null, e.oldValue ?? null, e.newValue ?? null);
  }

  list(tenantId: string, limit = 500): AuditEntry[] {
    return this.listStmt.all(tenantId, limit) as AuditEntry[];
  }
}

const lastOperatorStmts = new WeakMap<Db, Statement>();
/**
 * Team mode (issue #19): who made each tenant's latest change that names an operator, for the tenants table's
 * "changed by". One indexed look per tenant of the page (audit_tenant); tenants nobody named are left out.
 */
export function lastOperators(db: Db, tenantIds: readonly string[]): { id: string; name: string }[] {
  let stmt = lastOperatorStmts.get(db);
  if (!stmt) {
    stmt = db.prepare(
      `SELECT t.value AS id,
         (SELECT a.operator_name FROM audit a WHERE a.tenant_id = t.value AND a.operator_name IS NOT NULL ORDER BY a.at DESC, a.id DESC LIMIT 1) AS name
       FROM json_each(?) t`,
    );
    lastOperatorStmts.set(db, stmt);
  }
  return (stmt.all(JSON.stringify(tenantIds)) as { id: string; name: string | null }[]).filter((r): r is { id: string; name: string } => r.name !== null);
}

/** The audit trail, for the whole-ledger export (issue #20). */
export const auditTables = ownedTables([{ name: 'audit', orderBy: 'id' }]);
