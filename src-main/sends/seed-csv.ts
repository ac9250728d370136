import { seedDraftSchema } from '../../src-preload/api/sends';
import { DELIMITER_LABEL, detectDelimiter, knownColumn, parseCsv } from '../tenants/csv';

export interface SeedRowError {
  row: number;
  field?: string;
  message: string;
}

export interface ValidSeedRow {
  line: number;
  address: string;
  provider: string;
  active: boolean;
}

const HEADERS: Record<string, 'address' | 'provider' | 'active'> = {
  address: 'address',
  email: 'address',
  emailaddress: 'address',
  seed: 'address',
  inbox: 'address',
  provider: 'provider',
  label: 'provider',
  providerlabel: 'provider',
  mailbox: 'provider',
  active: 'active',
  enabled: 'active',
};

const TRUE = new Set(['', '1', 'true', 'yes', 'y', 'active', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'n', 'inactive', 'off']);

/**
 * Validates every row before anything is written (the import is all or nothing). Accepts a header row with
 * address/provider/active in any order; `active` defaults to yes.
 */
export function validateSeedCsv(text: string): { seeds: ValidSeedRow[]; errors: SeedRowError[]; rows: number; delimiter: string } {
  const separator = detectDelimiter(text);
  const delimiter = DELIMITER_LABEL[separator];
  const table = parseCsv(text, separator);
  if (table.length === 0) {
    return {
      seeds: [],
      errors: [{ row: 0, message: 'The file is empty: add a header row (address,provider,active) and one row per seed inbox.' }],
      rows: 0,
      delimiter,
    };
  }
  const headerRow = table[0]!;
  const fields = headerRow.cells.map((h) =>
    knownColumn(
      HEADERS,
      h
        .trim()
        .toLowerCase()
        .replace(/[\s_-]+/g, ''),
    ),
  );
  const errors: SeedRowError[] = [];
  headerRow.cells.forEach((h, i) => {
    if (!fields[i] && h.trim() !== '') errors.push({ row: headerRow.line, field: h, message: `Unknown column "${h}". Known: address, provider, active.` });
  });
  if (!fields.includes('address')) errors.push({ row: headerRow.line, field: 'address', message: 'The header has no "address" column.' });
  if (errors.length) return { seeds: [], errors, rows: table.length - 1, delimiter };

  const seeds: ValidSeedRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.slice(1)) {
    if (cells.length > fields.length) {
      errors.push({ row: line, message: `This row has ${cells.length} cells but the header has ${fields.length}: quote values that contain ${delimiter}s.` });
      continue;
    }
    const raw: Record<string, string> = {};
    fields.forEach((f, i) => {
      if (f) raw[f] = cells[i] ?? '';
    });
    const activeText = (raw.active ?? '').trim().toLowerCase();
    if (!TRUE.has(activeText) && !FALSE.has(activeText)) {
      errors.push({ row: line, field: 'active', message: `"${raw.active}" is not yes or no.` });
      continue;
    }
    const parsed = seedDraftSchema.safeParse({ address: raw.address ?? '', provider: raw.provider ?? '', active: TRUE.has(activeText) });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ row: line, field: String(issue.path[0] ?? ''), message: issue.message });
      continue;
    }
    const key = parsed.data.address.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ row: line, field: 'address', message: `${parsed.data.address} already appears on line ${first} of this file.` });
      continue;
    }
    seen.set(key, line);
    seeds.push({ line, ...parsed.data });
  }
  return { seeds, errors, rows: table.length - 1, delimiter };
}

function csvCell(value: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet: prefix it so the cell stays text.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function seedsToCsv(seeds: readonly { address: string; provider: string; active: boolean }[]): string {
  const lines = ['address,provider,active', ...seeds.map((s) => [s.address, s.provider, s.active ? 'yes' : 'no'].map(csvCell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
