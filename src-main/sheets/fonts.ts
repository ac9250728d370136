import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { BehalfError } from '../../src-preload/api/errors';
import { prepareSharedFont, type ShareableFont } from './font-reuse';
import { shareLayoutsOf } from './shared-layouts';

/**
 * DejaVu comes from the `dejavu-fonts-ttf` package rather than a copy in resources/: one source,
 * wide Unicode coverage (tenant names in any script), and a monospace face for values.
 *
 * The fonts are parsed once per process and the parsed fontkit objects are handed to every
 * document. Given a path, pdfkit reads and parses each TTF again for every document, and that
 * parsing was half of a sheet's time (P6). pdfkit keeps the per-document state (glyph subset,
 * widths, ToUnicode map) in its own EmbeddedFont; what fontkit caches on the shared font is made
 * independent of the documents rendered before in font-reuse.ts, and what pdfkit measures from the
 * font and the text alone is kept for every document in shared-layouts.ts.
 */

/** The names a document's fonts are registered under; pass these to `doc.font()`. */
export interface SheetFonts {
  sans: string;
  sansBold: string;
  mono: string;
}

const FILES: Record<keyof SheetFonts, string> = {
  sans: 'DejaVuSans.ttf',
  sansBold: 'DejaVuSans-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
};

export const SHEET_FONTS: SheetFonts = { sans: 'sheet-sans', sansBold: 'sheet-sans-bold', mono: 'sheet-mono' };

/** A parsed font as fontkit returns it; pdfkit accepts any object with `layout` in place of a path. */
type ParsedFont = ShareableFont;
type Fontkit = { create: (data: Uint8Array) => ParsedFont };

const requireHere = createRequire(import.meta.url);
let fontkit: Fontkit | undefined;

/** The very fontkit pdfkit uses (its own dependency), so the objects are what pdfkit expects. */
function loadFontkit(): Fontkit {
  fontkit ??= createRequire(requireHere.resolve('pdfkit'))('fontkit') as Fontkit;
  return fontkit;
}

const parsed = new Map<string, Record<keyof SheetFonts, ParsedFont>>();

function defaultDir(): string {
  return path.join(path.dirname(requireHere.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

/** Reads and parses the three fonts of `dir` once; later calls return the same objects. */
function parsedFonts(dir?: string): Record<keyof SheetFonts, ParsedFont> {
  const ttf = dir ?? defaultDir();
  const hit = parsed.get(ttf);
  if (hit) return hit;
  const fonts = {} as Record<keyof SheetFonts, ParsedFont>;
  for (const [key, name] of Object.entries(FILES) as Array<[keyof SheetFonts, string]>) {
    const file = path.join(ttf, name);
    if (!fs.existsSync(file)) {
      throw new BehalfError('sheet.font-missing', `The PDF font ${name} is missing.`, 'Reinstall Behalf (the dejavu-fonts-ttf package is incomplete).');
    }
    fonts[key] = prepareSharedFont(loadFontkit().create(fs.readFileSync(file)));
  }
  parsed.set(ttf, fonts);
  return fonts;
}

/**
 * Registers the sheet fonts on a new document (created with `font: null`, so nothing is embedded
 * before this) and selects the sans face. Sans is selected first, as it was when it was the
 * document's default font, so the font resource names (F1, F2…) and the PDF bytes stay the same.
 */
export function useSheetFonts(doc: PDFKit.PDFDocument, dir?: string): SheetFonts {
  const fonts = parsedFonts(dir);
  shareLayoutsOf(doc);
  for (const key of Object.keys(FILES) as Array<keyof SheetFonts>) {
    // pdfkit's types only list paths and buffers; its PDFFontFactory also takes a parsed font.
    doc.registerFont(SHEET_FONTS[key], fonts[key] as unknown as Buffer);
  }
  doc.font(SHEET_FONTS.sans);
  return SHEET_FONTS;
}
