import type { Database } from 'better-sqlite3';
import type { ImportCaps } from './caps';
import { LeafRepair } from './leaf-repair';
import { RepairLog } from './repairs';
import { ReportTextDecoder } from './report-text';
import { ReportXmlParser } from './report-parser';
import { commitReport, type CommitResult } from './commit-report-store';
import { ReportStage } from './stage-store';
import { ReportDigest } from './report-digest';
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

/**
 * Reads one report's XML bytes (already decompressed) to the end, then commits it. Returns what happened;
 * throws a `BehalfError` with a `dmarc.*` code for a bad report, after which nothing of it is in the ledger.
 */
export async function consumeReport(source: AsyncIterable<Buffer | string>, ctx: ReportContext, repairs = new RepairLog()): Promise<CommitResult> {
  const stage = new ReportStage(ctx.db);
  try {
    // A known (org, report id) is not enough to call a report a duplicate: some reporters reuse ids for
    // different reports. A digest of what was read (header and rows, not the bytes: the same report sent as
    // .xml, .gz or a 7bit attachment differs in line ends) decides at commit, so every report is read to its end.
    const digest = new ReportDigest();
    const parser = new ReportXmlParser(
      {
        onRow: (row) => {
          digest.row(row);
          stage.add(row);
        },
      },
      ctx.caps.maxTextChars,
      repairs,
    );
    // Stray bytes become U+FFFD with a note (report-text.ts); unescaped leaf text is escaped (leaf-repair.ts).
    const decoder = new ReportTextDecoder(repairs);
    const leaves = new LeafRepair(repairs);
    const feed = (text: string) => {
      ctx.signal?.throwIfAborted();
      stage.batch(() => parser.write(leaves.push(text)));
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
      if (chunk.length === 0) continue;
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes < FEED_BYTES) continue;
      const bytes = held.length === 1 ? held[0]! : Buffer.concat(held, heldBytes);
      held.length = 0;
      heldBytes = 0;
      feed(decoder.decode(bytes));
    }
    if (heldBytes > 0) feed(decoder.decode(held.length === 1 ? held[0]! : Buffer.concat(held, heldBytes)));
    ctx.signal?.throwIfAborted();
    let header: ReportHeader | undefined;
    stage.batch(() => {
      parser.write(leaves.push(decoder.end()) + leaves.end());
      header = parser.end();
    });
    if (!header) throw new Error('parser ended without a header');
    return await commitReport(ctx.db, stage, header, { sourceFile: ctx.sourceFile, importedAt: ctx.importedAt, repairs, sha256: digest.finish(header) });
  } finally {
    stage.dispose();
  }
}
