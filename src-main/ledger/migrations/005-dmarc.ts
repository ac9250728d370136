import type { Migration } from '../migration';

/**
 * DMARC aggregate reports. One row per imported report (de-duplicated on the reporter's own identity,
 * org + report_id) and one row per `<record>`. Rows repeat the policy domain and the report's date range so
 * the per-domain, per-period queries behind "who sends as this domain" never need a join to filter.
 * Timestamps are the reports' own Unix seconds (UTC); imported_at is ISO text like the rest of the ledger.
 */
export const migration005: Migration = {
  version: 5,
  name: 'dmarc',
  up(db) {
    db.exec(`
      CREATE TABLE dmarc_reports (
        id               INTEGER PRIMARY KEY,
        org              TEXT NOT NULL,
        report_id        TEXT NOT NULL,
        org_email        TEXT NOT NULL DEFAULT '',
        domain           TEXT NOT NULL,
        date_begin       INTEGER NOT NULL,
        date_end         INTEGER NOT NULL,
        p                TEXT,
        sp               TEXT,
        np               TEXT,
        adkim            TEXT,
        aspf             TEXT,
        pct              INTEGER,
        fo               TEXT,
        testing          TEXT,
        discovery_method TEXT,
        schema           TEXT NOT NULL CHECK (schema IN ('rfc7489', 'rfc9990')),
        version          TEXT,
        generator        TEXT,
        report_errors    TEXT NOT NULL DEFAULT '',
        source_file      TEXT NOT NULL DEFAULT '',
        row_count        INTEGER NOT NULL DEFAULT 0 CHECK (row_count >= 0),
        message_count    INTEGER NOT NULL DEFAULT 0 CHECK (message_count >= 0),
        imported_at      TEXT NOT NULL,
        UNIQUE (org, report_id)
      );
      CREATE INDEX dmarc_reports_domain ON dmarc_reports(domain, date_begin);

      CREATE TABLE dmarc_rows (
        id             INTEGER PRIMARY KEY,
        report_id      INTEGER NOT NULL REFERENCES dmarc_reports(id) ON DELETE CASCADE,
        domain         TEXT NOT NULL,
        date_begin     INTEGER NOT NULL,
        date_end       INTEGER NOT NULL,
        source_ip      TEXT NOT NULL,
        count          INTEGER NOT NULL CHECK (count >= 0),
        disposition    TEXT NOT NULL DEFAULT '',
        dkim_evaluated TEXT NOT NULL DEFAULT '',
        spf_evaluated  TEXT NOT NULL DEFAULT '',
        reasons        TEXT NOT NULL DEFAULT '',
        header_from    TEXT NOT NULL DEFAULT '',
        envelope_from  TEXT NOT NULL DEFAULT '',
        envelope_to    TEXT NOT NULL DEFAULT '',
        dkim_domains   TEXT NOT NULL DEFAULT '',
        dkim_selectors TEXT NOT NULL DEFAULT '',
        dkim_results   TEXT NOT NULL DEFAULT '',
        spf_domain     TEXT NOT NULL DEFAULT '',
        spf_result     TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX dmarc_rows_report ON dmarc_rows(report_id);
      CREATE INDEX dmarc_rows_domain_date ON dmarc_rows(domain, date_begin, source_ip);
      CREATE INDEX dmarc_rows_from_date ON dmarc_rows(header_from, date_begin, source_ip);

      -- ptr NULL = looked up, no PTR exists. Lookups that timed out are not cached at all.
      CREATE TABLE ptr_cache (
        ip          TEXT PRIMARY KEY,
        ptr         TEXT,
        resolved_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
