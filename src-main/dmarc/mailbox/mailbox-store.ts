import type { Database } from 'better-sqlite3';
import { ownedTables } from '../../ledger/table-rows-repo';

/** The rua mailbox settings as stored (table dmarc_mailbox, migration 012). The only code that reads or writes it. */
export interface MailboxConfig {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  folder: string;
  processedFolder: string;
  unreadableFolder: string;
  pollMinutes: number;
  rufPersonalData: 'keep' | 'redact';
}

export const DEFAULT_MAILBOX: MailboxConfig = {
  host: '',
  port: 993,
  tls: true,
  user: '',
  folder: 'INBOX',
  processedFolder: 'DMARC/Processed',
  unreadableFolder: 'DMARC/Unreadable',
  pollMinutes: 0,
  rufPersonalData: 'redact',
};

interface Row {
  host: string;
  port: number;
  tls: number;
  user: string;
  folder: string;
  processed_folder: string;
  unreadable_folder: string;
  poll_minutes: number;
  ruf_personal: 'keep' | 'redact';
}

export function readMailbox(db: Database): MailboxConfig {
  const r = db.prepare('SELECT * FROM dmarc_mailbox WHERE id = 1').get() as Row | undefined;
  if (!r) return { ...DEFAULT_MAILBOX };
  return {
    host: r.host,
    port: r.port,
    tls: r.tls === 1,
    user: r.user,
    folder: r.folder,
    processedFolder: r.processed_folder,
    unreadableFolder: r.unreadable_folder,
    pollMinutes: r.poll_minutes,
    rufPersonalData: r.ruf_personal,
  };
}

export function writeMailbox(db: Database, c: MailboxConfig, now: string): void {
  db.prepare(
    `INSERT INTO dmarc_mailbox (id, host, port, tls, user, folder, processed_folder, unreadable_folder, poll_minutes, ruf_personal, updated_at)
    VALUES (1, @host, @port, @tls, @user, @folder, @processedFolder, @unreadableFolder, @pollMinutes, @rufPersonalData, @now)
    ON CONFLICT (id) DO UPDATE SET host = excluded.host, port = excluded.port, tls = excluded.tls, user = excluded.user,
      folder = excluded.folder, processed_folder = excluded.processed_folder, unreadable_folder = excluded.unreadable_folder,
      poll_minutes = excluded.poll_minutes, ruf_personal = excluded.ruf_personal, updated_at = excluded.updated_at`,
  ).run({ ...c, tls: c.tls ? 1 : 0, now });
}

/** The mailbox settings for the whole-ledger export (issue #20); the password is in the vault, never here. */
export const mailboxTables = ownedTables([{ name: 'dmarc_mailbox', orderBy: 'id' }]);
