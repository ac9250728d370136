import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { Entry, ZipFile } from 'yauzl';
import { BehalfError } from '../../../src-preload/api/errors';
import { consumeReport, type ReportContext } from './consume-xml';
import { importError, toImportError } from './errors';
import { checkExpansion, ExactSize } from './meter';
import type { ReportOutcomes } from './outcomes';
import { RepairLog, type RepairNote } from './repairs';
import { chain, INFLATE_PIECE_BYTES, reportBytes } from './streams';

/**
 * Imports every report inside a zip, one entry at a time (yauzl streams each entry; nothing is unpacked to
 * disk). Declared sizes are judged before inflating, and the actual inflation is capped again while it
 * runs, because headers can lie. A bad entry is reported and the next one is still read.
 */
export async function importZipFile(file: string, ctx: ReportContext, out: ReportOutcomes, carried: readonly RepairNote[] = []): Promise<void> {
  const zip = await openZip(file);
  try {
    if (zip.entryCount > ctx.caps.maxEntries) {
      throw importError('dmarc.too-many-entries', `The archive lists ${zip.entryCount} entries (cap ${ctx.caps.maxEntries}).`);
    }
    let reports = 0;
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      const kind = entryKind(entry.fileName);
      if (!kind) continue;
      reports++;
      try {
        if (entry.isEncrypted()) throw importError('dmarc.unsupported-file', 'The entry is password-protected.');
        const declared = checkExpansion(ctx.caps, entry.uncompressedSize, entry.compressedSize);
        if (declared) throw declared;
        const raw = await openEntry(zip, entry);
        const repairs = new RepairLog();
        repairs.addAll(carried);
        out.result(await consumeReport(reportBytes(raw, kind, ctx.caps, repairs, entry.compressedSize), ctx, repairs), entry.fileName);
      } catch (err) {
        const e = zipError(err);
        if (e.code === 'dmarc.cancelled') throw e;
        out.error(e, entry.fileName);
      }
    }
    if (reports === 0) throw importError('dmarc.not-a-report', 'The archive holds no .xml or .xml.gz file.');
  } finally {
    zip.close();
  }
}

/** Report entries by name; folders, macOS resource forks and anything else are skipped quietly. */
function entryKind(name: string): 'xml' | 'gzip' | undefined {
  if (name.endsWith('/') || name.startsWith('__MACOSX/') || /(^|\/)\./.test(name)) return undefined;
  if (/\.xml$/i.test(name)) return 'xml';
  if (/\.(gz|gzip)$/i.test(name)) return 'gzip';
  return undefined;
}

function zipError(err: unknown): BehalfError {
  if (err instanceof BehalfError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/end of central directory record signature not found/i.test(message)) {
    return importError('dmarc.truncated', 'This is not a complete zip archive (its central directory is missing).');
  }
  if (/too many bytes in the stream/i.test(message)) {
    return importError('dmarc.corrupt-archive', 'An entry inflates to more than its header declares (damaged, or a disguised bomb); stopped there.');
  }
  const mapped = toImportError(err);
  if (mapped.code === 'dmarc.truncated' || mapped.code === 'dmarc.cancelled' || mapped.code === 'dmarc.file-not-found' || mapped.code === 'dmarc.unreadable') {
    return mapped;
  }
  return importError('dmarc.corrupt-archive', `The zip archive is damaged (${message}).`);
}

async function openZip(file: string): Promise<ZipFile> {
  // Loaded on the first zip: every import thread starts faster without it (issue #17).
  const { default: yauzl } = await import('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) reject(zipError(err ?? new Error('no zip')));
      else resolve(zip);
    });
  });
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const done = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (e: Entry) => {
      done();
      resolve(e);
    };
    const onEnd = () => {
      done();
      resolve(null);
    };
    const onError = (err: Error) => {
      done();
      reject(zipError(err));
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/**
 * An entry's content. A deflated entry (nearly all) is inflated here rather than by yauzl, which inflates in zlib's
 * 16 KiB default pieces: INFLATE_PIECE_BYTES pieces make far fewer trips through the streams and zlib's thread pool for
 * the same bytes, and let the next piece inflate while this one is parsed (issue #17). Its size is checked against the
 * header as yauzl would (`ExactSize`).
 */
async function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  if (entry.compressionMethod !== 8) return openRaw(zip, entry, true);
  const raw = await openRaw(zip, entry, false);
  return chain(raw, zlib.createInflateRaw({ chunkSize: INFLATE_PIECE_BYTES }), new ExactSize(entry.uncompressedSize));
}

/** The entry's bytes as yauzl gives them: decoded as yauzl decodes them, or (`decompress` false) still deflated. */
function openRaw(zip: ZipFile, entry: Entry, decompress: boolean): Promise<Readable> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, stream: Readable) => (err || !stream ? reject(zipError(err)) : resolve(stream));
    if (decompress) zip.openReadStream(entry, done);
    else zip.openReadStream(entry, { decompress: false, decrypt: null, start: null, end: null }, done);
  });
}
