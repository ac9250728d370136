import path from 'node:path';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { useSheetFonts } from '../../../src-main/sheets/fonts';
import { drawWrapped, measureWrapped } from '../../../src-main/sheets/wrapped-text';

/**
 * The sheet renderer draws prose from lines pdfkit broke once per process (wrapped-text.ts) and shares pdfkit's
 * word measurements between documents (shared-layouts.ts). Both must give exactly what pdfkit does on its own:
 * every content operation is compared with a document drawn by plain `doc.text` from the font file.
 */

type Doc = PDFKit.PDFDocument;
const fontFile = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');
const date = new Date('2026-01-02T03:04:05Z');

/** A document whose content operations are kept in `ops` (uncompressed, so nothing else differs). */
function traced(shared: boolean): { doc: Doc; ops: string[] } {
  const doc = new PDFDocument({
    compress: false,
    font: shared ? (null as unknown as string) : fontFile,
    info: { CreationDate: date, ModDate: date },
    bufferPages: true,
  });
  if (shared) useSheetFonts(doc);
  const ops: string[] = [];
  const add = doc.addContent.bind(doc);
  doc.addContent = (op: string) => {
    ops.push(op);
    return add(op);
  };
  doc.fontSize(9);
  return { doc, ops };
}

const PARAGRAPHS = [
  'Sign in to your DNS provider, open the zone of acme-bakery.example and add the records below exactly as shown. ' +
    'Some providers add the domain to the host by themselves: enter only the part before it.',
  'Postmark checks the DKIM record every few minutes; once it is found, the domain shows “Verified” and mail ' +
    'signed for it passes DMARC at Gmail, Yahoo and Microsoft. Zoë’s “ﬁnance” team — Ørsted, Ελληνικά — can help.',
  'Short line.',
  'A-very-long-hyphenated-token-that-cannot-break-at-a-space-and-must-be-broken-by-the-wrapper-itself-somewhere',
];
const WIDTHS = [180, 495.28];
const YS = [48, 301.75, 123.456];
const opts = (width: number) => ({ width, lineGap: 1.5 });

function drawAllPlain(doc: Doc): void {
  for (const text of PARAGRAPHS)
    for (const width of WIDTHS)
      for (const y of YS) {
        doc.text(text, 50, y, opts(width));
        doc.addContent(`% after ${doc.x} ${doc.y}`);
      }
}

function drawAllShared(doc: Doc): void {
  for (const text of PARAGRAPHS)
    for (const width of WIDTHS)
      for (const y of YS) {
        drawWrapped(doc, text, 50, y, opts(width));
        doc.addContent(`% after ${doc.x} ${doc.y}`);
      }
}

describe('wrapped prose drawn from recorded lines', () => {
  it('emits the very operations pdfkit does, when recording and when replaying', () => {
    const plain = traced(false);
    drawAllPlain(plain.doc);
    const first = traced(true);
    drawAllShared(first.doc);
    expect(first.ops).toEqual(plain.ops);
    // A second document replays every paragraph (the lines are kept per process).
    const second = traced(true);
    drawAllShared(second.doc);
    expect(second.ops).toEqual(plain.ops);
  });

  it('replays a known paragraph without running pdfkit’s wrapper again', () => {
    drawAllShared(traced(true).doc);
    const { doc } = traced(true);
    let wrapped = 0;
    const text = (doc as unknown as { _text: (...a: unknown[]) => unknown })._text.bind(doc);
    (doc as unknown as { _text: (...a: unknown[]) => unknown })._text = (...a: unknown[]) => {
      wrapped++;
      return text(...a);
    };
    drawAllShared(doc);
    expect(wrapped).toBe(0);
  });

  it('measures as heightOfString does, and the measured lines draw as pdfkit would', () => {
    const plain = traced(false);
    const shared = traced(true);
    for (const width of WIDTHS)
      for (const text of PARAGRAPHS) {
        const unseen = `${text} (${width})`;
        expect(measureWrapped(shared.doc, unseen, opts(width))).toBe(plain.doc.heightOfString(unseen, opts(width)));
        drawWrapped(shared.doc, unseen, 50, 200, opts(width));
        plain.doc.text(unseen, 50, 200, opts(width));
      }
    expect(shared.ops).toEqual(plain.ops);
  });

  it('leaves a paragraph that reaches the page’s bottom to pdfkit, which goes on on a new page', () => {
    const plain = traced(false);
    const shared = traced(true);
    const text = PARAGRAPHS[0]!;
    drawWrapped(shared.doc, text, 50, 100, opts(180)); // known from here on
    plain.doc.text(text, 50, 100, opts(180));
    const nearBottom = shared.doc.page.maxY() - 15;
    drawWrapped(shared.doc, text, 50, nearBottom, opts(180));
    plain.doc.text(text, 50, nearBottom, opts(180));
    expect(shared.doc.bufferedPageRange().count).toBe(2);
    expect(plain.doc.bufferedPageRange().count).toBe(2);
    expect(shared.ops).toEqual(plain.ops);
  });
});

describe('word measurements shared between documents', () => {
  const samples = ['DKIM', 'Return-Path ', 'pm-bounces.acme.example', 'Zoë ﬁnance', 'a b  c\td', ''];

  it('gives the widths pdfkit computes on its own', () => {
    const plain = traced(false).doc;
    const first = traced(true).doc;
    const second = traced(true).doc;
    for (const s of samples) {
      expect(first.widthOfString(s)).toBe(plain.widthOfString(s));
      expect(second.widthOfString(s)).toBe(plain.widthOfString(s));
    }
  });

  it('reuses one document’s shaped words in the next', () => {
    type WithFont = { _font: { layoutCached(text: string): unknown } };
    const first = traced(true).doc as unknown as WithFont;
    const run = first._font.layoutCached('verification ');
    const second = traced(true).doc as unknown as WithFont;
    expect(second._font.layoutCached('verification ')).toBe(run);
  });
});
