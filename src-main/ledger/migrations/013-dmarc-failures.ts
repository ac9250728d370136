import type { Migration } from '../migration';

/**
 * DMARC failure reports (ruf; RFC 6591 auth-failure reports in the DMARC failure format), issue #14: one row
 * per report, listed per domain and counted per source IP beside the aggregate rows. `subject` and
 * `recipients` are personal data: NULL unless the operator chose to keep them (Settings → DMARC mailbox), and
 * no door ever returns them. `digest` (SHA-256 of what identifies the report) makes a re-sent report a duplicate.
 */
export const migration013: Migration = {
  version: 13,
  name: 'dmarc-failures',
  up(db) {
    db.exec(`
      CREATE TABLE dmarc_failures (
        id            INTEGER PRIMARY KEY,
        digest        TEXT NOT NULL UNIQUE CHECK (length(digest) = 64),
        domain        TEXT NOT NULL CHECK (domain <> '' AND domain = lower(domain)),
        reporter      TEXT NOT NULL DEFAULT '',
        arrival       INTEGER,
        source_ip     TEXT NOT NULL DEFAULT '',
        header_from   TEXT NOT NULL DEFAULT '',
        envelope_from TEXT NOT NULL DEFAULT '',
        auth_failure  TEXT NOT NULL DEFAULT '',
        auth_results  TEXT NOT NULL DEFAULT '',
        disposition   TEXT NOT NULL DEFAULT '',
        dkim_domain   TEXT NOT NULL DEFAULT '',
        subject       TEXT,
        recipients    TEXT,
        source_file   TEXT NOT NULL DEFAULT '',
        imported_at   TEXT NOT NULL
      );
      CREATE INDEX dmarc_failures_domain ON dmarc_failures(domain, arrival);
    `);
  },
};
