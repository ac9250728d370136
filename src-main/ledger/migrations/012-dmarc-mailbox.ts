import type { Migration } from '../migration';

/**
 * Where DMARC reports arrive (issue #14): the rua mailbox Behalf reads over IMAP. One row (id = 1). The
 * password is not here: it lives in the vault like the Postmark tokens. `tls` 0 is only ever allowed to a
 * loopback host (checked by the mailbox rules before a save). `poll_minutes` 0 = no polling, only "Fetch now".
 * `ruf_personal` says whether failure reports keep subjects and recipients ('keep') or not ('redact').
 */
export const migration012: Migration = {
  version: 12,
  name: 'dmarc-mailbox',
  up(db) {
    db.exec(`
      CREATE TABLE dmarc_mailbox (
        id                INTEGER PRIMARY KEY CHECK (id = 1),
        host              TEXT NOT NULL DEFAULT '',
        port              INTEGER NOT NULL DEFAULT 993 CHECK (port BETWEEN 1 AND 65535),
        tls               INTEGER NOT NULL DEFAULT 1 CHECK (tls IN (0, 1)),
        user              TEXT NOT NULL DEFAULT '',
        folder            TEXT NOT NULL DEFAULT 'INBOX' CHECK (folder <> ''),
        processed_folder  TEXT NOT NULL DEFAULT 'DMARC/Processed' CHECK (processed_folder <> ''),
        unreadable_folder TEXT NOT NULL DEFAULT 'DMARC/Unreadable' CHECK (unreadable_folder <> ''),
        poll_minutes      INTEGER NOT NULL DEFAULT 0 CHECK (poll_minutes BETWEEN 0 AND 1440),
        ruf_personal      TEXT NOT NULL DEFAULT 'redact' CHECK (ruf_personal IN ('keep', 'redact')),
        updated_at        TEXT NOT NULL
      );
    `);
  },
};
