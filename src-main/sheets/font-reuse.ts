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

/** fontkit's glyph cache (TTFFont#_glyphs): read in _getBaseGlyph, nowhere else. */
type WithGlyphCache = { _glyphs?: Record<number, unknown> };

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

  font.layout = shapeWord;
  return font;
}
