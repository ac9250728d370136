import type { Database } from 'better-sqlite3';
import { COPY_STEP_ROWS, commitReport, type CommitResult, type ReportMeta } from './commit-report-store';
import { HeldRows } from './held-rows-store';
import type { ReportDigest } from './report-digest';
import type { ReportHeader, ReportRow } from './report-types';
import type { RemoteReport, RowWriterThread } from './worker/row-writer-client';

/** Where a report's rows go as the parser reads them: written here (`ReportWriter`) or on the row writer's thread. */
export interface RowSink {
  readonly rows: number;
  add(row: ReportRow): void;
  /** Waits while the writer is behind (memory stays bounded); throws its error if it failed. */
  drain(): Promise<void>;
  /** Writes the report, with the digest (`meta.sha256`) of its rows as they were serialized for the ledger. */
  commit(header: ReportHeader, meta: ReportMeta): Promise<CommitResult>;
  dispose(): void | Promise<void>;
}

/**
 * Rows per message to the row writer's thread after the first COPY_STEP_ROWS: small enough that neither thread ever
 * holds a batch in V8's large-object space (each such array or string gets fresh pages from the OS, whose page
 * faults cost more than the rows' parse did: issue #17). The writer still copies COPY_STEP_ROWS at a time.
 */
export const SHIP_ROWS = 128;

/**
 * A report's rows sent to the row writer's thread while this thread parses on: the first COPY_STEP_ROWS at once, then
 * SHIP_ROWS at a time. A report that never fills COPY_STEP_ROWS (nearly every real one) never leaves this thread: it
 * is committed here, in one transaction, exactly as `ReportWriter` would.
 */
export class PipedRows implements RowSink {
  rows = 0;
  private held: HeldRows;
  private remote?: RemoteReport;

  constructor(
    private readonly db: Database,
    private readonly thread: RowWriterThread,
    private readonly headerSoFar: () => ReportHeader | undefined,
    private readonly where: { sourceFile: string; importedAt: string },
    /**
     * The digest of a report committed here. A report sent to the row writer's thread is hashed there, as it writes
     * each batch (the import thread's time is what bounds a big import: issue #17).
     */
    private readonly digest: ReportDigest,
  ) {
    this.held = new HeldRows(db);
  }

  add(row: ReportRow): void {
    this.held.add(row);
    this.rows++;
    if (this.held.rows === (this.remote ? SHIP_ROWS : COPY_STEP_ROWS)) this.ship();
  }

  async drain(): Promise<void> {
    await this.remote?.drain();
  }

  async commit(header: ReportHeader, meta: ReportMeta): Promise<CommitResult> {
    if (!this.remote) {
      this.digest.rows(this.held.json());
      return commitReport(this.db, this.held, header, { ...meta, sha256: this.digest.finish(header) });
    }
    if (this.held.rows > 0) this.ship();
    return this.remote.commit(header, meta);
  }

  async dispose(): Promise<void> {
    await this.remote?.dispose();
  }

  private ship(): void {
    this.remote ??= this.thread.open(headerOrUndefined(this.headerSoFar), this.where);
    this.remote.send({ json: this.held.json(), rows: this.held.rows, messages: this.held.messages });
    this.held = new HeldRows(this.db);
  }
}

function headerOrUndefined(headerSoFar: () => ReportHeader | undefined): ReportHeader | undefined {
  try {
    return headerSoFar();
  } catch {
    return undefined; // incomplete or invalid so far: the end decides, with the whole document
  }
}
