import type { Migration } from '../migration';

/**
 * The DMARC record staff chose for a tenant (issue #8 → #6): one current choice per tenant, which the DNS
 * instruction sheet then lists. The builder input is kept (not just the TXT value) so the tab can reopen the
 * choice and a later builder can regenerate it; the value, authorisation records and plan are kept as generated
 * so the sheet says exactly what staff saw when they chose. Replacing or clearing is recorded in the tenant's
 * audit trail, so no history table is needed here. The record goes with its tenant.
 */
export const migration008: Migration = {
  version: 8,
  name: 'dmarc-chosen',
  up(db) {
    db.exec(`
      CREATE TABLE dmarc_chosen_records (
        tenant_id           TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        domain              TEXT NOT NULL CHECK (domain <> '' AND domain = lower(domain)),
        input_json          TEXT NOT NULL CHECK (json_valid(input_json) AND json_type(input_json) = 'object'),
        value               TEXT NOT NULL CHECK (value LIKE 'v=DMARC1;%'),
        authorizations_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(authorizations_json) AND json_type(authorizations_json) = 'array'),
        plan_json           TEXT CHECK (plan_json IS NULL OR (json_valid(plan_json) AND json_type(plan_json) = 'object')),
        chosen_at           TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
