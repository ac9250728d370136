import { unicodeDomain } from '../../src-preload/api/domain-input';
import { domainSchema, tenantDraftSchema, type TenantDraftParsed } from '../../src-preload/api/tenants';
import { domainFlags } from '../domain/domain-flags';
import { DELIMITER_LABEL, detectDelimiter, knownColumn, parseCsv, type Delimiter } from './csv';

export interface RowError {
  row: number;
  field?: string;
  message: string;
}

/** Accepted header spellings → draft field. Spreadsheet users write "Contact email", scripts write contact_email. */
const HEADER_ALIASES: Record<string, keyof TenantDraftParsed> = {
  name: 'name',
  tenant: 'name',
  customer: 'name',
  company: 'name',
  domain: 'domain',
  primarydomain: 'domain',
  contact: 'contactName',
  contactname: 'contactName',
  email: 'contactEmail',
  contactemail: 'contactEmail',
  from: 'fromAddress',
  fromaddress: 'fromAddress',
  fromemail: 'fromAddress',
  fromname: 'fromName',
  displayname: 'fromName',
  option: 'option',
  tags: 'tags',
  notes: 'notes',
};

function normaliseHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

function toOption(raw: string): unknown {
  const v = raw.trim().toLowerCase();
  if (v === '' || v === 'undecided') return null;
  return /^[123]$/.test(v) ? Number(v) : raw;
}

/** A text field whose line breaks (a quoted cell with Alt+Enter in Excel) are folded to one space, with a note. */
const ONE_LINE_FIELDS = new Set<string>(['name', 'contactName', 'contactEmail', 'domain', 'fromAddress', 'fromName', 'option', 'tags']);

/** The columns a pasted block without a header means, by how many cells its rows have. */
const PASTE_COLUMNS: Record<number, (keyof TenantDraftParsed)[]> = { 1: ['domain'], 2: ['name', 'domain'], 3: ['name', 'domain', 'contactEmail'] };

export interface CsvValidation {
  drafts: { line: number; draft: TenantDraftParsed }[];
  errors: RowError[];
  /** Things a person should read before importing: folded line breaks, www. hosts, look-alike letters. */
  notes: RowError[];
  rows: number;
  delimiter: Delimiter;
  header: boolean;
}

/**
 * Validates every row before anything is written, so an import is all or nothing. A file needs a header row;
 * a pasted block (source "paste") may instead be bare rows: domains, `name, domain` or `name, domain, email`.
 */
export function validateCsv(text: string, source: 'file' | 'paste' = 'file'): CsvValidation {
  const delimiter = detectDelimiter(text);
  const table = parseCsv(text, delimiter);
  const errors: RowError[] = [];
  const notes: RowError[] = [];
  const result = (header: boolean, drafts: CsvValidation['drafts'] = []): CsvValidation => ({
    drafts,
    errors,
    notes,
    rows: Math.max(0, table.length - (header ? 1 : 0)),
    delimiter,
    header,
  });
  // U+FFFD is what a non-UTF-8 file (a Latin-1 or UTF-16 export) turns into when read as text: refuse it
  // rather than store names with "�" in them.
  const mangled = table.find((r) => r.cells.some((c) => c.includes('\uFFFD')));
  if (mangled)
    return (
      errors.push({
        row: mangled.line,
        message: 'This line has characters that are not UTF-8 (shown as �). In your spreadsheet, save the file as "CSV UTF-8" and import again.',
      }),
      result(true)
    );
  if (table.length === 0)
    return (
      errors.push({
        row: 0,
        message:
          source === 'paste' ? 'Nothing to add: paste one customer per line.' : 'The file is empty: add a header row (name,domain,…) and one row per tenant.',
      }),
      result(true)
    );
  const named = table[0]!.cells.map((h) => knownColumn(HEADER_ALIASES, normaliseHeader(h)));
  const hasHeader = source === 'file' || named.every((f, i) => f || table[0]!.cells[i]!.trim() === '');
  const body = hasHeader ? table.slice(1) : table;
  let fields: (keyof TenantDraftParsed | undefined)[] = named;
  if (hasHeader) {
    table[0]!.cells.forEach((h, i) => {
      if (!fields[i] && h.trim() !== '')
        errors.push({
          row: table[0]!.line,
          field: normaliseHeader(h),
          message: `Unknown column "${h}". Known: name, domain, contact_name, contact_email, from_address, from_name, option, tags, notes.${delimiterHint(h)}`,
        });
    });
    for (const required of ['name', 'domain'] as const) {
      if (!fields.includes(required)) errors.push({ row: table[0]!.line, field: required, message: `The header has no "${required}" column.` });
    }
  } else {
    const width = Math.max(...body.map((r) => r.cells.length));
    fields = PASTE_COLUMNS[width] ?? [];
    if (!PASTE_COLUMNS[width])
      errors.push({
        row: body[0]!.line,
        message: `Rows have ${width} cells: paste domains, "name, domain" or "name, domain, contact email" — or copy the header row too.`,
      });
  }
  if (errors.length) return result(hasHeader);

  const drafts: CsvValidation['drafts'] = [];
  const seenDomains = new Map<string, number>();
  for (const { line, cells } of body) {
    if (cells.length > fields.length) {
      errors.push({
        row: line,
        message: `This row has ${cells.length} cells but the header has ${fields.length}: quote values that contain ${DELIMITER_LABEL[delimiter]}s.`,
      });
      continue;
    }
    const raw: Record<string, unknown> = {};
    fields.forEach((f, i) => {
      if (!f) return;
      let v = cells[i] ?? '';
      if (ONE_LINE_FIELDS.has(f) && /[\r\n]/.test(v)) {
        v = v.replace(/\s*[\r\n]+\s*/g, ' ').trim();
        notes.push({ row: line, field: f, message: `The ${f} held a line break; it was joined with a space: "${v.slice(0, 80)}".` });
      }
      raw[f] =
        f === 'option'
          ? toOption(v)
          : f === 'tags'
            ? v
                .split(/[;|]/)
                .map((t) => t.trim())
                .filter(Boolean)
            : v;
    });
    // A bare list of domains names each customer after its domain, as a person reads it (bücher.de, not xn--…).
    if (raw.name === undefined) raw.name = unicodeDomain(domainSchema.safeParse(raw.domain).data ?? String(raw.domain ?? ''));
    const parsed = tenantDraftSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ row: line, field: String(issue.path[0] ?? ''), message: issue.message });
      continue;
    }
    const first = seenDomains.get(parsed.data.domain);
    if (first !== undefined) {
      errors.push({ row: line, field: 'domain', message: `${parsed.data.domain} already appears on line ${first} of this file.` });
      continue;
    }
    seenDomains.set(parsed.data.domain, line);
    for (const flag of domainFlags(parsed.data.domain)) notes.push({ row: line, field: 'domain', message: flag.message });
    drafts.push({ line, draft: parsed.data });
  }
  return result(hasHeader, drafts);
}

/** "name;domain" as one unknown column usually means the file was split on the wrong character. */
function delimiterHint(header: string): string {
  const other = (['\t', ';', ','] as const).find((d) => header.includes(d));
  return other ? ` This looks ${DELIMITER_LABEL[other]}-separated: check that the file's columns are split the same way on every line.` : '';
}
