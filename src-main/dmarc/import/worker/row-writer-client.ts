import { Worker } from 'node:worker_threads';
import { BehalfError } from '../../../../src-preload/api/errors';
import { writeTransactionObserver } from '../../../ledger/write-transaction';
import { COPY_STEP_ROWS, type CommitResult, type ReportMeta } from '../commit-report-store';
import type { ReportHeader } from '../report-types';
import type { JsonRows } from '../stage-store';
import type { RowWriterData } from './messages';
import type { FromRowWriter, ToRowWriter } from './row-writer-messages';
import { rebuildError } from './wire-error';
import { importWorkerScript } from './worker-script';

/**
 * Rows on their way to the row writer before the reader waits: bounds memory (~4 MB of JSON) if writing is the slower
 * side. Ten steps, not two: both threads work in bursts (the writer's WAL checkpoints, the reader's garbage
 * collections), and with two steps in flight the reader of a 113 MB report waited 50–115 ms in all for the writer to
 * catch up; with ten, the import took 0.06–0.09 s less (P3, issue #17).
 */
export const MAX_ROWS_IN_FLIGHT = 10 * COPY_STEP_ROWS;

/**
 * The import thread's handle on its row writer (row-writer-thread.ts), started on the first big report and kept for
 * the rest of the import. Undefined from `start` when the ledger has no file to open a second connection to (in
 * memory) or no built worker entry is found: the import thread then writes rows itself, as before.
 */
export class RowWriterThread {
  private worker?: Worker;
  private nextSession = 1;
  private readonly reports = new Map<number, RemoteReport>();
  private closed?: () => void;
  private failure?: Error;

  private constructor(
    private readonly script: string,
    private readonly ledgerFile: string,
  ) {}

  static start(ledgerFile: string, inMemory: boolean): RowWriterThread | undefined {
    const script = importWorkerScript();
    return inMemory || !script ? undefined : new RowWriterThread(script, ledgerFile);
  }

  /** A session for one report's rows; `header` is the header as read so far (undefined while incomplete). */
  open(header: ReportHeader | undefined, where: { sourceFile: string; importedAt: string }): RemoteReport {
    const session = this.nextSession++;
    const report = new RemoteReport(session, (m) => this.post(m));
    this.reports.set(session, report);
    if (this.failure) report.fail(this.failure, true);
    this.post({ type: 'open', session, header, ...where });
    return report;
  }

  /** Ends the thread once every message sent is handled (its connection closed). */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    if (!this.failure) {
      await new Promise<void>((resolve) => {
        this.closed = resolve;
        this.post({ type: 'close' });
      });
    }
    await worker.terminate();
  }

  private post(m: ToRowWriter): void {
    if (this.failure) return;
    (this.worker ??= this.spawn()).postMessage(m);
  }

  private spawn(): Worker {
    const observer = writeTransactionObserver();
    const data: RowWriterData = { role: 'row-writer', ledgerFile: this.ledgerFile, observeWrites: observer !== undefined };
    const worker = new Worker(this.script, { workerData: data });
    worker.on('message', (m: FromRowWriter) => {
      if (m.type === 'transaction') observer?.(m.ms);
      else if (m.type === 'closed') this.closed?.();
      else this.reports.get(m.session)?.answer(m);
      if (m.type === 'disposed') this.reports.delete(m.session);
    });
    const lost = (why: string) => {
      this.failure ??= new BehalfError('dmarc.internal', `The import's row writer stopped (${why}).`, 'Import the files again.');
      for (const r of this.reports.values()) r.fail(this.failure, true);
      this.closed?.();
    };
    worker.on('error', (err) => lost(err.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    return worker;
  }
}

/** One report's rows on the row writer's thread: batches go out, answers come back in order. */
export class RemoteReport {
  private inFlight = 0;
  /** The row counts of the batches sent and not yet written, oldest first (answers come in order). */
  private readonly batches: number[] = [];
  private error?: Error;
  /** The thread itself is gone: nothing will answer any more. */
  private lost = false;
  private wake?: () => void;
  private pending?: { resolve: (r: CommitResult | undefined) => void; reject: (e: Error) => void };

  constructor(
    private readonly session: number,
    private readonly post: (m: ToRowWriter) => void,
  ) {}

  /** Sends one batch; throws the writer's error if it has failed already. */
  send(batch: JsonRows): void {
    if (this.error) throw this.error;
    this.inFlight += batch.rows;
    this.batches.push(batch.rows);
    this.post({ type: 'rows', session: this.session, ...batch });
  }

  /** Resolves once few enough batches are waiting to be written. */
  async drain(): Promise<void> {
    while (this.inFlight > MAX_ROWS_IN_FLIGHT && !this.error) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.error) throw this.error;
  }

  commit(header: ReportHeader, meta: ReportMeta): Promise<CommitResult> {
    if (this.error) return Promise.reject(this.error);
    const { sourceFile, importedAt } = meta;
    this.post({ type: 'commit', session: this.session, header, sourceFile, importedAt, repairs: meta.repairs.list() });
    return this.until() as Promise<CommitResult>;
  }

  /** Takes out whatever the report left if it was not committed (its staged rows), and ends the session. */
  async dispose(): Promise<void> {
    if (this.lost) return;
    this.post({ type: 'dispose', session: this.session });
    await this.until().catch(() => undefined);
  }

  answer(m: FromRowWriter): void {
    if (m.type === 'written') {
      this.inFlight -= this.batches.shift() ?? 0;
      this.wake?.();
    } else if (m.type === 'failed') {
      this.fail(rebuildError(m.error));
    } else if (m.type === 'committed') {
      this.settle(m.result);
    } else if (m.type === 'disposed') {
      this.settle(undefined);
    }
  }

  fail(err: Error, threadLost = false): void {
    this.error ??= err;
    this.lost ||= threadLost;
    this.wake?.();
    const p = this.pending;
    this.pending = undefined;
    p?.reject(this.error);
  }

  private settle(result: CommitResult | undefined): void {
    const p = this.pending;
    this.pending = undefined;
    p?.resolve(result);
  }

  private until(): Promise<CommitResult | undefined> {
    return new Promise((resolve, reject) => (this.pending = { resolve, reject }));
  }
}
