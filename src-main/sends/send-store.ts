import type { SendRecipient, SendView } from '../../src-preload/api/sends';
import type { Db } from '../ledger/open';
import { writeTransaction } from '../ledger/write-transaction';
import { SendQueueStore } from './send-queue-store';
import { ownedTables } from '../ledger/table-rows-repo';

interface SendRow {
  id: number;
  tenant_id: string;
  option: 1 | 2 | 3 | null;
  server_id: number;
  from_header: string;
  reply_to: string;
  subject: string;
  text_body: string;
  send_key: string;
  state: SendView['state'];
  created_at: string;
  submitted_at: string | null;
  events_at: string | null;
}

interface RecipientRow {
  id: number;
  send_id: number;
  address: string;
  provider: string;
  state: SendRecipient['state'];
  message_id: string | null;
  submitted_at: string | null;
  error_code: number | null;
  message: string;
  hint: string;
  inactive: number;
  event_type: string | null;
  event_at: string | null;
  event_detail: string;
  event_server: string;
  placement: SendRecipient['placement'];
  placement_at: string | null;
  placement_source: SendRecipient['placementSource'];
  found_folder: string;
  auth_json: string | null;
  mailbox_checked_at: string | null;
  mailbox_error: string;
  /** From the seed (joined): the seed has an IMAP mailbox. */
  has_mailbox: number | null;
}

/** A recipient as rendered per seed (each seed gets its own message, so this is also one batch item). */
export interface StoredRecipient extends SendRecipient {
  id: number;
}

export interface StoredSend {
  id: number;
  tenantId: string;
  serverId: number;
  from: string;
  replyTo: string;
  subject: string;
  textBody: string;
  sendKey: string;
  createdAt: string;
  recipients: StoredRecipient[];
}

export interface RecipientOutcome {
  state: SendRecipient['state'];
  messageId?: string | null;
  submittedAt?: string | null;
  errorCode?: number | null;
  message?: string;
  hint?: string;
  inactive?: boolean;
}

const toRecipient = (r: RecipientRow): StoredRecipient => ({
  id: r.id,
  address: r.address,
  provider: r.provider,
  state: r.state,
  messageId: r.message_id,
  submittedAt: r.submitted_at,
  errorCode: r.error_code,
  message: r.message,
  hint: r.hint,
  inactive: r.inactive === 1,
  eventType: r.event_type,
  eventAt: r.event_at,
  eventDetail: r.event_detail,
  eventServer: r.event_server,
  placement: r.placement,
  placementAt: r.placement_at,
  placementSource: r.placement_source,
  hasMailbox: r.has_mailbox === 1,
  foundFolder: r.found_folder,
  mailboxCheckedAt: r.mailbox_checked_at,
  mailboxError: r.mailbox_error,
  auth: r.auth_json ? (JSON.parse(r.auth_json) as SendRecipient['auth']) : null,
});

/** What one read of a seed's mailbox found for one recipient. */
export interface MailboxFinding {
  folder: string;
  /** null: leave the placement as it is (still looking). */
  placement: Exclude<SendRecipient['placement'], null> | null;
  auth: SendRecipient['auth'];
  error: string;
}

/**
 * test_sends and test_send_recipients (the retry queue, send_queue, is its base class's). Every multi-row change
 * runs in one transaction.
 */
export class SendStore extends SendQueueStore {
  constructor(db: Db) {
    super(db);
  }

  create(
    input: {
      tenantId: string;
      option: 1 | 2 | 3 | null;
      serverId: number;
      from: string;
      replyTo: string;
      subject: string;
      textBody: string;
      sendKey: string;
      recipients: { address: string; provider: string }[];
    },
    now: string,
  ): number {
    return writeTransaction(this.db, () => {
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO test_sends (tenant_id, option, server_id, from_header, reply_to, subject, text_body, send_key, state, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
          )
          .run(input.tenantId, input.option, input.serverId, input.from, input.replyTo, input.subject, input.textBody, input.sendKey, now, now).lastInsertRowid,
      );
      const add = this.db.prepare(`INSERT INTO test_send_recipients (send_id, address, provider, state) VALUES (?, ?, ?, 'queued')`);
      for (const r of input.recipients) add.run(id, r.address, r.provider);
      return id;
    });
  }

  load(sendId: number): StoredSend | undefined {
    const row = this.db.prepare(`SELECT * FROM test_sends WHERE id = ?`).get(sendId) as SendRow | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      serverId: row.server_id,
      from: row.from_header,
      replyTo: row.reply_to,
      subject: row.subject,
      textBody: row.text_body,
      sendKey: row.send_key,
      createdAt: row.created_at,
      recipients: this.recipients(row.id),
    };
  }

  recipients(sendId: number): StoredRecipient[] {
    return (
      this.db
        .prepare(
          `SELECT r.*, (s.imap_host <> '') AS has_mailbox FROM test_send_recipients r
      LEFT JOIN seed_inboxes s ON s.address_lc = lower(r.address) WHERE r.send_id = ? ORDER BY r.id`,
        )
        .all(sendId) as RecipientRow[]
    ).map(toRecipient);
  }

  /** Records each recipient's outcome and derives the send's state, atomically. */
  recordOutcomes(sendId: number, outcomes: Map<number, RecipientOutcome>, now: string): void {
    writeTransaction(this.db, () => {
      const set = this.db.prepare(`UPDATE test_send_recipients SET state = @state, message_id = @messageId, submitted_at = @submittedAt,
        error_code = @errorCode, message = @message, hint = @hint, inactive = @inactive WHERE id = @id AND send_id = @sendId`);
      for (const [id, o] of outcomes) {
        set.run({
          id,
          sendId,
          state: o.state,
          messageId: o.messageId ?? null,
          submittedAt: o.submittedAt ?? null,
          errorCode: o.errorCode ?? null,
          message: o.message ?? '',
          hint: o.hint ?? '',
          inactive: o.inactive ? 1 : 0,
        });
      }
      this.deriveState(sendId, now);
    });
  }

  /** queued while any recipient waits; sent when all went; failed when none went; partial otherwise. */
  deriveState(sendId: number, now: string): void {
    const states = this.recipients(sendId).map((r) => r.state);
    const state = states.includes('queued')
      ? 'queued'
      : states.every((s) => s === 'cancelled')
        ? 'cancelled'
        : states.every((s) => s === 'sent')
          ? 'sent'
          : states.some((s) => s === 'sent')
            ? 'partial'
            : 'failed';
    const first = (
      this.db.prepare(`SELECT MIN(submitted_at) AS at FROM test_send_recipients WHERE send_id = ? AND submitted_at IS NOT NULL`).get(sendId) as {
        at: string | null;
      }
    ).at;
    this.db.prepare(`UPDATE test_sends SET state = ?, submitted_at = ?, updated_at = ? WHERE id = ?`).run(state, first, now, sendId);
  }

  setEvent(recipientId: number, event: { type: string; at: string; detail: string; server?: string } | null, inactive: boolean): boolean {
    const info = this.db
      .prepare(
        `UPDATE test_send_recipients SET event_type = ?, event_at = ?, event_detail = ?, event_server = ?, inactive = MAX(inactive, ?)
      WHERE id = ? AND (event_type IS NOT ? OR event_at IS NOT ? OR event_server IS NOT ? OR inactive < ?)`,
      )
      .run(
        event?.type ?? null,
        event?.at ?? null,
        event?.detail ?? '',
        event?.server ?? '',
        inactive ? 1 : 0,
        recipientId,
        event?.type ?? null,
        event?.at ?? null,
        event?.server ?? '',
        inactive ? 1 : 0,
      );
    return info.changes === 1;
  }

  /** Where a person found one seed's copy (inbox / spam / missing), or null to clear it. False: no such seed. */
  setPlacement(sendId: number, address: string, placement: SendRecipient['placement'], now: string): boolean {
    return writeTransaction(this.db, () => {
      const info = this.db
        .prepare(`UPDATE test_send_recipients SET placement = ?, placement_at = ?, placement_source = ? WHERE send_id = ? AND lower(address) = lower(?)`)
        .run(placement, placement ? now : null, placement ? 'manual' : null, sendId, address);
      if (info.changes === 1) this.db.prepare(`UPDATE test_sends SET updated_at = ? WHERE id = ?`).run(now, sendId);
      return info.changes === 1;
    });
  }

  /**
   * Records one read of the seed's mailbox. An automatic placement never overwrites one a person recorded; the
   * authentication results are kept whenever the message was found. False: nothing changed.
   */
  setMailboxFinding(recipientId: number, f: MailboxFinding, now: string): boolean {
    return writeTransaction(this.db, () => {
      const before = this.db
        .prepare(`SELECT placement, placement_source, found_folder, auth_json, mailbox_error FROM test_send_recipients WHERE id = ?`)
        .get(recipientId) as Pick<RecipientRow, 'placement' | 'placement_source' | 'found_folder' | 'auth_json' | 'mailbox_error'> | undefined;
      if (!before) return false;
      const manual = before.placement_source === 'manual';
      const placement = manual || f.placement === null ? before.placement : f.placement;
      const source = manual ? 'manual' : placement ? 'auto' : null;
      const auth = f.auth ? JSON.stringify(f.auth) : before.auth_json;
      const folder = f.folder || before.found_folder;
      this.db
        .prepare(
          `UPDATE test_send_recipients SET placement = ?, placement_source = ?, placement_at = CASE WHEN placement IS ? THEN placement_at ELSE ? END,
        found_folder = ?, auth_json = ?, mailbox_error = ?, mailbox_checked_at = ? WHERE id = ?`,
        )
        .run(placement, source, placement, now, folder, auth, f.error, now, recipientId);
      return placement !== before.placement || folder !== before.found_folder || auth !== before.auth_json || f.error !== before.mailbox_error;
    });
  }

  markEventsRead(sendId: number, now: string): void {
    this.db.prepare(`UPDATE test_sends SET events_at = ?, updated_at = ? WHERE id = ?`).run(now, now, sendId);
  }

  sendIds(tenantId: string, limit: number): number[] {
    return (this.db.prepare(`SELECT id FROM test_sends WHERE tenant_id = ? ORDER BY id DESC LIMIT ?`).all(tenantId, limit) as { id: number }[]).map(
      (r) => r.id,
    );
  }

  view(sendId: number): SendView | undefined {
    const row = this.db.prepare(`SELECT * FROM test_sends WHERE id = ?`).get(sendId) as SendRow | undefined;
    if (!row) return undefined;
    const q = this.queueRow(sendId);
    const lastError = q?.last_error_json ? (JSON.parse(q.last_error_json) as { code: string; message: string; hint?: string }) : null;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      option: row.option,
      from: row.from_header,
      subject: row.subject,
      state: row.state,
      createdAt: row.created_at,
      submittedAt: row.submitted_at,
      eventsAt: row.events_at,
      queue: q
        ? {
            state: q.state,
            attempts: q.attempts,
            nextAttemptAt: q.next_attempt_at,
            lastError: lastError ? { code: lastError.code, message: lastError.message, hint: lastError.hint ?? '' } : null,
            confirming:
              q.lost_at && (q.state === 'queued' || q.state === 'running')
                ? { since: q.lost_at, misses: q.confirm_misses, nextCheckAt: q.next_attempt_at }
                : null,
          }
        : null,
      recipients: this.recipients(sendId).map(({ id: _id, ...r }) => r),
    };
  }

  /**
   * The latest sign that the Postmark account is pending approval: a 412 refusal not followed by a send accepted
   * for an address outside the From's domain (which an unapproved account could not have made).
   */
  approvalRefusal(): { at: string; address: string } | undefined {
    const domain = (col: string) => `lower(replace(substr(${col}, instr(${col}, '@') + 1), '>', ''))`;
    const row = this.db
      .prepare(
        `SELECT r.address, r.error_code, COALESCE(r.submitted_at, s.updated_at) AS at FROM test_send_recipients r
      JOIN test_sends s ON s.id = r.send_id
      WHERE r.error_code = 412 OR (r.error_code = 0 AND ${domain('r.address')} <> ${domain('s.from_header')})
      ORDER BY r.id DESC LIMIT 1`,
      )
      .get() as { address: string; error_code: number; at: string } | undefined;
    return row?.error_code === 412 ? { at: row.at, address: row.address } : undefined;
  }
}

/**
 * Test sends and their recipients, for the whole-ledger export (issue #20). The retry queue (send_queue) is not
 * exported: importing it would send again.
 */
export const sendTables = ownedTables([
  { name: 'test_sends', orderBy: 'id' },
  { name: 'test_send_recipients', orderBy: 'id' },
]);
