import type { Sheet } from './types';

/**
 * CSV, one row per record (RFC 4180: CRLF rows, fields quoted when needed, quotes doubled).
 * Spreadsheets run cells starting with = + - @ (and tab/CR) as formulas, so such cells get a leading
 * single quote (OWASP "CSV injection"); the quote is visible, which beats a formula running.
 */

export const CSV_COLUMNS = ['type', 'host', 'fqdn', 'value', 'ttl', 'status'] as const;

export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function csvField(raw: string): string {
  const cell = neutraliseFormula(raw);
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function renderCsv(sheet: Sheet): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const r of sheet.records) {
    rows.push([r.type, r.host, r.fqdn, r.value, String(r.ttl), r.status.tone].map(csvField).join(','));
  }
  return rows.join('\r\n') + '\r\n';
}
