import type { Migration } from '../migration';

/** The tenant ledger: one row per customer we send for, tags in their own table for fast filtering. */
export const migration001: Migration = {
  version: 1,
  name: 'tenants',
  up(db) {
    db.exec(`
      CREATE TABLE tenants (
        id            TEXT PRIMARY KEY,
        name          TEXT NOT NULL,
        name_lc       TEXT NOT NULL,
        contact_name  TEXT NOT NULL DEFAULT '',
        contact_email TEXT NOT NULL DEFAULT '',
        domain        TEXT NOT NULL,
        from_address  TEXT NOT NULL DEFAULT '',
        from_name     TEXT NOT NULL DEFAULT '',
        option        INTEGER CHECK (option IN (1, 2, 3)),
        status        TEXT NOT NULL DEFAULT 'draft',
        notes         TEXT NOT NULL DEFAULT '',
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      );
      CREATE INDEX tenants_name ON tenants(name_lc);
      CREATE INDEX tenants_domain ON tenants(domain);
      CREATE INDEX tenants_status ON tenants(status, name_lc);
      CREATE INDEX tenants_option ON tenants(option, name_lc);
      CREATE INDEX tenants_updated ON tenants(updated_at);

      CREATE TABLE tenant_tags (
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        tag       TEXT NOT NULL,
        PRIMARY KEY (tenant_id, tag)
      ) WITHOUT ROWID;
      CREATE INDEX tenant_tags_tag ON tenant_tags(tag, tenant_id);

      CREATE TABLE audit (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        tenant_id TEXT NOT NULL,
        at        TEXT NOT NULL,
        action    TEXT NOT NULL,
        field     TEXT,
        old_value TEXT,
        new_value TEXT
      );
      CREATE INDEX audit_tenant ON audit(tenant_id, id);
    `);
  },
};
