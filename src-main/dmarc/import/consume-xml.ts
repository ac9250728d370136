import type { Database } from 'better-sqlite3';
import type { ImportCaps } from './caps';
import { RepairLog } from './repairs';
import { ReportTextDecoder } from './report-text';
import { ReportXmlParser } from './report-parser';
import type { CommitResult } from './commit-report-store';
import { PipedRows, type RowSink } from './piped-rows';
import { ReportWriter } from './report-writer-store';
import type { RowWriterThread } from './worker/row-writer-client';
import { ReportDigest } from './report-digest';

/** Everything needed to turn a stream of report bytes into ledger rows. */
export interface ReportContext {
  db: Database;
  caps: ImportCaps;
  /** The path the operator gave (what error lists and the report's source_file show). */
  sourceFile: string;
  importedAt: string;
  signal?: AbortSignal;
  /** The import's row writer thread (started on its first big report), if the ledger can have one. */
  rowWriter?: RowWriterThread;
  /** Rows read so far in the current report, for progress. */
  onRows?(rows: number): void;
}

/** Bytes gathered before one parse-and-write step. */
const FEED_BYTES = 256 * 1024;
/**
 * Text handed to the parser at once: under V8's 128 KiB large-object size, so the string (and the parser's joins of
 * it) live in the young generation. Larger ones each get fresh pages from the OS, and their page faults cost more
 * than the parse did (issue #17).
 */
const PIECE_BYTES = 64 * 1024;

/** Decodes `bytes` and hands the text to the parser PIECE_BYTES at a time. */
export function writeBytes(parser: ReportXmlParser, decoder: ReportTextDecoder, bytes: Buffer): void {
  for (let at = 0; at < bytes.length; at += PIECE_BYTES) parser.write(decoder.decode(bytes.subarray(at, at + PIECE_BYTES)));
}

/**
 * Reads one report's XML bytes (already decompressed) to the end, then commits it. Returns what happened;
 * throws a `BehalfError` with a `dmarc.*` code for a bad report, after which nothing of it is in the ledger.
 */
export async function consumeReport(source: AsyncIterable<Buffer | string>, ctx: ReportContext, repairs = new RepairLog()): Promise<CommitResult> {
  let parser: ReportXmlParser | undefined;
  const headerSoFar = () => parser?.headerSoFar();
  const where = { sourceFile: ctx.sourceFile, importedAt: ctx.importedAt };
  // A known (org, report id) is not enough to call a report a duplicate: some reporters reuse ids for different
  // reports. A digest of what was read (header and rows, not the bytes: the same report sent as .xml, .gz or a 7bit
  // attachment differs in line ends) decides at commit, so every report is read to its end. The sink hashes the
  // rows as it serializes them for the ledger.
  const digest = new ReportDigest();
  // A big report's rows are written on the row writer's thread while this one parses on, when there is one.
  const writer: RowSink = ctx.rowWriter
    ? new PipedRows(ctx.db, ctx.rowWriter, headerSoFar, where, digest)
    : new ReportWriter(ctx.db, headerSoFar, where, digest);
  try {
    parser = new ReportXmlParser({ onRow: (row) => writer.add(row) }, ctx.caps.maxTextChars, repairs);
    // Stray bytes become U+FFFD with a note (report-text.ts); unescaped leaf text is escaped by the parser.
    const decoder = new ReportTextDecoder(repairs);
    const feed = async (text: string) => {
      ctx.signal?.throwIfAborted();
      parser!.write(text);
      ctx.onRows?.(writer.rows);
      await writer.drain();
    };
    const feedBytes = async (pieces: readonly Buffer[]) => {
      ctx.signal?.throwIfAborted();
      for (const piece of pieces) writeBytes(parser!, decoder, piece);
      ctx.onRows?.(writer.rows);
      await writer.drain();
    };
    // Sources hand out pieces of up to INFLATE_PIECE_BYTES (streams.ts), some far smaller (an e-mail's attachment).
    // Gathered to ~256 KiB, a step (parse, progress, waiting for the row writer) costs far less per byte and still
    // takes only a few milliseconds; the parser gets them 64 KiB at a time.
    const held: Buffer[] = [];
    let heldBytes = 0;
    for await (const chunk of source) {
      if (typeof chunk === 'string') {
        await feed(chunk);
        continue;
      }
      if (chunk.length === 0) continue;
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes < FEED_BYTES) continue;
      await feedBytes(held.splice(0));
      heldBytes = 0;
    }
    if (heldBytes > 0) await feedBytes(held.splice(0));
    ctx.signal?.throwIfAborted();
    parser.write(decoder.end());
    const header = parser.end();
    return await writer.commit(header, { sourceFile: ctx.sourceFile, importedAt: ctx.importedAt, repairs });
  } finally {
    await writer.dispose();
  }
}
