import { dropCaptureTriggers, inTeamMode } from '../capture-trigger-store';
import type { Migration } from '../migration';
import { SHARED_TABLES } from '../shared-tables';

/**
 * The team capture triggers only in team mode (issue #17). Migrations 017, 018 and 022 installed them in every ledger,
 * where their WHEN kept them from recording anything in single-user use. But SQLite enters a row trigger's program
 * for every row before it tests WHEN, so each write to a shared table paid for it: ~20 % of copying a DMARC import's
 * rows into `dmarc_rows` (0.13 s of a 100 MB report). A single-user ledger loses them here; team init and join
 * install them (`installAllCaptureTriggers`). A ledger already in team mode keeps them.
 */
export const migration024: Migration = {
  version: 24,
  name: 'capture-triggers-in-team-mode',
  up(db) {
    if (!inTeamMode(db)) dropCaptureTriggers(db, SHARED_TABLES);
  },
};
