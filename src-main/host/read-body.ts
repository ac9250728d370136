import type { IncomingMessage } from 'node:http';
import { BehalfError } from '../../src-preload/api/errors';

/** Reads a JSON request body with a size cap, so a huge or endless upload cannot exhaust memory. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      throw new BehalfError('host.body-too-large', `The request is larger than ${Math.round(maxBytes / 1048576)} MB.`, 'Split the file, or use the CLI for very large imports.');
    }
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BehalfError('host.bad-json', 'The request body is not valid JSON.');
  }
}
