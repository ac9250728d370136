import { tenantDraftSchema, type TenantDraftParsed } from '../../src-preload/api/tenants';
import { knownColumn, parseCsv } from './csv';

export interface RowError {
  row: number;
  field?: string;
  message: string;
}

/** Accepted header spellings → draft field. Spreadsheet users write "Contact email", scripts write contact_email. */
const HEADER_ALIASES: Record<string, keyof TenantDraftParsed> = {
  name: 'name', tenant: 'name', customer: 'name', company: 'name',
  domain: 'domain', primarydomain: 'domain',
  contact: 'contactName', contactname: 'contactName',
  email: 'contactEmail', contactemail: 'contactEmail',
  from: 'fromAddress', fromaddress: 'fromAddress', fromemail: 'fromAddress',
  fromname: 'fromName', displayname: 'fromName',
  option: 'option', tags: 'tags', notes: 'notes',
};

function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().replace(/[\s_-]+/g, '');
}

function toOption(raw: string): unknown {
  const v = raw.trim().toLowerCase();
  if (v === '' || v === 'undecided') return null;
  return /^[123]$/.test(v) ? Number(v) : raw;
}

/**
 * Validates every row before anything is written, so an import is all or nothing.
 * Returns the drafts (with their line numbers) and every problem found, per row and field.
 */
export function validateCsv(text: string): { drafts: { line: number; draft: TenantDraftParsed }[]; errors: RowError[]; rows: number } {
  const table = parseCsv(text);
  const errors: RowError[] = [];
  // U+FFFD is what a non-UTF-8 file (a Latin-1 or UTF-16 export) turns into when read as text: refuse it
  // rather than store names with "�" in them.
  const mangled = table.find((r) => r.cells.some((c) => c.includes('\uFFFD')));
  if (mangled) return { drafts: [], errors: [{ row: mangled.line, message: 'This line has characters that are not UTF-8 (shown as �). In your spreadsheet, save the file as "CSV UTF-8" and import again.' }], rows: table.length - 1 };
  if (table.length === 0) return { drafts: [], errors: [{ row: 0, message: 'The file is empty: add a header row (name,domain,…) and one row per tenant.' }], rows: 0 };
  const header = table[0]!.cells.map(normaliseHeader);
  const fields = header.map((h) => knownColumn(HEADER_ALIASES, h));
  header.forEach((h, i) => {
    if (!fields[i] && h !== '') errors.push({ row: table[0]!.line, field: h, message: `Unknown column "${table[0]!.cells[i]}". Known: name, domain, contact_name, contact_email, from_address, from_name, option, tags, notes.` });
  });
  for (const required of ['name', 'domain'] as const) {
    if (!fields.includes(required)) errors.push({ row: table[0]!.line, field: required, message: `The header has no "${required}" column.` });
  }
  if (errors.length) return { drafts: [], errors, rows: table.length - 1 };

  const drafts: { line: number; draft: TenantDraftParsed }[] = [];
  const seenDomains = new Map<string, number>();
  for (const { line, cells } of table.slice(1)) {
    if (cells.length > header.length) {
      errors.push({ row: line, message: `This row has ${cells.length} cells but the header has ${header.length}: quote values that contain commas.` });
      continue;
    }
    const raw: Record<string, unknown> = {};
    fields.forEach((f, i) => {
      if (!f) return;
      const v = cells[i] ?? '';
      raw[f] = f === 'option' ? toOption(v) : f === 'tags' ? v.split(/[;|]/).map((t) => t.trim()).filter(Boolean) : v;
    });
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
    drafts.push({ line, draft: parsed.data });
  }
  return { drafts, errors, rows: table.length - 1 };
}
