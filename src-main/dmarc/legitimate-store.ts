import type { Db } from '../ledger/open';
import { ownedTables } from '../ledger/table-rows-repo';

/** Sending domains staff marked as legitimate for a DMARC domain (dmarc_legitimate_senders, migration 014). Pure SQL. */
export interface LegitimateSender {
  senderDomain: string;
  markedAt: string;
}

export function legitimateSenders(db: Db, domain: string): LegitimateSender[] {
  return db
    .prepare('SELECT sender_domain AS senderDomain, marked_at AS markedAt FROM dmarc_legitimate_senders WHERE domain = ? ORDER BY sender_domain')
    .all(domain) as LegitimateSender[];
}

export function putLegitimateSender(db: Db, domain: string, senderDomain: string, markedAt: string): void {
  db.prepare(
    `INSERT INTO dmarc_legitimate_senders (domain, sender_domain, marked_at) VALUES (?, ?, ?)
    ON CONFLICT (domain, sender_domain) DO NOTHING`,
  ).run(domain, senderDomain, markedAt);
}

/** true when there was one. */
export function deleteLegitimateSender(db: Db, domain: string, senderDomain: string): boolean {
  return db.prepare('DELETE FROM dmarc_legitimate_senders WHERE domain = ? AND sender_domain = ?').run(domain, senderDomain).changes > 0;
}

/** The senders marked legitimate, for the whole-ledger export (issue #20). */
export const legitimateSenderTables = ownedTables([{ name: 'dmarc_legitimate_senders', orderBy: 'domain, sender_domain' }]);
