/**
 * Wrapped prose drawn from lines pdfkit broke once per process.
 *
 * Most paragraphs of a sheet are the same instructions on every sheet. pdfkit's line wrapper measured and
 * broke them again for every document (finding break points, measuring each word), which was the largest
 * part of a sheet's time (bench P6). The first time a paragraph is drawn, pdfkit draws it as always and the
 * lines it emits are recorded; afterwards the same lines go straight to pdfkit's line drawing (`_fragment`)
 * at the same positions, which is all the wrapper would have done with them. The output is the same bytes.
 *
 * A paragraph is recorded only when the replay is provably what pdfkit did: every line started at the
 * paragraph's x, each next line sat one line height (plus the gap) below the last, computed as pdfkit does,
 * and the wrapper ended where that sum ends. A replay that could reach the page's bottom falls back to
 * pdfkit, whose wrapper would move to a new page there.
 */

interface TextOptions {
  width: number;
  lineGap: number;
}

interface Line {
  text: string;
  /** The options object pdfkit passed for this line (a copy: the wrapper reuses one object for every line). */
  options: object;
}

/** The pdfkit internals this file relies on (pdfkit 0.20's text mixin). */
interface PdfText {
  x: number;
  y: number;
  _font: { font: object };
  _fontSize: number;
  _lineGap?: number;
  page: { maxY(): number };
  currentLineHeight(includeGap: boolean): number;
  _fragment(text: string, x: number, y: number, options: object): void;
  _initOptions(options: TextOptions): TextOptions & { height?: number };
  _text(text: string, x: number, y: number, options: object, onLine: (line: string, options: object) => void): unknown;
  text(text: string, x: number, y: number, options: TextOptions): unknown;
}

/** What is known of one paragraph: its height once measured, its lines once broken (null: not replayable). */
interface Paragraph {
  height?: number;
  lines?: Line[] | null;
}

/** Paragraphs kept per face; the fixed text has a few hundred, each tenant adds a few. */
const MAX_PARAGRAPHS = 20_000;
/** Space kept clear of the page's bottom for a replay (pdfkit rounds its bound to a float32). */
const BOTTOM_MARGIN = 1;

const byFont = new WeakMap<object, Map<string, Paragraph>>();

/** One line's step down, as pdfkit's `_line` computes it. */
function step(doc: PdfText, options: object): number {
  const lineGap = (options as { lineGap?: number }).lineGap || doc._lineGap || 0;
  return doc.currentLineHeight(true) + lineGap;
}

/** The paragraph's entry (created empty if new) among those of the current face. */
function paragraphOf(doc: PdfText, text: string, options: TextOptions): Paragraph {
  let paragraphs = byFont.get(doc._font.font);
  if (!paragraphs) byFont.set(doc._font.font, (paragraphs = new Map()));
  const key = `${doc._fontSize}\u0000${options.width}\u0000${options.lineGap}\u0000${text}`;
  let paragraph = paragraphs.get(key);
  if (!paragraph) {
    if (paragraphs.size >= MAX_PARAGRAPHS) paragraphs.clear();
    paragraphs.set(key, (paragraph = {}));
  }
  return paragraph;
}

/**
 * The height of `text` wrapped to `options.width`, as `doc.heightOfString(text, options)` computes it from y = 0,
 * measured once per process, keeping the lines it breaks into for the draw that follows (measuring and drawing a
 * new paragraph wrapped it twice). From y = 0 the float is the same on any page and after any earlier sheet, so
 * the kept height keeps the output byte-for-byte reproducible.
 */
export function measureWrapped(document: PDFKit.PDFDocument, text: string, options: TextOptions): number {
  const doc = document as unknown as PdfText;
  const paragraph = paragraphOf(doc, text, options);
  if (paragraph.height !== undefined) return paragraph.height;
  const { x, y } = doc;
  doc.y = 0;
  // What heightOfString does: no bottom (height Infinity), each line one line height plus the gap lower.
  const measuring = doc._initOptions(options);
  measuring.height = Infinity;
  const lineGap = measuring.lineGap || doc._lineGap || 0;
  const lines: Line[] = [];
  let straight = true;
  doc._text(text, doc.x, doc.y, measuring, (line, lineOptions) => {
    if (doc.x !== x) straight = false;
    const { height: _, ...drawn } = lineOptions as { height?: number };
    lines.push({ text: line, options: drawn });
    doc.y += doc.currentLineHeight(true) + lineGap;
  });
  paragraph.height = doc.y; // measured from 0: where the lines end is the height
  paragraph.lines ??= straight ? lines : null;
  doc.x = x;
  doc.y = y;
  return paragraph.height;
}

/** Draws `text` wrapped to `options.width` at (x, y), as `doc.text(text, x, y, options)` does. */
export function drawWrapped(document: PDFKit.PDFDocument, text: string, x: number, y: number, options: TextOptions): void {
  const doc = document as unknown as PdfText;
  const paragraph = paragraphOf(doc, text, options);
  const lines = paragraph.lines;
  if (lines && replay(doc, lines, x, y)) return;
  if (lines !== undefined) {
    doc.text(text, x, y, options);
    return;
  }
  paragraph.lines = record(doc, text, x, y, options);
}

/** Draws through pdfkit, noting each line; returns the lines if a replay would give the same output. */
function record(doc: PdfText, text: string, x: number, y: number, options: TextOptions): Line[] | null {
  const seen: Array<Line & { x: number; y: number }> = [];
  const fragment = doc._fragment;
  const own = Object.getOwnPropertyDescriptor(doc, '_fragment');
  doc._fragment = function (this: PdfText, t, fx, fy, o) {
    seen.push({ text: t, x: fx, y: fy, options: { ...o } });
    fragment.call(this, t, fx, fy, o);
  };
  try {
    doc.text(text, x, y, options);
  } finally {
    if (own) Object.defineProperty(doc, '_fragment', own);
    else delete (doc as Partial<PdfText>)._fragment;
  }
  let at = y;
  for (const line of seen) {
    if (line.x !== x || line.y !== at) return null;
    at += step(doc, line.options);
  }
  if (doc.x !== x || doc.y !== at) return null;
  return seen.map(({ text: t, options: o }) => ({ text: t, options: o }));
}

/** Draws the recorded lines from (x, y); false (nothing drawn) if they could reach the page's bottom. */
function replay(doc: PdfText, lines: Line[], x: number, y: number): boolean {
  const bottom = doc.page.maxY() - BOTTOM_MARGIN;
  const lineHeight = doc.currentLineHeight(true);
  let at = y;
  for (const line of lines) {
    if (at + lineHeight > bottom) return false;
    at += step(doc, line.options);
  }
  if (at + lineHeight > bottom && lines.length > 0) return false;
  doc.x = x;
  doc.y = y;
  for (const line of lines) {
    doc._fragment(line.text, x, doc.y, line.options);
    doc.y += step(doc, line.options);
  }
  return true;
}
