import type { Migration } from '../migration';

/**
 * "Mark as legitimate sender" (issue #24 item 12): per DMARC domain, the sending domains staff vouch for (a
 * newsletter tool that passes SPF for its own domain, say). A source whose SPF or DKIM passes for such a domain is
 * shown as legitimate and is not counted among the unknown senders by the enforcement readiness.
 */
export const migration015: Migration = {
  version: 15,
  name: 'dmarc-legitimate',
  up(db) {
    db.exec(`
      CREATE TABLE dmarc_legitimate_senders (
        domain        TEXT NOT NULL CHECK (domain <> '' AND domain = lower(domain)),
        sender_domain TEXT NOT NULL CHECK (sender_domain <> '' AND sender_domain = lower(sender_domain)),
        marked_at     TEXT NOT NULL,
        PRIMARY KEY (domain, sender_domain)
      );
    `);
  },
};
