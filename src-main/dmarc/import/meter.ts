import { Transform, type TransformCallback } from 'node:stream';
import type { ImportCaps } from './caps';
import { importError } from './errors';

/** Counts bytes passing through, so the decompressed side can compare itself with the compressed side. */
export class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    cb(null, chunk);
  }
}

/**
 * Checks that a zip entry inflates to exactly the size its header declares, as yauzl's own check does (with its
 * messages, which `zipError` maps): more is a damaged entry or a disguised bomb, stopped at once; less, a truncated one.
 */
export class ExactSize extends Transform {
  private bytes = 0;
  constructor(private readonly expected: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.expected) cb(new Error(`too many bytes in the stream. expected ${this.expected}. got at least ${this.bytes}`));
    else cb(null, chunk);
  }

  override _flush(cb: TransformCallback): void {
    cb(this.bytes < this.expected ? new Error(`not enough bytes in the stream. expected ${this.expected}. got only ${this.bytes}`) : null);
  }
}

/**
 * Sits right after a decompressor and stops it as soon as the output is too large in absolute terms
 * (`dmarc.too-large`) or relative to the compressed input read so far (`dmarc.bomb`). Erroring here makes
 * the pipeline destroy the decompressor, so a bomb is never inflated beyond the point it was recognised.
 */
export class DecompressionLimit extends Transform {
  bytes = 0;
  constructor(
    private readonly caps: ImportCaps,
    /** Compressed bytes consumed so far (or the entry's full compressed size, for zip). */
    private readonly compressedBytes: () => number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    const problem = checkExpansion(this.caps, this.bytes, this.compressedBytes());
    cb(problem, problem ? undefined : chunk);
  }
}

/** Pure judgement shared with the zip reader's header check: `null` when the expansion is believable. */
export function checkExpansion(caps: ImportCaps, decompressed: number, compressed: number): Error | null {
  if (decompressed > caps.ratioFloorBytes && decompressed > caps.maxRatio * Math.max(compressed, 1)) {
    return importError('dmarc.bomb', `Expands more than ${caps.maxRatio}× (${mib(compressed)} compressed → over ${mib(decompressed)}); stopped there.`);
  }
  if (decompressed > caps.maxBytes) {
    return importError('dmarc.too-large', `The report is larger than the ${mib(caps.maxBytes)} cap.`);
  }
  return null;
}

export function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
