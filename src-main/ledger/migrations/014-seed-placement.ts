import type { Migration } from '../migration';

/**
 * Issue #24 item 11: test sends say what is known.
 *
 * - event_server: the receiving server of the latest Delivered/Transient event (Postmark's DestinationServer), so
 *   the grid says "accepted by mx.gmail.com" rather than "delivered".
 * - placement: where a person found the message in the seed inbox (inbox / spam / missing); NULL = not looked yet.
 *   Postmark cannot know this, so staff record it per seed per send; it stays in the history.
 * - placement_at: when it was recorded.
 */
export const migration014: Migration = {
  version: 14,
  name: 'seed-placement',
  up(db) {
    db.exec(`
      ALTER TABLE test_send_recipients ADD COLUMN event_server TEXT NOT NULL DEFAULT '';
      ALTER TABLE test_send_recipients ADD COLUMN placement TEXT CHECK (placement IS NULL OR placement IN ('inbox', 'spam', 'missing'));
      ALTER TABLE test_send_recipients ADD COLUMN placement_at TEXT;
    `);
  },
};
