/**
 * Makes one parsed fontkit font safe and fast to share between many PDF documents.
 *
 * Fast: pdfkit shapes text word by word and caches the result per document only. The sheets repeat
 * the same instructions, so shaping (GSUB/GPOS lookups, ~40 % of a sheet once font parsing is gone)
 * is cached here across documents. pdfkit scales the positions of a run in place, so every call gets
 * its own copy of the cached run.
 *
 * Safe: fontkit caches one glyph object per glyph id, and the code points stored on it (which pdfkit
 * writes into the ToUnicode map, i.e. what copy/paste and pdftotext return) are those of the text
 * that first produced it. The "fi" ligature is both U+FB01 and the shaped "f"+"i"; shared across
 * documents, one tenant name with "ﬁ" would make every later sheet's "confirm" extract as "conﬁrm".
 * So each word is shaped with an empty glyph cache: its glyphs carry that word's own code points,
 * whatever was rendered before, and a sheet's bytes depend only on the sheet.
 */

interface Position {
  xAdvance: number;
  [key: string]: number;
}
interface Run {
  glyphs: unknown[];
  positions: Position[];
}

export interface ShareableFont {
  layout(text: string, ...rest: unknown[]): Run;
  getGlyph(id: number, codePoints?: number[]): unknown;
}

type DecodableGlyph = { id: number; _decode?: () => unknown };

/** fontkit's glyph cache (TTFFont#_glyphs): read in _getBaseGlyph, nowhere else. */
type WithGlyphCache = { _glyphs?: Record<number, unknown> };

/** Distinct words kept per font; the sheets' fixed text needs ~1,000, tenant names and values add a few each. */
const MAX_RUNS = 20_000;

function copyRun(run: Run): Run {
  const positions = run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p) as object) as Position, p));
  // Keep the GlyphRun prototype: pdfkit reads its advanceWidth getter (the sum of the copied positions).
  return Object.assign(Object.create(Object.getPrototypeOf(run) as object) as Run, run, { glyphs: run.glyphs.slice(), positions });
}

export function prepareSharedFont<F extends ShareableFont>(font: F): F {
  const shape = font.layout.bind(font);
  const cache = font as unknown as WithGlyphCache;
  const shapeWord = (text: string, ...rest: unknown[]): Run => {
    const shared = cache._glyphs;
    cache._glyphs = {};
    try {
      return shape(text, ...rest);
    } finally {
      cache._glyphs = shared;
    }
  };

  // Subsetting (pdfkit's embed → fontkit TTFSubset#_addGlyph) decodes every used glyph's outline again
  // for every document, only to see whether it is composite. The decoded outline depends on the
  // glyph id alone (DejaVu has no variation axes), and nothing writes to it: decode each id once.
  const decoded = new Map<number, unknown>();
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id: number, codePoints?: number[]): unknown => {
    const glyph = getGlyph(id, codePoints) as DecodableGlyph | null;
    if (glyph && typeof glyph._decode === 'function' && !Object.hasOwn(glyph, '_decode')) {
      const decode = glyph._decode.bind(glyph);
      glyph._decode = () => {
        if (!decoded.has(glyph.id)) decoded.set(glyph.id, decode());
        return decoded.get(glyph.id);
      };
    }
    return glyph;
  };

  const runs = new Map<string, Run>();
  // An own property of this font object only. pdfkit calls font.layout(text) for plain runs and
  // font.layout(text, features) when a caller asks for OpenType features; those are not cached.
  font.layout = (text: string, ...rest: unknown[]): Run => {
    if (rest.some((arg) => arg !== undefined)) return shapeWord(text, ...rest);
    let run = runs.get(text);
    if (!run) {
      if (runs.size >= MAX_RUNS) runs.clear();
      run = shapeWord(text);
      runs.set(text, run);
    }
    return copyRun(run);
  };
  return font;
}
