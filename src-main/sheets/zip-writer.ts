import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { deflateRawSync } from 'node:zlib';
import type { ZipFile } from 'yazl';
import { BehalfError } from '../../src-preload/api/errors';

/**
 * Writes a zip file entry by entry through yazl (by the author of yauzl, which reads our DMARC zips), streamed to
 * disk so a bulk export never holds every sheet at once. What this wrapper adds to yazl is the project's rules:
 * entry names that cannot escape the folder (refused as a BehalfError), timestamps from UTC fields (the same
 * input gives the same bytes on every machine), and stored rather than deflated when deflating does not help
 * (PDFs are already compressed).
 */

/** MS-DOS date/time from the UTC fields: what the zip's entries carry for `d` (see `utcFieldsAsLocal`). */
export function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.min(2107, Math.max(1980, d.getUTCFullYear()));
  return {
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

/** yazl encodes a Date's local-time fields; this Date's local fields are `d`'s UTC fields. */
function utcFieldsAsLocal(d: Date): Date {
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/** Entry names are relative paths with forward slashes; anything that could escape the folder is refused. */
function checkName(name: string): void {
  // eslint-disable-next-line no-control-regex
  const bad = name === '' || name.startsWith('/') || name.includes('\\') || name.split('/').some((p) => p === '..' || p === '') || /[\u0000-\u001f]/.test(name);
  if (bad)
    throw new BehalfError(
      'sheet.zip-bad-name',
      `"${name}" is not a valid name inside a zip file.`,
      'Use a relative path without "..", backslashes or control characters.',
    );
}

export class ZipWriter {
  private readonly done: Promise<void>;
  private bytes = 0;
  private closed = false;

  private constructor(
    private readonly out: fs.WriteStream,
    private readonly zip: ZipFile,
  ) {
    this.zip.outputStream.on('data', (chunk: Buffer) => (this.bytes += chunk.length));
    this.zip.outputStream.pipe(out);
    this.done = finished(out);
    this.done.catch(() => undefined); // awaited in close(); abandon() must not leave an unhandled rejection
  }

  static async create(file: string): Promise<ZipWriter> {
    // yazl loads on the first export: every CLI command and the console start without it.
    const { ZipFile } = await import('yazl');
    const out = fs.createWriteStream(file);
    await new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject));
    return new ZipWriter(out, new ZipFile());
  }

  async add(name: string, data: Buffer, options: { date?: Date; compress?: boolean } = {}): Promise<void> {
    if (this.closed) throw new BehalfError('sheet.zip-closed', 'The zip file is already closed.');
    checkName(name);
    const compress = options.compress !== false && deflateRawSync(data).length < data.length;
    this.zip.addBuffer(data, name, { mtime: utcFieldsAsLocal(options.date ?? new Date()), compress, forceDosTimestamp: true, mode: 0o100644 });
  }

  /** Writes the central directory and end record, then closes the file. Returns the file size. */
  async close(): Promise<number> {
    if (this.closed) return this.bytes;
    this.closed = true;
    this.zip.end();
    await this.done;
    return this.bytes;
  }

  /** Closes without finishing (the caller deletes the partial file). */
  async abandon(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.zip.outputStream.unpipe(this.out);
    this.out.destroy();
    await this.done.catch(() => undefined);
  }
}
