import { BehalfError } from '../../../src-preload/api/errors';
import type { SeedMailbox, SeedMailboxSave } from '../../../src-preload/api/sends';
import { isLoopback } from '../../domain/loopback';
import type { Db } from '../../ledger/open';
import { SeedStore, type SeedMailboxConfig } from '../seed-store';
import type { MailboxFinding, StoredSend } from '../send-store';
import { receivedAuth } from './auth-results';
import { findTestMessage, type FoundMessage } from './imap-find';
import { testToken } from './test-token';

/** Where a seed's IMAP password lives in the vault. It is never returned to a door, logged or exported. */
export const seedSecret = (seedId: number) => `seed-imap.${seedId}.password`;
/** For the CLI and `behalf serve`, whose vault is memory only: one password for the seed mailboxes. */
export const SEED_IMAP_PASSWORD_ENV = 'BEHALF_SEED_IMAP_PASSWORD';
/** A message not in INBOX or Junk this long after it was sent is "missing" (the grid polls for 5 minutes). */
export const MAILBOX_WAIT_MS = 4 * 60_000;

export interface SeedMailboxDeps {
  db: Db;
  env: Record<string, string | undefined>;
  vault: {
    readonly storage: string;
    getSecret(name: string): string | undefined;
    setSecret(name: string, value: string): void;
    forgetSecret(name: string): void;
  };
  now: () => Date;
  waitMs?: number;
  timeoutMs?: number;
  /** Tests replace the IMAP read; the real one is findTestMessage. */
  find?: typeof findTestMessage;
}

/** Plain IMAP sends the password in the clear: only to this machine (the same rule as the DMARC mailbox). */
function checkMailbox(c: SeedMailboxConfig): void {
  if (c.host !== '' && !c.tls && !isLoopback(c.host)) {
    throw new BehalfError(
      'seeds.mailbox.plain-imap',
      `Plain IMAP (without TLS) to ${c.host} would send the password in the clear.`,
      'Turn TLS on (port 993), or use plain IMAP only to a server on this machine (127.0.0.1 / localhost).',
    );
  }
  if (c.host !== '' && c.user === '')
    throw new BehalfError('seeds.mailbox.no-user', 'The seed mailbox needs a user name.', 'Enter the IMAP login (often the seed address itself).');
}

/** Seed mailboxes: their settings (password in the vault) and reading a send's copies back from them. */
export function createSeedMailboxService(deps: SeedMailboxDeps) {
  const store = new SeedStore(deps.db);
  const find = deps.find ?? findTestMessage;
  const password = (seedId: number) => deps.vault.getSecret(seedSecret(seedId)) ?? (deps.env[SEED_IMAP_PASSWORD_ENV] || undefined);
  const seedOf = (id: number) => {
    const seed = store.get(id);
    if (!seed) throw new BehalfError('seeds.not-found', `There is no seed inbox ${id}.`, 'Refresh the seed list: it may have been removed meanwhile.');
    return seed;
  };
  const view = (seedId: number): SeedMailbox => {
    const m = store.mailbox(seedId)!;
    return {
      seedId,
      ...m,
      configured: m.host !== '',
      hasPassword: password(seedId) !== undefined,
      trustedAuthservId: m.authservId || m.host,
      passwordStorage: deps.vault.storage.startsWith('memory')
        ? `in memory only (this session); or set ${SEED_IMAP_PASSWORD_ENV} at start`
        : deps.vault.storage,
    };
  };

  return {
    get: (seedId: number): SeedMailbox => (seedOf(seedId), view(seedId)),

    /** A new host or port forgets the password (it was typed for another server); host '' removes the mailbox. */
    save(input: SeedMailboxSave): SeedMailbox {
      seedOf(input.id);
      const prev = store.mailbox(input.id)!;
      const next: SeedMailboxConfig = {
        host: input.host ?? prev.host,
        port: input.port ?? prev.port,
        tls: input.tls ?? prev.tls,
        user: input.user ?? prev.user,
        authservId: (input.authservId ?? prev.authservId).toLowerCase(),
      };
      checkMailbox(next);
      const moved = prev.host.toLowerCase() !== next.host.toLowerCase() || prev.port !== next.port;
      if (moved || input.forgetPassword || next.host === '') deps.vault.forgetSecret(seedSecret(input.id));
      store.setMailbox(input.id, next, deps.now().toISOString());
      if (input.password && next.host !== '') deps.vault.setSecret(seedSecret(input.id), input.password);
      return view(input.id);
    },

    /**
     * Reads each sent seed's mailbox once for its copy of `send`: the folder decides the placement (INBOX → inbox,
     * Junk → spam), the trusted Authentication-Results header the authentication; not found in either once
     * MAILBOX_WAIT_MS have passed → missing. A seed without a mailbox or password is left to a person.
     */
    async check(
      send: StoredSend,
      record: (recipientId: number, f: MailboxFinding) => boolean,
    ): Promise<{ checked: number; updated: number; errors: string[] }> {
      const out = { checked: 0, updated: 0, errors: [] as string[] };
      for (const r of send.recipients) {
        if (r.state !== 'sent' || !r.hasMailbox || r.foundFolder !== '') continue;
        const seed = store.findByAddress(r.address);
        if (!seed) continue;
        const config = store.mailbox(seed.id)!;
        const pass = password(seed.id);
        if (!pass) {
          out.updated += record(r.id, {
            folder: '',
            placement: null,
            auth: null,
            error: 'No password is kept for this seed mailbox: enter it in Seeds → Mailbox.',
          })
            ? 1
            : 0;
          continue;
        }
        let found: FoundMessage | null;
        try {
          checkMailbox(config);
          found = await find(config, pass, testToken(send.sendKey, r.id), deps.timeoutMs);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          out.errors.push(`${r.address}: ${message}`);
          out.updated += record(r.id, { folder: '', placement: null, auth: null, error: `Could not read the mailbox: ${message}` }) ? 1 : 0;
          continue;
        }
        out.checked += 1;
        if (found) {
          const auth = receivedAuth(found.authResults, config.authservId || config.host, found.from);
          out.updated += record(r.id, { folder: found.folder, placement: found.placement, auth, error: '' }) ? 1 : 0;
        } else {
          const waited = r.submittedAt !== null && deps.now().getTime() - Date.parse(r.submittedAt) >= (deps.waitMs ?? MAILBOX_WAIT_MS);
          out.updated += record(r.id, { folder: '', placement: waited ? 'missing' : null, auth: null, error: '' }) ? 1 : 0;
        }
      }
      return out;
    },
  };
}

export type SeedMailboxService = ReturnType<typeof createSeedMailboxService>;
