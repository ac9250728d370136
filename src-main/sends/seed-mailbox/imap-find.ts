import type { SeedMailboxConfig } from '../seed-store';
import { TEST_HEADER } from './test-token';

export interface FoundMessage {
  /** The folder's path as the server names it ("INBOX", "Junk", "[Gmail]/Spam"). */
  folder: string;
  placement: 'inbox' | 'spam';
  /** Every Authentication-Results header, top (newest, the receiver's) first. */
  authResults: string[];
  from: string;
}

/** Junk folders by name, for servers that do not mark them \Junk (RFC 6154); the special-use flag wins. */
const JUNK_NAMES = /^(junk|spam|bulk|bulk mail|junk e-?mail)$/i;

/**
 * Looks for one test message in the seed's INBOX and its Junk/Spam folder, read-only (nothing is flagged, moved
 * or deleted: the seed inbox is a person's too). Returns null when it is in neither (yet).
 */
export async function findTestMessage(config: SeedMailboxConfig, password: string, token: string, timeoutMs = 20_000): Promise<FoundMessage | null> {
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
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 3,
  });
  client.on('error', () => undefined); // surfaced through the awaited command that fails
  try {
    await client.connect();
    const boxes = await client.list();
    const junk = boxes.filter((b) => b.specialUse === '\\Junk' || JUNK_NAMES.test(b.name));
    const places: { path: string; placement: 'inbox' | 'spam' }[] = [
      { path: 'INBOX', placement: 'inbox' },
      ...junk.filter((b) => b.path.toUpperCase() !== 'INBOX').map((b) => ({ path: b.path, placement: 'spam' as const })),
    ];
    for (const place of places) {
      const lock = await client.getMailboxLock(place.path, { readOnly: true });
      try {
        const uids = (await client.search({ header: { [TEST_HEADER]: token } }, { uid: true })) || [];
        if (uids.length === 0) continue;
        const msg = await client.fetchOne(String(uids[uids.length - 1]), { headers: true }, { uid: true });
        if (!msg || !msg.headers) continue;
        // postal-mime loads on the first message read: every CLI command and the console start without it.
        const PostalMime = (await import('postal-mime')).default;
        const parsed = await PostalMime.parse(Buffer.concat([msg.headers, Buffer.from('\r\n')]));
        // SEARCH HEADER matches substrings: make sure this is the exact token, not a longer one containing it.
        const header = parsed.headers.find((h) => h.key === TEST_HEADER.toLowerCase())?.value.trim();
        if (header !== token) continue;
        const from = parsed.from ? ('address' in parsed.from && parsed.from.address ? parsed.from.address : '') : '';
        return {
          folder: place.path,
          placement: place.placement,
          authResults: parsed.headers.filter((h) => h.key === 'authentication-results').map((h) => h.value),
          from,
        };
      } finally {
        lock.release();
      }
    }
    await client.logout();
    return null;
  } finally {
    client.close();
  }
}
