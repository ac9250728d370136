/**
 * The browser host refuses requests over 64 MB and base64 grows files by a third, so uploads go in batches
 * of at most ~40 MB of file bytes; a single file above ~45 MB cannot go through the browser at all (the CLI
 * has no such limit). Electron uses the same batches: harmless, and one code path.
 */
const BATCH_BYTES = 40 * 1024 * 1024;
export const MAX_FILE_BYTES = 45 * 1024 * 1024;
const MAX_FILES_PER_BATCH = 200;

export interface Batches {
  batches: File[][];
  /** Files too big for one request. */
  tooBig: File[];
}

export function planBatches(files: readonly File[]): Batches {
  const batches: File[][] = [];
  const tooBig: File[] = [];
  let current: File[] = [];
  let bytes = 0;
  for (const f of files) {
    if (f.size > MAX_FILE_BYTES) {
      tooBig.push(f);
      continue;
    }
    if (current.length && (bytes + f.size > BATCH_BYTES || current.length >= MAX_FILES_PER_BATCH)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(f);
    bytes += f.size;
  }
  if (current.length) batches.push(current);
  return { batches, tooBig };
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0)} MB`;
}
