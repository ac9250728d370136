import { parentPort } from 'node:worker_threads';
import { renderPdf } from '../render-pdf';
import type { FromPdfWorker, ToPdfWorker } from './messages';

/**
 * Worker entry (built as its own file, `sheets-pdf-worker.js`): renders PDF sheets with the very `renderPdf` the
 * main thread uses (fonts parsed once per worker, shaped words cached per worker), one message per sheet. The
 * bytes come back transferred, not copied.
 */
const port = parentPort!;
port.on('message', (m: ToPdfWorker) => {
  renderPdf(m.sheet, m.options).then(
    (pdf) => {
      const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      port.postMessage(
        { id: m.id, ok: true, pdf: bytes } satisfies FromPdfWorker,
        pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength ? [pdf.buffer as ArrayBuffer] : [],
      );
    },
    (err: Error & { code?: unknown; hint?: unknown }) => {
      const error = {
        name: err.name ?? 'Error',
        message: err.message ?? String(err),
        stack: err.stack,
        code: typeof err.code === 'string' ? err.code : undefined,
        hint: typeof err.hint === 'string' ? err.hint : undefined,
      };
      port.postMessage({ id: m.id, ok: false, error } satisfies FromPdfWorker);
    },
  );
});
