/**
 * Makes one parsed fontkit font safe to share between many PDF documents.
 *
 * fontkit caches one glyph object per glyph id, and the code points stored on it (which pdfkit
 * writes into the ToUnicode map, i.e. what copy/paste and pdftotext return) are those of the text
 * that first produced it. The "fi" ligature is both U+FB01 and the shaped "f"+"i"; shared across
 * documents, one tenant name with "ﬁ" would make every later sheet's "confirm" extract as "conﬁrm".
 * So each word is shaped with an empty glyph cache: its glyphs carry that word's own code points,
 * whatever was rendered before, and a sheet's bytes depend only on the sheet. The shaped words
 * themselves are kept for every document by shared-layouts.ts.
 */

interface Run {
  glyphs: unknown[];
}

export interface ShareableFont {
  layout(text: string, ...rest: unknown[]): Run;
  getGlyph(id: number, codePoints?: number[]): unknown;
}

type DecodableGlyph = { id: number; _decode?: () => unknown };

/** fontkit's glyph cache (TTFFont#_glyphs, read by getGlyph and _getBaseGlyph) and its glyph constructor. */
type WithGlyphCache = {
  _glyphs?: Record<number, unknown>;
  _getBaseGlyph(id: number, codePoints?: number[]): unknown;
};

/** Glyph objects kept for reuse per font: one per glyph id and code points, a few thousand for any sheets. */
const MAX_GLYPHS = 50_000;

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

  // With an empty cache per word, each word built every glyph object anew and decoded its metrics again:
  // half the time of shaping a new word. A glyph object depends only on its id and the code points it is
  // made for, and nothing writes to it later, so one made before for the same pair is handed out instead.
  // Within a word the first request still decides (the per-word cache), exactly as with a new object.
  const made = new Map<string, unknown>();
  const makeGlyph = cache._getBaseGlyph.bind(font);
  cache._getBaseGlyph = (id: number, codePoints: number[] = []): unknown => {
    const glyphs = cache._glyphs!;
    if (glyphs[id]) return glyphs[id];
    const key = `${id}:${codePoints.join(',')}`;
    const known = made.get(key);
    if (known) return (glyphs[id] = known);
    const glyph = makeGlyph(id, codePoints);
    if (made.size >= MAX_GLYPHS) made.clear();
    if (glyph) made.set(key, glyph);
    return glyph;
  };

  font.layout = shapeWord;
  return font;
}
