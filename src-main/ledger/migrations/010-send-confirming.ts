import type { Migration } from '../migration';

/**
 * Issue #15 (numbered 10: main already ships 009-dmarc-staging from another branch): Postmark's message search is eventually consistent, so after a lost answer (timeout, dropped
 * connection) a send may be accepted yet not searchable for a while. The queue remembers when the answer was
 * lost and how many spaced searches past the indexing window have missed it: a send is re-sent only after two
 * such misses, never on one early empty search (which mailed seeds twice).
 *
 * - lost_at: the attempt whose answer was lost (NULL = no answer lost, nothing to confirm).
 * - confirm_misses: searches at or after lost_at + the window that did not find the message.
 * - last_miss_at: the latest of those, so the next one is spaced from it.
 */
export const migration010: Migration = {
  version: 10,
  name: 'send-confirming',
  up(db) {
    db.exec(`
      ALTER TABLE send_queue ADD COLUMN lost_at TEXT;
      ALTER TABLE send_queue ADD COLUMN confirm_misses INTEGER NOT NULL DEFAULT 0 CHECK (confirm_misses >= 0);
      ALTER TABLE send_queue ADD COLUMN last_miss_at TEXT;
    `);
  },
};
