import type { Database } from 'better-sqlite3';
import type { ImportCaps } from './caps';
import { ReportXmlParser } from './report-parser';
import { ReportStage, reportExists, type CommitResult } from './stage';
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
    for await (const chunk of source) {
      ctx.signal?.throwIfAborted();
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      stage.batch(() => parser.write(text));
      ctx.onRows?.(stage.rows);
    }
    let header: ReportHeader | undefined;
    stage.batch(() => {
      parser.write(decoder.decode());
      header = parser.end();
    });
    if (!header) throw new Error('parser ended without a header');
    return stage.commit(header, ctx.sourceFile, ctx.importedAt);
  } catch (err) {
    if (err instanceof AlreadyImported) return { outcome: 'duplicate', rows: 0, messages: 0 };
    throw err;
  } finally {
    stage.dispose();
  }
}
