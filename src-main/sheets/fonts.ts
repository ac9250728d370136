import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { BehalfError } from '../../src-preload/api/errors';

/**
 * DejaVu comes from the `dejavu-fonts-ttf` package rather than a copy in resources/: one source,
 * wide Unicode coverage (tenant names in any script), and a monospace face for values.
 */

export interface SheetFonts {
  sans: string;
  sansBold: string;
  mono: string;
}

let cached: SheetFonts | undefined;

export function sheetFonts(dir?: string): SheetFonts {
  if (!dir && cached) return cached;
  const ttf = dir ?? path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const fonts = {
    sans: path.join(ttf, 'DejaVuSans.ttf'),
    sansBold: path.join(ttf, 'DejaVuSans-Bold.ttf'),
    mono: path.join(ttf, 'DejaVuSansMono.ttf'),
  };
  for (const file of Object.values(fonts)) {
    if (!fs.existsSync(file)) {
      throw new BehalfError('sheet.font-missing', `The PDF font ${path.basename(file)} is missing.`, 'Reinstall Behalf (the dejavu-fonts-ttf package is incomplete).');
    }
  }
  if (!dir) cached = fonts;
  return fonts;
}
