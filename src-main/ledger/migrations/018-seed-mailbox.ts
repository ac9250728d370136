import type { Migration } from '../migration';
import { installCaptureTriggers } from '../capture-trigger-store';
import { sharedTable } from '../shared-tables';

/**
 * Issue #24 item 11, second half: test sends read where the message landed and what the receiver's
 * authentication said, from the seed inbox itself over IMAP.
 *
 * seed_inboxes: an optional IMAP mailbox per seed (host '' = none). The password is in the vault, never here.
 * - authserv_id: the Authentication-Results authserv-id Behalf trusts for this mailbox ('' = the IMAP host);
 *   headers from anyone else (a forged one added before the receiver) are ignored.
 *
 * test_send_recipients:
 * - placement_source: 'auto' (read from the mailbox) or 'manual' (a person recorded it); NULL while no placement.
 * - found_folder: the folder the message was found in ('' = not found / not looked).
 * - auth_json: the receiver's Authentication-Results as Behalf understood them (SPF/DKIM/DMARC and domains), JSON.
 * - mailbox_checked_at: the last time the seed's mailbox was searched for this message.
 * - mailbox_error: why the last search failed ('' = it did not), shown beside the seed.
 *
 * seed_inboxes is shared in a team (017): its capture triggers are rebuilt so the new mailbox columns travel too
 * (the password never does: it is in each console's vault).
 */
export const migration018: Migration = {
  version: 18,
  name: 'seed-mailbox',
  up(db) {
    db.exec(`
      ALTER TABLE seed_inboxes ADD COLUMN imap_host TEXT NOT NULL DEFAULT '';
      ALTER TABLE seed_inboxes ADD COLUMN imap_port INTEGER NOT NULL DEFAULT 993 CHECK (imap_port BETWEEN 1 AND 65535);
      ALTER TABLE seed_inboxes ADD COLUMN imap_tls INTEGER NOT NULL DEFAULT 1 CHECK (imap_tls IN (0, 1));
      ALTER TABLE seed_inboxes ADD COLUMN imap_user TEXT NOT NULL DEFAULT '';
      ALTER TABLE seed_inboxes ADD COLUMN authserv_id TEXT NOT NULL DEFAULT '';
      ALTER TABLE test_send_recipients ADD COLUMN placement_source TEXT CHECK (placement_source IS NULL OR placement_source IN ('auto', 'manual'));
      ALTER TABLE test_send_recipients ADD COLUMN found_folder TEXT NOT NULL DEFAULT '';
      ALTER TABLE test_send_recipients ADD COLUMN auth_json TEXT;
      ALTER TABLE test_send_recipients ADD COLUMN mailbox_checked_at TEXT;
      ALTER TABLE test_send_recipients ADD COLUMN mailbox_error TEXT NOT NULL DEFAULT '';
      UPDATE test_send_recipients SET placement_source = 'manual' WHERE placement IS NOT NULL;
    `);
    installCaptureTriggers(db, [sharedTable('seed_inboxes')]);
  },
};
