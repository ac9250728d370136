import { BehalfError } from '../../src-preload/api/errors';

export type Delimiter = ',' | ';' | '\t';

/** What a person reads in a preview. */
export const DELIMITER_LABEL: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/**
 * The separator of the first record, counted outside quotes: Excel in a German or French locale writes `;`,
 * "Unicode text" and a paste from a spreadsheet use tabs. A header with none of them is one column (comma).
 */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (const c of text.replace(/^\uFEFF/, '').replace(/^[\r\n]+/, '')) {
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    else if (!inQuotes && c in counts) counts[c as Delimiter]++;
  }
  const best = (['\t', ';', ','] as const).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] > 0 ? best : ',';
}

/**
 * RFC 4180 CSV with a chosen separator: quoted fields, doubled quotes, CRLF or LF, a leading BOM. Returns rows
 * with their 1-based line number so import errors can point at the line a person sees in their spreadsheet.
 */
export function parseCsv(text: string, delimiter: Delimiter = ','): { line: number; cells: string[] }[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell === '') inQuotes = true;
    else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (inQuotes) {
    throw new BehalfError(
      'csv.unterminated-quote',
      `A quoted field opened on line ${rowLine} never closes.`,
      'Check for a stray " in that row, or re-export the file from your spreadsheet as CSV.',
    );
  }
  cells.push(cell);
  if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
  return rows;
}

/**
 * The field a header names, from a table of known headers: own properties only, so a column called
 * "constructor", "toString" or "__proto__" is unknown rather than a match on Object.prototype.
 */
export function knownColumn<T>(table: Readonly<Record<string, T>>, header: string): T | undefined {
  return Object.hasOwn(table, header) ? table[header] : undefined;
}
