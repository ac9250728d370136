import type { PdfOptions } from '../render-pdf';
import type { Sheet } from '../types';

/** One sheet to render (structured-clone safe: the sheet is plain data). */
export type ToPdfWorker = { id: number; sheet: Sheet; options: PdfOptions };

export type FromPdfWorker =
  { id: number; ok: true; pdf: Uint8Array } | { id: number; ok: false; error: { name: string; message: string; code?: string; hint?: string; stack?: string } };
