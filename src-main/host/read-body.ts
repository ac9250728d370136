import type { IncomingMessage } from 'node:http';
import { BehalfError } from '../../src-preload/api/errors';

/** Reads a JSON request body with a size cap, so a huge or endless upload cannot exhaust memory. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      throw new BehalfError(
        'host.body-too-large',
        `The request is larger than ${Math.round(maxBytes / 1048576)} MB.`,
        'Split the file, or use the CLI for very large imports.',
      );
    }
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  let text: string;
  try {
    // Fatal decoding: Buffer#toString would swap bad bytes for U+FFFD and store mangled text without a word.
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new BehalfError('host.bad-encoding', 'The request body is not UTF-8 text.', 'Save the file as UTF-8 and try again.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new BehalfError('host.bad-json', 'The request body is not valid JSON.');
  }
}
