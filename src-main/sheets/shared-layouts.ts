/**
 * Shares pdfkit's word measurements between documents.
 *
 * pdfkit keeps what it knows about a word (its shaped, scaled glyph run) in a cache on the document's
 * EmbeddedFont, so every new document starts with none: each sheet shaped, copied and scaled the same
 * thousand words of instructions again, and summed their widths again every time the line wrapper asked.
 * That was a third of a sheet's time, with its garbage (bench P6).
 *
 * What is shared here is what pdfkit computes from the parsed font and the text alone: the run of a word
 * (`layoutCached`) and the width of a string (`layout(text, undefined, true)`, a sum over the same runs, in
 * the same order, so the float is the same). Nothing pdfkit keeps per document goes through these caches:
 * the glyph subset, widths and ToUnicode map are filled by `encode` from the runs, as before. pdfkit never
 * writes to a run after scaling it (its word spacing copies the last position), so one run serves every
 * document. The runs come from font-reuse.ts, which shapes each word with an empty glyph cache: a run's
 * glyphs carry that word's code points, whichever document asked first.
 */

interface Run {
  advanceWidth: number;
}

/** The part of pdfkit's EmbeddedFont (one per document and face) this file relies on. */
interface EmbeddedFont {
  /** The parsed fontkit font, shared by every document (fonts.ts). */
  font: object;
  layoutRun(text: string, features?: unknown): Run;
  layoutCached(text: string): Run;
  layout(text: string, features?: unknown, onlyWidth?: boolean): Run;
}

interface FontCaches {
  runs: Map<string, Run>;
  widths: Map<string, number>;
  lines: Map<string, Run>;
}

/** Entries kept per face and cache; the fixed text needs ~1,000 words, each tenant adds a few. */
const MAX_ENTRIES = 20_000;

const cachesOf = new WeakMap<object, FontCaches>();
const shared = new WeakSet<EmbeddedFont>();

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(key, value);
  return value;
}

/** Points one document's EmbeddedFont at the process's caches for its parsed font. Idempotent. */
export function shareLayouts(embedded: EmbeddedFont): void {
  if (shared.has(embedded) || typeof embedded.layoutCached !== 'function' || typeof embedded.layout !== 'function') return;
  shared.add(embedded);
  let caches = cachesOf.get(embedded.font);
  if (!caches) cachesOf.set(embedded.font, (caches = { runs: new Map(), widths: new Map(), lines: new Map() }));
  const { runs, widths, lines } = caches;
  const layout = embedded.layout.bind(embedded);
  embedded.layoutCached = (text) => runs.get(text) ?? remember(runs, text, embedded.layoutRun(text));
  embedded.layout = (text, features, onlyWidth) => {
    if (features) return layout(text, features, onlyWidth);
    if (!onlyWidth) return lines.get(text) ?? remember(lines, text, layout(text));
    const width = widths.get(text) ?? remember(widths, text, layout(text, undefined, true).advanceWidth);
    return { advanceWidth: width, glyphs: null, positions: null } as Run;
  };
}

/**
 * Makes every font the document selects from now on use the shared caches. pdfkit creates a face's
 * EmbeddedFont when the document first selects it, so selecting stays lazy and the font ids (F1, F2…)
 * and the PDF's bytes are those of a document without sharing.
 */
export function shareLayoutsOf(doc: PDFKit.PDFDocument): void {
  const select = doc.font.bind(doc) as (...args: unknown[]) => PDFKit.PDFDocument;
  const withFont = doc as unknown as { _font?: EmbeddedFont };
  doc.font = ((...args: unknown[]) => {
    select(...args);
    if (withFont._font) shareLayouts(withFont._font);
    return doc;
  }) as PDFKit.PDFDocument['font'];
}
