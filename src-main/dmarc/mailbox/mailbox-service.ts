import type { Database } from 'better-sqlite3';
import type { DmarcMailbox, DmarcMailboxSave } from '../../../src-preload/api/dmarc-mailbox';
import { BehalfError } from '../../../src-preload/api/errors';
import type { TaskContext } from '../../core/tasks';
import { fetchMailbox, type FetchOptions, type MailboxFetchResult } from './imap-fetch';
import { checkMailbox, passwordGoesWithServer } from './mailbox-rules';
import { readMailbox, writeMailbox, type MailboxConfig } from './mailbox-store';

/** Where the IMAP password lives in the vault. It is never returned to a door, logged or exported. */
export const MAILBOX_SECRET = 'dmarc-imap.password';
/** For the CLI and `behalf serve`, whose vault is memory only: the password from the environment. */
export const MAILBOX_PASSWORD_ENV = 'BEHALF_DMARC_IMAP_PASSWORD';

export interface MailboxServiceDeps {
  db: Database;
  env: Record<string, string | undefined>;
  vault: {
    readonly storage: string;
    getSecret(name: string): string | undefined;
    setSecret(name: string, value: string): void;
    forgetSecret(name: string): void;
  };
  tasks: { start<T>(kind: string, label: string, run: (ctx: TaskContext) => Promise<T>): { taskId: string; done: Promise<T> } };
  now?: () => Date;
  fetchOptions?: Partial<FetchOptions>;
}

/** The rua mailbox for the doors: settings (password in the vault), "Fetch now", and the poll. */
export function createMailboxService(deps: MailboxServiceDeps) {
  const now = () => deps.now?.() ?? new Date();
  const password = () => deps.vault.getSecret(MAILBOX_SECRET) ?? (deps.env[MAILBOX_PASSWORD_ENV] || undefined);
  const view = (c: MailboxConfig): DmarcMailbox => ({
    ...c,
    hasPassword: password() !== undefined,
    configured: c.host !== '' && c.user !== '',
    // The memory vault's own wording names the Postmark variable; this password has its own.
    passwordStorage: deps.vault.storage.startsWith('memory') ? `in memory only (this session); or set ${MAILBOX_PASSWORD_ENV} at start` : deps.vault.storage,
  });
  let running: Promise<MailboxFetchResult> | undefined;

  const ready = (): { config: MailboxConfig; pass: string } => {
    const config = readMailbox(deps.db);
    if (config.host === '' || config.user === '') {
      throw new BehalfError(
        'dmarc.mailbox.not-configured',
        'The DMARC mailbox is not set up.',
        'Settings → DMARC mailbox: enter the IMAP host, user and password.',
      );
    }
    const pass = password();
    if (!pass) {
      throw new BehalfError(
        'dmarc.mailbox.no-password',
        'No password is kept for the DMARC mailbox.',
        `Enter it in Settings → DMARC mailbox (it is forgotten when the host or port changes), or set ${MAILBOX_PASSWORD_ENV}.`,
      );
    }
    checkMailbox(config);
    return { config, pass };
  };

  return {
    get: (): DmarcMailbox => view(readMailbox(deps.db)),

    save(input: DmarcMailboxSave): DmarcMailbox {
      const prev = readMailbox(deps.db);
      const { password: newPassword, forgetPassword, ...fields } = input;
      const next: MailboxConfig = { ...prev, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
      checkMailbox(next);
      if (passwordGoesWithServer(prev, next) || forgetPassword) deps.vault.forgetSecret(MAILBOX_SECRET);
      writeMailbox(deps.db, next, now().toISOString());
      if (newPassword) deps.vault.setSecret(MAILBOX_SECRET, newPassword);
      return view(next);
    },

    /** Runs one fetch now (or joins the one already running, so a poll and a click never read twice). */
    fetch(opts: FetchOptions = {}): Promise<MailboxFetchResult> {
      if (running) return running;
      const { config, pass } = ready();
      running = fetchMailbox(deps.db, config, pass, { ...deps.fetchOptions, ...opts, now: deps.now }).finally(() => {
        running = undefined;
      });
      return running;
    },

    /** "Fetch now" from a door: a task of kind 'dmarc.import', so its result reads like a file import's. */
    fetchTask(): { taskId: string } {
      ready(); // refuse at once when not set up, instead of a task that fails
      const { taskId } = deps.tasks.start('dmarc.import', 'Fetch DMARC reports from the mailbox', ({ signal, progress }) => this.fetch({ signal, progress }));
      return { taskId };
    },

    /**
     * Polls every `pollMinutes` (read afresh each time, so a settings change applies without a restart) in the
     * desktop app and `behalf serve`. A failed poll is reported to `onError` and the next one still runs.
     */
    startPolling(onError: (err: unknown) => void = () => undefined, tickMs = 60_000, minuteMs = 60_000): () => void {
      let last = Date.now();
      const timer = setInterval(() => {
        const { pollMinutes, host } = readMailbox(deps.db);
        if (pollMinutes === 0 || host === '' || Date.now() - last < pollMinutes * minuteMs) return;
        last = Date.now();
        if (!password()) return;
        this.fetch().catch(onError);
      }, tickMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

export type MailboxService = ReturnType<typeof createMailboxService>;
