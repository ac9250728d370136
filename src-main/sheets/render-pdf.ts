import { useSheetFonts, type SheetFonts } from './fonts';
import { COLORS, Layout } from './pdf-layout';
import { body, header } from './pdf-sections';
import { renderZone } from './render-zone';
import type { Paper, Sheet } from './types';

/**
 * PDF with embedded DejaVu (subset by pdfkit), A4 or Letter. Reproducible: dates come from the sheet,
 * and pdfkit derives the file ID from them. Long literals are broken at fixed widths inside
 * ActualText spans so copying or pdftotext gives the unbroken value; the records are also attached
 * as a zone file for people who prefer to paste from a text file.
 */

export interface PdfOptions {
  paper?: Paper;
  /** Folder with the DejaVu TTF files; defaults to the dejavu-fonts-ttf package. */
  fontDir?: string;
}

function footers(doc: PDFKit.PDFDocument, sheet: Sheet, fonts: SheetFonts): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { margins, width, height } = doc.page;
    const bottom = margins.bottom;
    // Writing below the bottom margin would make pdfkit open a new page: lift the margin while drawing.
    doc.page.margins.bottom = 0;
    const y = height - bottom - 10;
    doc.rect(margins.left, y - 6, width - margins.left - margins.right, 0.5).fill(COLORS.line);
    doc.font(fonts.sans).fontSize(7).fillColor(COLORS.muted);
    doc.text(`${sheet.vendorName} · ${sheet.tenant.name} (${sheet.tenant.domain}) · ${sheet.generatedLabel}`, margins.left, y, {
      width: (width - margins.left - margins.right) * 0.8,
      lineBreak: false,
      ellipsis: true,
      height: 9,
    });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, margins.left, y, {
      width: width - margins.left - margins.right,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

/**
 * pdfkit (with fontkit and its tables) takes ~0.3–0.6 s to load: loaded on the first PDF, not when the
 * CLI or the browser host starts (P5, cold start to the first rows).
 */
const loadPdfkit = () => import('pdfkit');
let pdfkit: ReturnType<typeof loadPdfkit> | undefined;

export async function renderPdf(sheet: Sheet, options: PdfOptions = {}): Promise<Buffer> {
  const { default: PDFDocument } = await (pdfkit ??= loadPdfkit());
  const date = new Date(sheet.generatedAt);
  const doc = new PDFDocument({
    size: options.paper === 'letter' ? 'LETTER' : 'A4',
    margins: { top: 48, bottom: 40, left: 50, right: 50 },
    bufferPages: true,
    // No default font: pdfkit would parse a TTF file per document. useSheetFonts hands it fonts parsed once.
    font: null as unknown as string,
    lang: 'en',
    displayTitle: true,
    info: {
      Title: sheet.title,
      Author: sheet.vendorName,
      Subject: `DNS setup for ${sheet.tenant.domain}`,
      Creator: 'Behalf',
      Producer: 'Behalf (PDFKit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  const fonts = useSheetFonts(doc, options.fontDir);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const layout = new Layout(doc, fonts);
  header(layout, sheet);
  body(layout, sheet);
  footers(doc, sheet, fonts);
  if (sheet.records.length) {
    doc.file(Buffer.from(renderZone(sheet), 'utf8'), {
      name: `${sheet.tenant.domain}-dns-records.txt`,
      type: 'text/plain',
      description: 'The DNS records of this sheet as a BIND zone fragment',
      creationDate: date,
      modifiedDate: date,
    });
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
