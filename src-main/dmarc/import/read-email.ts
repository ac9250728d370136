import fs from 'node:fs';
import type { Email } from 'postal-mime';
import type { ImportCaps } from './caps';
import { importError } from './errors';

/** A parsed e-mail and its raw bytes (as latin1 text, one character per byte) for checks postal-mime does not make. */
export interface ReadEmail {
  email: Email;
  raw: string;
}

/**
 * Parses one saved e-mail with postal-mime. The library parses a message whole, in memory, so the message's
 * size is capped before and while it is read (the file may grow meanwhile): an e-mail over the cap is refused
 * without being parsed. Attachments come back decoded; message/rfc822 parts inside (a forwarded report) are
 * parsed too, and their attachments join the list, up to postal-mime's nesting limits.
 */
export async function readEmail(file: string, caps: ImportCaps, signal?: AbortSignal): Promise<ReadEmail> {
  const bytes = await readCapped(file, caps.maxMessageBytes);
  signal?.throwIfAborted();
  let email: Email;
  try {
    email = await (await postalMime()).parse(bytes, { attachmentEncoding: 'arraybuffer' });
  } catch (err) {
    // postal-mime refuses a message nested too deep or with over 2 MiB of headers.
    throw importError('dmarc.not-a-report', `The e-mail cannot be read (${err instanceof Error ? err.message : String(err)}).`);
  }
  signal?.throwIfAborted();
  return { email, raw: bytes.toString('latin1') };
}

/** Reads at most `cap` bytes; one more byte means the file is over the cap. */
async function readCapped(file: string, cap: number): Promise<Buffer> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const { size } = await fh.stat();
    if (size > cap) throw tooLarge(cap);
    const buf = Buffer.alloc(size + 1);
    let read = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, read, buf.length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
      if (read > size) throw tooLarge(cap); // grew while being read
    }
    return buf.subarray(0, read);
  } finally {
    await fh.close();
  }
}

const tooLarge = (cap: number) => importError('dmarc.too-large', `The e-mail is larger than the ${cap}-byte cap.`);

/**
 * A header block as lower-cased name → value, the first occurrence winning (later duplicates are usually forged
 * or added by relays). Folded lines are joined with one space, as the report readers expect.
 */
export function headerMap(email: Email): Map<string, string> {
  const headers = new Map<string, string>();
  for (const { key, line } of email.headerLines) {
    if (headers.has(key)) continue;
    const [first = '', ...folded] = line.split('\n');
    const value = [first.slice(first.indexOf(':') + 1), ...folded]
      .map((l) => l.trim())
      .join(' ')
      .trim();
    headers.set(key, value);
  }
  return headers;
}

/** Parses a block of header fields (a message/feedback-report part, a failed message's headers) with postal-mime. */
export async function parseHeaderBlock(bytes: ArrayBuffer | Uint8Array): Promise<Map<string, string>> {
  // A block without the blank line that ends headers is still all headers; the added line changes nothing else.
  const block = Buffer.concat([Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)), Buffer.from('\r\n\r\n')]);
  return headerMap(await (await postalMime()).parse(block));
}

/** postal-mime, loaded on the first e-mail: every import thread starts faster without it (issue #17). */
async function postalMime() {
  return (await import('postal-mime')).default;
}
