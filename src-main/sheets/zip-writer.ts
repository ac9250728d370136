import fs from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';
import { BehalfError } from '../../src-preload/api/errors';

/**
 * A small ZIP writer (APPNOTE 6.3: local headers, central directory, end record), written entry by
 * entry to a file so a bulk export never holds every sheet in memory. Deflate via node:zlib, or
 * stored when deflating does not help (PDFs are already compressed). No ZIP64: an export of sheets
 * stays far below 65,535 entries and 4 GiB, and going over is refused instead of corrupting the file.
 */

const LOCAL_SIG = 0x04034b50;
const CENTRAL_SIG = 0x02014b50;
const END_SIG = 0x06054b50;
const FLAG_UTF8 = 0x0800;
const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
const MAX_U32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;

interface CentralEntry {
  name: Buffer;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** MS-DOS date/time from the UTC fields (so the same input gives the same bytes on every machine). */
export function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.min(2107, Math.max(1980, d.getUTCFullYear()));
  return {
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

/** Entry names are relative paths with forward slashes; anything that could escape the folder is refused. */
function checkName(name: string): Buffer {
  // eslint-disable-next-line no-control-regex
  const bad = name === '' || name.startsWith('/') || name.includes('\\') || name.split('/').some((p) => p === '..' || p === '') || /[\u0000-\u001f]/.test(name);
  if (bad) throw new BehalfError('sheet.zip-bad-name', `"${name}" is not a valid name inside a zip file.`, 'Use a relative path without "..", backslashes or control characters.');
  return Buffer.from(name, 'utf8');
}

const tooLarge = () =>
  new BehalfError('sheet.zip-too-large', 'The export is too large for one zip file.', 'Export fewer tenants at a time.');

export class ZipWriter {
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private closed = false;

  private constructor(private readonly handle: fs.FileHandle) {}

  static async create(file: string): Promise<ZipWriter> {
    return new ZipWriter(await fs.open(file, 'w'));
  }

  private async write(buf: Buffer): Promise<void> {
    await this.handle.write(buf, 0, buf.length, this.offset);
    this.offset += buf.length;
  }

  async add(name: string, data: Buffer, options: { date?: Date; compress?: boolean } = {}): Promise<void> {
    if (this.closed) throw new BehalfError('sheet.zip-closed', 'The zip file is already closed.');
    if (this.entries.length >= MAX_ENTRIES) throw tooLarge();
    const nameBuf = checkName(name);
    const deflated = options.compress === false ? undefined : deflateRawSync(data);
    const useDeflate = deflated !== undefined && deflated.length < data.length;
    const body = useDeflate ? deflated : data;
    const { date, time } = dosDateTime(options.date ?? new Date());
    const entry: CentralEntry = {
      name: nameBuf,
      method: useDeflate ? METHOD_DEFLATE : METHOD_STORE,
      time,
      date,
      crc: crc32(data) >>> 0,
      compressedSize: body.length,
      size: data.length,
      offset: this.offset,
    };
    if (data.length > MAX_U32 || this.offset + 30 + nameBuf.length + body.length > MAX_U32) throw tooLarge();

    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_SIG, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    header.writeUInt16LE(FLAG_UTF8, 6);
    header.writeUInt16LE(entry.method, 8);
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    header.writeUInt32LE(entry.crc, 14);
    header.writeUInt32LE(entry.compressedSize, 18);
    header.writeUInt32LE(entry.size, 22);
    header.writeUInt16LE(nameBuf.length, 26);
    header.writeUInt16LE(0, 28); // extra field length
    await this.write(Buffer.concat([header, nameBuf]));
    await this.write(body);
    this.entries.push(entry);
  }

  /** Writes the central directory and end record, then closes the file. Returns the file size. */
  async close(): Promise<number> {
    if (this.closed) return this.offset;
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(CENTRAL_SIG, 0);
      h.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0 (so the permissions below are read)
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(FLAG_UTF8, 8);
      h.writeUInt16LE(e.method, 10);
      h.writeUInt16LE(e.time, 12);
      h.writeUInt16LE(e.date, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.compressedSize, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      // 30 extra length, 32 comment length, 34 disk number, 36 internal attributes: all 0
      h.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: regular file, rw-r--r--
      h.writeUInt32LE(e.offset, 42);
      await this.write(Buffer.concat([h, e.name]));
    }
    const size = this.offset - start;
    if (this.offset > MAX_U32) throw tooLarge();
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_SIG, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    await this.write(end);
    this.closed = true;
    await this.handle.close();
    return this.offset;
  }

  /** Closes without finishing (the caller deletes the partial file). */
  async abandon(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}
