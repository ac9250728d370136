import type { Migration } from '../migration';

/**
 * History of DNS checks per tenant: the full report as JSON (its shape is documented in
 * src-main/dns/report.ts) plus the drift against the tenant's previous check of the same domain.
 * `status` is a column so dashboards can filter without parsing JSON.
 */
export const migration004: Migration = {
  version: 4,
  name: 'dns-checks',
  up(db) {
    db.exec(`
      CREATE TABLE dns_checks (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        tenant_id   TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        domain      TEXT NOT NULL,
        checked_at  TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('ok', 'failing', 'warning', 'error')),
        report_json TEXT NOT NULL CHECK (json_valid(report_json)),
        drift_json  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(drift_json))
      );
      CREATE INDEX dns_checks_tenant ON dns_checks(tenant_id, id);
      CREATE INDEX dns_checks_tenant_domain ON dns_checks(tenant_id, domain, id);
      CREATE INDEX dns_checks_status ON dns_checks(status, checked_at);
    `);
  },
};
