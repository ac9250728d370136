import type { Migration } from '../migration';

/**
 * A report being imported is written into dmarc_reports/dmarc_rows in many short transactions (issue #21: one
 * long transaction held every other process's writes back for seconds). Until its last row is in, the report
 * is *staged*: `staged_by` names the importing process ("host:pid") and every reader leaves the report and
 * its rows out. Publishing is one UPDATE that clears `staged_by`. A staged report whose process has died (kill
 * -9, power cut) is removed by the next import. Published reports — every report written before this
 * migration — have NULL. The partial index keeps "which reports are staged" a lookup of a few entries.
 */
export const migration009: Migration = {
  version: 9,
  name: 'dmarc-staging',
  up(db) {
    db.exec(`
      ALTER TABLE dmarc_reports ADD COLUMN staged_by TEXT CHECK (staged_by IS NULL OR staged_by <> '');
      CREATE INDEX dmarc_reports_staged ON dmarc_reports(staged_by) WHERE staged_by IS NOT NULL;
    `);
  },
};
