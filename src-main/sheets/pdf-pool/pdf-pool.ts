import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { BehalfError } from '../../../src-preload/api/errors';
import type { PdfOptions } from '../render-pdf';
import type { Sheet } from '../types';
import type { FromPdfWorker, ToPdfWorker } from './messages';
import { pdfWorkerScript } from './worker-script';

/**
 * PDF sheets rendered on worker threads, one per core (issue #17, P6: a sheet is ~20–30 ms of CPU in pdfkit's
 * line wrapping, text emission and zlib, so a bulk export of 1,000 is CPU-bound on one thread). Each worker runs
 * the same `renderPdf`, and a sheet's bytes do not depend on what was rendered before it in the same thread
 * (pdf-reuse.test.ts), so pooled output is byte-identical to rendering on this thread.
 */
export interface PdfPool {
  readonly size: number;
  render(sheet: Sheet, options: PdfOptions): Promise<Buffer>;
  /** Stops the workers; sheets not yet rendered are rejected. */
  close(): Promise<void>;
}

/** Sheets handed to a worker before it finishes the one it is on, so it never waits for the next message. */
const QUEUED_PER_WORKER = 2;

interface Slot {
  worker: Worker;
  busy: number;
}

interface Job {
  message: ToPdfWorker;
  resolve: (pdf: Buffer) => void;
  reject: (err: Error) => void;
}

/** Undefined when no worker entry was built (the caller renders on its own thread). */
export function createPdfPool(size = os.availableParallelism()): PdfPool | undefined {
  const script = pdfWorkerScript();
  if (!script) return undefined;
  const slots: Slot[] = [];
  const waiting: Job[] = [];
  const running = new Map<number, { job: Job; slot: Slot }>();
  let nextId = 0;
  let closed = false;

  const fail = (slot: Slot, err: Error) => {
    for (const [id, r] of running) {
      if (r.slot !== slot) continue;
      running.delete(id);
      r.job.reject(err);
    }
  };
  const start = (): Slot => {
    const slot: Slot = { worker: new Worker(script), busy: 0 };
    slot.worker.on('message', (m: FromPdfWorker) => {
      const r = running.get(m.id);
      if (!r) return;
      running.delete(m.id);
      slot.busy -= 1;
      if (m.ok) r.job.resolve(Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
      else
        r.job.reject(
          m.error.code && m.error.name === 'BehalfError'
            ? new BehalfError(m.error.code, m.error.message, m.error.hint ?? '')
            : Object.assign(new Error(m.error.message), { name: m.error.name }),
        );
      dispatch();
    });
    slot.worker.on('error', (err) => fail(slot, err));
    slot.worker.on('exit', (code) => {
      if (!closed)
        fail(
          slot,
          new BehalfError(
            'sheet.pdf-worker-exited',
            `PDF rendering stopped unexpectedly (worker exit code ${code}).`,
            'Try the export again; if it repeats, export fewer sheets at a time.',
          ),
        );
      const at = slots.indexOf(slot);
      if (at >= 0) slots.splice(at, 1);
    });
    slots.push(slot);
    return slot;
  };
  const dispatch = () => {
    while (waiting.length > 0 && !closed) {
      const idle = slots.find((s) => s.busy === 0) ?? (slots.length < size ? start() : slots.find((s) => s.busy < QUEUED_PER_WORKER));
      if (!idle) return;
      const job = waiting.shift()!;
      idle.busy += 1;
      running.set(job.message.id, { job, slot: idle });
      idle.worker.postMessage(job.message);
    }
  };

  return {
    size,
    render(sheet, options) {
      if (closed)
        return Promise.reject(new BehalfError('sheet.export-cancelled', 'The export was cancelled.', 'Nothing was written; start it again when ready.'));
      return new Promise<Buffer>((resolve, reject) => {
        waiting.push({ message: { id: nextId++, sheet, options }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      const cancelled = new BehalfError('sheet.export-cancelled', 'The export was cancelled.', 'Nothing was written; start it again when ready.');
      for (const job of waiting.splice(0)) job.reject(cancelled);
      for (const r of running.values()) r.job.reject(cancelled);
      running.clear();
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
