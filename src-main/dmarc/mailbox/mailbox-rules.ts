import { isLoopback } from '../../domain/loopback';
import { BehalfError } from '../../../src-preload/api/errors';
import type { MailboxConfig } from './mailbox-store';

/**
 * The security rules of the rua mailbox (from the security issue), in one place. Pure.
 * - Plain IMAP (no TLS) sends the password in the clear: refused except to this machine (loopback).
 * - The password belongs to the server it was typed for: a new host or port forgets it, so pointing the
 *   settings at another server can never make Behalf send the stored password there.
 */
export { isLoopback };

export function checkMailbox(c: MailboxConfig): void {
  if (!c.tls && c.host !== '' && !isLoopback(c.host)) {
    throw new BehalfError(
      'dmarc.mailbox.plain-imap',
      `Plain IMAP (without TLS) to ${c.host} would send the password in the clear.`,
      'Turn TLS on (port 993), or use plain IMAP only to a server on this machine (127.0.0.1 / localhost).',
    );
  }
}

/** True when the saved password must be forgotten before `next` is saved. */
export function passwordGoesWithServer(prev: MailboxConfig, next: MailboxConfig): boolean {
  return prev.host.toLowerCase() !== next.host.toLowerCase() || prev.port !== next.port;
}
