import type { Migration } from '../migration';

/**
 * What an import tolerated in each DMARC report (issue #14): an empty org_name, "Pass" for pass, a gzip with
 * stray bytes… kept with the report as a JSON array of { code, message }, so the DMARC page can show which
 * reports were bent and how long after the import that happened. Reports imported before this have none.
 *
 * content_sha256 (of the report's XML text) tells a re-sent report from a different one that reuses its
 * reporter's report id (real reporters do: accurateplastics.com's ids are "domain:timestamp"). A re-send is a
 * duplicate; a different report is kept under a suffixed id instead of being dropped. NULL for older reports.
 */
export const migration011: Migration = {
  version: 11,
  name: 'dmarc-repairs',
  up(db) {
    db.exec(`
      ALTER TABLE dmarc_reports ADD COLUMN repairs TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(repairs) AND json_type(repairs) = 'array');
      ALTER TABLE dmarc_reports ADD COLUMN content_sha256 TEXT CHECK (content_sha256 IS NULL OR length(content_sha256) = 64);
    `);
  },
};
