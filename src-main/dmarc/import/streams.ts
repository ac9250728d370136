import fs from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import type { ImportCaps } from './caps';
import { GunzipMembers } from './gunzip-members';
import { ByteCounter, DecompressionLimit } from './meter';
import type { RepairLog } from './repairs';

export type PayloadKind = 'xml' | 'gzip' | 'zip';

/**
 * Bytes a decompressor hands out at a time, and a file is read in (zlib's default is 16 KiB, a file stream's 64 KiB).
 * The import's thread starts each inflate step (or file read) from its own event loop, and libuv's pool runs it while
 * that thread parses the piece before; it waits only when the parse of a piece ends before the next piece is ready.
 * With 128 KiB pieces it waited on most feed steps (the parser is fed ~256 KiB at a time): 250–410 ms of a 113 MB
 * report's import (P3, issue #17); with 512 KiB pieces, 100–150 ms, and the import took ~0.1 s less as .gz, .zip or
 * .xml. The pieces are Buffers outside V8's heap; the parser still gets its text 64 KiB at a time (consume-xml.ts).
 */
export const INFLATE_PIECE_BYTES = 512 * 1024;

/**
 * Chains streams and returns the last one. Any failure destroys the whole chain with that error, so the
 * consumer's `for await` throws it; stopping early destroys the chain too (the callback only swallows it).
 */
export function chain(...streams: NodeJS.ReadWriteStream[] | [Readable, ...NodeJS.ReadWriteStream[]]): Readable {
  return pipeline(streams as unknown as [Readable, ...NodeJS.ReadWriteStream[]], () => {}) as unknown as Readable;
}

/**
 * Report XML bytes from raw bytes: gunzipped and ratio-checked for gzip, size-checked for XML.
 * `compressedSize` is the whole input's size when known up front (zip entries); otherwise the input is counted.
 */
export function reportBytes(raw: Readable, kind: 'xml' | 'gzip', caps: ImportCaps, repairs: RepairLog, compressedSize?: number): Readable {
  // Plain XML on disk has nothing to expand; inside a zip its size is still judged against the entry's.
  if (kind === 'xml') return chain(raw, new DecompressionLimit(caps, () => compressedSize ?? Number.MAX_SAFE_INTEGER));
  const counter = new ByteCounter();
  const compressed = compressedSize === undefined ? () => counter.bytes : () => compressedSize;
  // The ratio and size caps are still judged on every piece: a bomb is stopped within one piece of crossing them.
  return chain(raw, counter, new GunzipMembers(repairs, INFLATE_PIECE_BYTES), new DecompressionLimit(caps, compressed));
}

/** What a file holds, judged from its first bytes (extensions lie: `.xml` files that are gzip exist). */
export async function sniffFile(file: string): Promise<PayloadKind> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    return sniff(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

export function sniff(head: Buffer): PayloadKind {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return 'zip';
  return 'xml';
}
