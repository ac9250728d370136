import type { Database } from 'better-sqlite3';
import type { ImportCaps } from './caps';
import { ReportXmlParser } from './report-parser';
import { commitReport, type CommitResult } from './commit-report';
import { ReportStage, reportExists } from './stage';
import type { ReportHeader } from './report-types';

/** Everything needed to turn a stream of report bytes into ledger rows. */
export interface ReportContext {
  db: Database;
  caps: ImportCaps;
  /** The path the operator gave (what error lists and the report's source_file show). */
  sourceFile: string;
  importedAt: string;
  signal?: AbortSignal;
  /** Rows staged so far in the current report, for progress. */
  onRows?(rows: number): void;
}

/** Bytes gathered before one parse-and-stage step. */
const FEED_BYTES = 256 * 1024;

/** Thrown inside the parse to stop reading a report that is already in the ledger. */
class AlreadyImported extends Error {}

/**
 * Reads one report's XML bytes (already decompressed) to the end, then commits it. Returns what happened;
 * throws a `BehalfError` with a `dmarc.*` code for a bad report, after which nothing of it is in the ledger.
 */
export async function consumeReport(source: AsyncIterable<Buffer | string>, ctx: ReportContext): Promise<CommitResult> {
  const stage = new ReportStage(ctx.db);
  try {
    const parser = new ReportXmlParser(
      {
        // A re-sent report is recognised from its metadata: no need to read thousands of rows again.
        onMetadata: ({ org, reportId }) => {
          if (reportExists(ctx.db, org, reportId)) throw new AlreadyImported();
        },
        onRow: (row) => stage.add(row),
      },
      ctx.caps.maxTextChars,
    );
    // Fatal: bytes that are not UTF-8 refuse the report (dmarc.malformed-xml) instead of storing "�" in it.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const feed = (text: string) => {
      ctx.signal?.throwIfAborted();
      stage.batch(() => parser.write(text));
      ctx.onRows?.(stage.rows);
    };
    // Decompressors hand out 16–64 KiB pieces; parsing and committing ~256 KiB at a time costs far less per
    // byte, and a piece that size still takes only a few milliseconds (the event loop stays responsive).
    const held: Buffer[] = [];
    let heldBytes = 0;
    for await (const chunk of source) {
      if (typeof chunk === 'string') {
        feed(chunk);
        continue;
      }
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes < FEED_BYTES) continue;
      const bytes = held.length === 1 ? held[0]! : Buffer.concat(held, heldBytes);
      held.length = 0;
      heldBytes = 0;
      feed(decoder.decode(bytes, { stream: true }));
    }
    if (heldBytes > 0) feed(decoder.decode(held.length === 1 ? held[0]! : Buffer.concat(held, heldBytes), { stream: true }));
    ctx.signal?.throwIfAborted();
    let header: ReportHeader | undefined;
    stage.batch(() => {
      parser.write(decoder.decode());
      header = parser.end();
    });
    if (!header) throw new Error('parser ended without a header');
    return await commitReport(ctx.db, stage, header, ctx.sourceFile, ctx.importedAt);
  } catch (err) {
    if (err instanceof AlreadyImported) return { outcome: 'duplicate', rows: 0, messages: 0 };
    throw err;
  } finally {
    stage.dispose();
  }
}
