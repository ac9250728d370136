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
    this.insertStmt = db.prepare(
      'INSERT INTO audit (tenant_id, at, action, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)',
    );
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

/** The audit trail, for the whole-ledger export (issue #20). */
export const auditTables = ownedTables([{ name: 'audit', orderBy: 'id' }]);
