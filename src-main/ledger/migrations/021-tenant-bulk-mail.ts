import type { Migration } from '../migration';

/**
 * Sender rules per tenant (issue #18 part 4): whether a tenant sends marketing or other bulk mail, and through which
 * Postmark stream. The mailbox providers require one-click unsubscribe on such mail only, and Postmark adds the
 * headers on Broadcast streams only, so this one fact decides that rule. A row exists once someone recorded it; no
 * row = not asked yet (the checklist says "not checked"). Its own table, owned by src-main/rules/, so the tenant
 * row (and everything that reads it) stays as it is.
 * - bulk_mail: 'none' | 'broadcast' (Postmark Broadcast stream) | 'transactional' (bulk mail on the transactional stream)
 */
export const migration021: Migration = {
  version: 21,
  name: 'tenant-bulk-mail',
  up(db) {
    db.exec(`
      CREATE TABLE tenant_bulk_mail (
        tenant_id   TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        bulk_mail   TEXT NOT NULL CHECK (bulk_mail IN ('none', 'broadcast', 'transactional')),
        updated_at  TEXT NOT NULL
      );
    `);
  },
};
