import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Database } from 'better-sqlite3';
import { addImportResult, type ImportResult } from '../import';
import { importReportsOffThread } from '../import/worker/import-off-thread';
import { resolveCaps, type ImportCaps } from '../import/caps';
import { classifyMessage, keywordFor, relabel } from './message-outcome';
import type { MailboxConfig } from './mailbox-store';

export interface MailboxFetchResult extends ImportResult {
  mailbox: { unseen: number; processed: number; unreadable: number; left: number };
}

export interface FetchOptions {
  signal?: AbortSignal;
  progress?: (done: number, total: number, message?: string) => void;
  caps?: Partial<ImportCaps>;
  now?: () => Date;
  /** Seconds before an unresponsive server is given up on (tests shorten it). */
  timeoutMs?: number;
}

/**
 * Reads the rua mailbox: every UNSEEN message in `folder`, one at a time, with BODY.PEEK (reading does not mark
 * it seen). Its reports are imported and committed first; only then is the message flagged \Seen and moved —
 * to `processedFolder`, or to `unreadableFolder` with a keyword naming the reason when it held no readable
 * report. A message whose import failed for a passing reason (cancelled, internal) is left unseen for the
 * next fetch. Nothing is ever deleted. A connection lost mid-way loses nothing: a message committed but not yet
 * moved is read again next time and its reports are then duplicates, after which it is moved.
 */
export async function fetchMailbox(db: Database, config: MailboxConfig, password: string, opts: FetchOptions = {}): Promise<MailboxFetchResult> {
  const result: MailboxFetchResult = {
    files: 0,
    imported: 0,
    duplicates: 0,
    records: 0,
    messages: 0,
    failures: 0,
    errors: [],
    repaired: [],
    mailbox: { unseen: 0, processed: 0, unreadable: 0, left: 0 },
  };
  const caps = resolveCaps(opts.caps);
  const starttls = config.tls && config.port === 143;
  // Loaded on first use, not at start: imapflow and its MIME and logging dependencies cost ~60 ms of CPU while the
  // console draws its first screen (bench P5).
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow({
    host: config.host,
    port: config.port,
    secure: config.tls && !starttls,
    doSTARTTLS: config.tls ? (starttls ? true : undefined) : false,
    auth: { user: config.user, pass: password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: opts.timeoutMs ?? 30_000,
    greetingTimeout: opts.timeoutMs ?? 30_000,
    socketTimeout: opts.timeoutMs ?? 120_000,
  });
  client.on('error', () => undefined); // surfaced through the awaited command that fails
  const dir = await fs.promises.mkdtemp(path.join(caps.tempDir ?? os.tmpdir(), 'behalf-imap-'));
  try {
    await client.connect();
    const lock = await client.getMailboxLock(config.folder.split('/'));
    try {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      result.mailbox.unseen = uids.length;
      const made = new Set<string>();
      for (const [i, uid] of uids.entries()) {
        opts.signal?.throwIfAborted();
        opts.progress?.(i, uids.length, `Message ${i + 1} of ${uids.length}`);
        const label = `${config.folder} UID ${uid}`;
        const file = path.join(dir, `uid-${uid}.eml`);
        const download = await client.download(String(uid), undefined, { uid: true });
        if (!download.content) continue; // gone meanwhile (another client moved it)
        await pipeline(download.content, fs.createWriteStream(file));
        const r = await importReportsOffThread(db, [file], { signal: opts.signal, caps, now: opts.now });
        await fs.promises.rm(file, { force: true });
        addImportResult<ImportResult>(result, relabel(r, file, label));
        const outcome = classifyMessage(r);
        if (outcome.kind === 'retry') {
          result.mailbox.left++;
          continue;
        }
        const target = outcome.kind === 'processed' ? config.processedFolder : config.unreadableFolder;
        if (!made.has(target)) {
          await client.mailboxCreate(target.split('/')).catch(() => undefined); // exists already: fine
          made.add(target);
        }
        const flags = outcome.kind === 'unreadable' ? ['\\Seen', keywordFor(outcome.code)] : ['\\Seen'];
        await client.messageFlagsAdd(String(uid), flags, { uid: true }).catch(() => client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true }));
        await client.messageMove(String(uid), target.split('/'), { uid: true });
        result.mailbox[outcome.kind]++;
      }
      opts.progress?.(uids.length, uids.length);
    } finally {
      lock.release();
    }
    await client.logout();
    return result;
  } catch (err) {
    client.close();
    throw err;
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
