import type { BulkMail } from '../../src-preload/api/rules';
import type { Db } from '../ledger/open';
import { ownedTables } from '../ledger/table-rows-repo';
import { writeTransaction } from '../ledger/write-transaction';

/** The tenant_bulk_mail table (migration 021): does a tenant send marketing/bulk mail, and on which stream. */
export class BulkMailStore {
  constructor(private readonly db: Db) {}

  /** null: nobody recorded it yet. */
  of(tenantId: string): BulkMail | null {
    const row = this.db.prepare('SELECT bulk_mail FROM tenant_bulk_mail WHERE tenant_id = ?').get(tenantId) as { bulk_mail: BulkMail } | undefined;
    return row?.bulk_mail ?? null;
  }

  /** Records (or, with null, forgets) the fact; the audit line is written in the same transaction by the caller's `audit`. */
  set(tenantId: string, value: BulkMail | null, at: string, audit: (old: BulkMail | null) => void): void {
    writeTransaction(this.db, () => {
      const old = this.of(tenantId);
      if (old === value) return;
      if (value === null) this.db.prepare('DELETE FROM tenant_bulk_mail WHERE tenant_id = ?').run(tenantId);
      else {
        this.db
          .prepare(
            `INSERT INTO tenant_bulk_mail (tenant_id, bulk_mail, updated_at) VALUES (?, ?, ?)
                         ON CONFLICT (tenant_id) DO UPDATE SET bulk_mail = excluded.bulk_mail, updated_at = excluded.updated_at`,
          )
          .run(tenantId, value, at);
      }
      audit(old);
    });
  }
}

/** For the whole-ledger export (issue #20). */
export const bulkMailTables = ownedTables([{ name: 'tenant_bulk_mail', orderBy: 'tenant_id' }]);
