import { BehalfError } from '../../src-preload/api/errors';
import { renderCsv } from './render-csv';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-md';
import { renderPdf } from './render-pdf';
import { renderZone } from './render-zone';
import { SHEET_FORMATS, type Paper, type Sheet, type SheetFormat } from './types';

export interface RenderOptions {
  paper?: Paper;
  /** Folder with the DejaVu TTF files (PDF only); defaults to the dejavu-fonts-ttf package. */
  fontDir?: string;
}

export const SHEET_EXTENSIONS: Record<SheetFormat, string> = { pdf: 'pdf', html: 'html', md: 'md', csv: 'csv', zone: 'zone' };
export const SHEET_MIME_TYPES: Record<SheetFormat, string> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  zone: 'text/dns; charset=utf-8',
};

export function isSheetFormat(value: string): value is SheetFormat {
  return (SHEET_FORMATS as readonly string[]).includes(value);
}

export async function renderSheet(sheet: Sheet, format: SheetFormat, options: RenderOptions = {}): Promise<Buffer> {
  switch (format) {
    case 'pdf':
      return renderPdf(sheet, options);
    case 'html':
      return Buffer.from(renderHtml(sheet), 'utf8');
    case 'md':
      return Buffer.from(renderMarkdown(sheet), 'utf8');
    case 'csv':
      return Buffer.from(renderCsv(sheet), 'utf8');
    case 'zone':
      return Buffer.from(renderZone(sheet), 'utf8');
    default:
      throw new BehalfError('sheet.unknown-format', `Unknown sheet format "${String(format)}".`, `Use one of: ${SHEET_FORMATS.join(', ')}.`);
  }
}

/** `acme-corp-acme.com.pdf`: safe on every file system, readable in a folder listing. */
export function sheetFileName(sheet: Sheet, format: SheetFormat): string {
  const slug = sheet.tenant.name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const base = slug ? `${slug}-${sheet.tenant.domain}` : sheet.tenant.domain;
  return `${base}.${SHEET_EXTENSIONS[format]}`;
}
