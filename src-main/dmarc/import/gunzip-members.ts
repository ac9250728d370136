import { Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { importError } from './errors';
import type { RepairLog } from './repairs';

type State = 'header' | 'body' | 'trailer' | 'between' | 'ignore';

/** A gzip header is 10 bytes plus optional fields; anything near this size is not a real report's header. */
const MAX_HEADER = 64 * 1024;
const FHCRC = 2,
  FEXTRA = 4,
  FNAME = 8,
  FCOMMENT = 16;

/**
 * Gunzip that reads what report senders really produce (RFC 1952): several members one after another (read
 * in turn, noted), and bytes after the last member — Mimecast's CR/LF, NUL padding — which are counted, noted
 * and never interpreted. Node's Gunzip refuses the second case ("incorrect header check") and hides the first.
 * Each member's CRC-32 and length are still checked, and a member cut short is still `dmarc.truncated`.
 * Output is handed on as it is inflated, so the size and ratio caps downstream judge it exactly as before.
 */
export class GunzipMembers extends Transform {
  private state: State = 'header';
  private held: Buffer = Buffer.alloc(0);
  private inflater: zlib.InflateRaw | undefined;
  private fed = 0;
  private crc = 0;
  private size = 0;
  private members = 0;
  private ignored = 0;
  private ignoredNonPadding = false;

  constructor(
    private readonly repairs: RepairLog,
    private readonly chunkSize: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.consume(chunk).then(() => cb(), cb);
  }

  override _flush(cb: TransformCallback): void {
    try {
      this.finish();
      cb();
    } catch (err) {
      cb(err as Error);
    }
  }

  override _destroy(err: Error | null, cb: (error: Error | null) => void): void {
    this.inflater?.destroy();
    cb(err);
  }

  private async consume(chunk: Buffer): Promise<void> {
    let buf: Buffer = this.held.length ? Buffer.concat([this.held, chunk]) : chunk;
    this.held = Buffer.alloc(0);
    while (buf.length > 0) {
      if (this.state === 'ignore') {
        this.skip(buf);
        return;
      }
      if (this.state === 'between') {
        if (buf.length < 2) {
          this.held = buf;
          return;
        }
        if (buf[0] === 0x1f && buf[1] === 0x8b) {
          this.repairs.add('dmarc.repair.gzip-concatenated', 'The gzip file holds several members one after another; all were read.');
          this.state = 'header';
        } else {
          this.state = 'ignore';
          continue;
        }
      }
      if (this.state === 'header') {
        const len = headerLength(buf);
        if (len === undefined) {
          if (buf.length > MAX_HEADER) throw importError('dmarc.corrupt-archive', 'The gzip header is damaged.');
          this.held = buf;
          return;
        }
        this.startMember();
        buf = buf.subarray(len);
        continue;
      }
      if (this.state === 'body') {
        const used = await this.inflate(buf);
        buf = buf.subarray(used);
        continue;
      }
      // trailer: CRC-32 and size (mod 2^32) of this member's output, little-endian
      if (buf.length < 8) {
        this.held = buf;
        return;
      }
      if (buf.readUInt32LE(0) !== this.crc >>> 0 || buf.readUInt32LE(4) !== this.size % 2 ** 32) {
        throw importError('dmarc.corrupt-archive', 'The gzip data is damaged (its checksum does not match).');
      }
      this.members++;
      this.state = 'between';
      buf = buf.subarray(8);
    }
  }

  private startMember(): void {
    this.inflater?.destroy();
    this.inflater = zlib.createInflateRaw({ chunkSize: this.chunkSize });
    // Errors reach us through write callbacks and `finish`; this keeps a late one from being "unhandled".
    this.inflater.on('error', () => {});
    this.inflater.on('data', (d: Buffer) => {
      this.crc = zlib.crc32(d, this.crc);
      this.size += d.length;
      this.push(d);
    });
    this.fed = 0;
    this.crc = 0;
    this.size = 0;
    this.state = 'body';
  }

  /** Feeds deflate data; returns how much of `buf` belonged to this member (all of it while it goes on). */
  private inflate(buf: Buffer): Promise<number> {
    const inflater = this.inflater!;
    return new Promise((resolve, reject) => {
      inflater.write(buf, (err) => {
        if (err) return reject(err);
        const consumed = inflater.bytesWritten - this.fed;
        this.fed = inflater.bytesWritten;
        // The deflate stream ended inside this piece: the rest is the trailer and whatever follows.
        if (consumed < buf.length) this.state = 'trailer';
        resolve(consumed);
      });
    });
  }

  private skip(buf: Buffer): void {
    this.ignored += buf.length;
    if (!this.ignoredNonPadding) this.ignoredNonPadding = buf.some((b) => b !== 0 && b !== 10 && b !== 13 && b !== 32 && b !== 9);
  }

  private finish(): void {
    // Input ended inside a member (its deflate data or its 8-byte trailer): the file was cut short.
    if (this.state === 'body' || this.state === 'trailer' || this.state === 'header') {
      throw importError('dmarc.truncated', 'The gzip data ends before its end marker.');
    }
    const left = this.ignored + this.held.length;
    if (left > 0) {
      const what = this.ignoredNonPadding ? 'bytes that are not gzip data' : 'padding (line breaks, spaces or NUL bytes)';
      this.repairs.add('dmarc.repair.gzip-trailing-bytes', `${left} byte(s) after the end of the gzip data were ignored: ${what}.`);
    }
  }
}

/** The gzip header's length, or undefined while it is incomplete. Throws on a header that is not gzip. */
function headerLength(b: Buffer): number | undefined {
  if (b.length < 10) return undefined;
  if (b[0] !== 0x1f || b[1] !== 0x8b) throw importError('dmarc.corrupt-archive', 'The gzip data is damaged (incorrect header check).');
  if (b[2] !== 8) throw importError('dmarc.corrupt-archive', 'The gzip data uses an unknown compression method.');
  const flags = b[3]!;
  let at = 10;
  if (flags & FEXTRA) {
    if (b.length < at + 2) return undefined;
    at += 2 + b.readUInt16LE(at);
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    const nul = b.indexOf(0, at);
    if (nul < 0) return undefined;
    at = nul + 1;
  }
  if (flags & FHCRC) at += 2;
  return b.length >= at ? at : undefined;
}
