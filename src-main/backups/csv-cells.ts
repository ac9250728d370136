import type { Cell } from '../ledger/table-rows-repo';

/**
 * The export's CSV dialect, chosen so that a round trip is lossless: text is always quoted ("" inside), numbers
 * are bare, and NULL is an empty unquoted field — so NULL, '' and '0' stay three different things.
 */
export function csvLine(cells: readonly Cell[]): string {
  return cells.map((c) => (c === null ? '' : typeof c === 'number' ? String(c) : `"${c.replace(/"/g, '""')}"`)).join(',');
}

/** Parses the whole file (header included) into rows of typed cells; the header comes back as text cells. */
export function parseCsv(text: string): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return rows;
  for (;;) {
    let cell: Cell;
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted field');
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      cell = value;
    } else {
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\n') j++;
      const raw = text.slice(i, j);
      if (raw !== '' && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(raw)) throw new Error(`unquoted text "${raw.slice(0, 20)}"`);
      cell = raw === '' ? null : Number(raw);
      i = j;
    }
    row.push(cell);
    if (i >= n || text[i] === '\n') {
      rows.push(row);
      row = [];
      i++;
      if (i >= n) return rows;
    } else if (text[i] === ',') i++;
    else throw new Error(`unexpected character after a field at offset ${i}`);
  }
}
