import fs from 'node:fs';
import type { SendingOption, TenantPatch, TenantStatus } from '../../../src-preload/api/tenants';
import { unicodeDomain } from '../../../src-preload/api/domain-input';
import type { Services } from '../../app/services';
import { domainFlags } from '../../domain/domain-flags';
import { normaliseDomain } from '../../domain/domain-name';
import { GLOBAL_OPTIONS, parse } from '../args';
import { EXIT, table, UsageError, type Io } from '../output';

const USAGE = `behalf tenants list [--search Q] [--status S]... [--option 1|2|3|undecided]... [--tag T]... [--limit N] [--json]
behalf tenants add --name NAME --domain DOMAIN [--contact-name N] [--contact-email E] [--from ADDRESS] [--from-name N] [--option 1|2|3] [--tag T]... [--as-is] [--json]
behalf tenants import FILE.csv [--dry-run] [--as-is] [--json]
behalf tenants activity ID|NAME|DOMAIN [--json]   the tenant's audit trail, newest first, with who did it
behalf tenants set ID|NAME|DOMAIN [--name N] [--option 1|2|3] [--status S] [--notes TEXT] [--from-name N] [--contact-name N] [--contact-email E] [--json]
  Domains may be typed in Unicode (bücher.de) or as A-labels (xn--bcher-kva.de); both are stored as the A-label.
  A www. domain, or a file read as Windows-1252, is refused with a suggestion unless --as-is is given.
  Files: UTF-8 (with or without BOM), UTF-16 with BOM (Excel "Unicode text"), comma, semicolon or tab separated.`;

export async function tenantsCommand(s: Services, argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'list') return list(s, rest, io);
  if (sub === 'add') return add(s, rest, io);
  if (sub === 'import') return importCsv(s, rest, io);
  if (sub === 'set') return set(s, rest, io);
  if (sub === 'activity') return activity(s, rest, io);
  throw new UsageError(`unknown "tenants ${sub ?? ''}".\n${USAGE}`);
}

function list(s: Services, argv: string[], io: Io): number {
  const { values } = parse(argv, {
    ...GLOBAL_OPTIONS,
    search: { type: 'string', default: '' },
    status: { type: 'string', multiple: true, default: [] },
    option: { type: 'string', multiple: true, default: [] },
    tag: { type: 'string', multiple: true, default: [] },
    limit: { type: 'string', default: '100' },
    offset: { type: 'string', default: '0' },
  });
  const options = values.option.map((o) => (o === 'undecided' ? o : Number(o))) as (SendingOption | 'undecided')[];
  const page = s.tenants.list({
    search: values.search,
    statuses: values.status as TenantStatus[],
    options,
    tags: values.tag,
    limit: Number(values.limit),
    offset: Number(values.offset),
  });
  if (values.json) io.out(JSON.stringify(page));
  else {
    io.out(
      table(
        page.rows.map((t) => [t.id, t.name, t.domain, t.option ? String(t.option) : '-', t.status, t.tags.join(',')]),
        ['ID', 'NAME', 'DOMAIN', 'OPT', 'STATUS', 'TAGS'],
      ),
    );
    io.out(`${page.rows.length} of ${page.total} tenant(s)`);
  }
  return EXIT.ok;
}

function add(s: Services, argv: string[], io: Io): number {
  const { values } = parse(argv, {
    ...GLOBAL_OPTIONS,
    name: { type: 'string' },
    domain: { type: 'string' },
    'contact-name': { type: 'string', default: '' },
    'contact-email': { type: 'string', default: '' },
    from: { type: 'string', default: '' },
    'from-name': { type: 'string', default: '' },
    option: { type: 'string' },
    tag: { type: 'string', multiple: true, default: [] },
    notes: { type: 'string', default: '' },
    'as-is': { type: 'boolean', default: false },
  });
  if (!values.name || !values.domain) throw new UsageError(`--name and --domain are required.\n${USAGE}`);
  // Corrections are offered, never made silently: a www. host is refused with its suggestion unless --as-is.
  const flags = domainFlags(normaliseDomain(values.domain));
  const www = flags.find((f) => f.kind === 'www');
  if (www && !values['as-is'])
    throw new UsageError(`${values.domain}: ${www.message}\n  Use --domain ${www.suggestion}, or add --as-is to keep ${values.domain}.`);
  for (const f of flags) if (f.kind !== 'www') io.err(`warning: ${f.message}`);
  const t = s.tenants.create({
    name: values.name,
    domain: values.domain,
    contactName: values['contact-name'],
    contactEmail: values['contact-email'],
    fromAddress: values.from,
    fromName: values['from-name'],
    option: values.option ? (Number(values.option) as SendingOption) : null,
    tags: values.tag,
    notes: values.notes,
  });
  const shown = unicodeDomain(t.domain);
  io.out(values.json ? JSON.stringify(t) : `Added ${t.name} (${shown === t.domain ? t.domain : `${shown}, stored as ${t.domain}`}) as ${t.id}`);
  return EXIT.ok;
}

function activity(s: Services, argv: string[], io: Io): number {
  const { values, positionals } = parse(argv, GLOBAL_OPTIONS);
  if (!positionals[0]) throw new UsageError(`name the tenant (ID, name or domain).\n${USAGE}`);
  const entries = s.tenants.auditTrail(s.tenants.find(positionals[0]).id);
  if (values.json) io.out(JSON.stringify(entries));
  else
    io.out(
      table(
        entries.map((e) => [e.at.slice(0, 19).replace('T', ' '), e.action, e.field ?? '', e.newValue ?? '', e.operatorName ?? '']),
        ['AT', 'ACTION', 'FIELD', 'VALUE', 'BY'],
      ),
    );
  return EXIT.ok;
}

/** Edits a tenant from a terminal (the same checks and audit rows as the console's edit form). */
function set(s: Services, argv: string[], io: Io): number {
  const { values, positionals } = parse(argv, {
    ...GLOBAL_OPTIONS,
    name: { type: 'string' },
    option: { type: 'string' },
    status: { type: 'string' },
    notes: { type: 'string' },
    'from-name': { type: 'string' },
    'contact-name': { type: 'string' },
    'contact-email': { type: 'string' },
  });
  if (!positionals[0]) throw new UsageError(`name the tenant (ID, name or domain).\n${USAGE}`);
  const patch: TenantPatch = {};
  if (values.name !== undefined) patch.name = values.name;
  if (values.option !== undefined) patch.option = values.option === 'undecided' ? null : (Number(values.option) as SendingOption);
  if (values.status !== undefined) patch.status = values.status as TenantStatus;
  if (values.notes !== undefined) patch.notes = values.notes;
  if (values['from-name'] !== undefined) patch.fromName = values['from-name'];
  if (values['contact-name'] !== undefined) patch.contactName = values['contact-name'];
  if (values['contact-email'] !== undefined) patch.contactEmail = values['contact-email'];
  if (Object.keys(patch).length === 0) throw new UsageError(`say what to change.\n${USAGE}`);
  const t = s.tenants.update(s.tenants.find(positionals[0]).id, patch);
  io.out(values.json ? JSON.stringify(t) : `Updated ${t.name} (${t.id}).`);
  return EXIT.ok;
}

function importCsv(s: Services, argv: string[], io: Io): number {
  const { values, positionals } = parse(argv, {
    ...GLOBAL_OPTIONS,
    'dry-run': { type: 'boolean', default: false },
    'as-is': { type: 'boolean', default: false },
  });
  const file = positionals[0];
  if (!file) throw new UsageError(`name the CSV file.\n${USAGE}`);
  if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const bytes = readCsvFile(file);
  // A guessed encoding or a www. host must be looked at first: check without writing, then write only with --as-is.
  const check = s.tenants.importCsv(bytes, true, { fileName: file });
  const needsConsent = check.needsConsent;
  const confirmed = !needsConsent || values['as-is'];
  const result = values['dry-run'] || check.errors.length || !confirmed ? check : s.tenants.importCsv(bytes, false, { fileName: file });
  if (values.json) {
    io.out(JSON.stringify({ ...result, needsConsent: undefined }));
    return result.errors.length ? EXIT.notOk : confirmed || values['dry-run'] ? EXIT.ok : EXIT.usage;
  }
  io.err(`Read ${file} as ${result.detected?.encoding}, ${result.detected?.delimiter}-separated.`);
  for (const n of result.notes) io.err(`  ${n.row ? `line ${n.row}: ` : ''}note: ${n.message}`);
  if (result.errors.length) {
    io.err(`Nothing imported: ${result.errors.length} problem(s) in ${file}:`);
    for (const e of result.errors) io.err(`  line ${e.row}${e.field ? ` (${e.field})` : ''}: ${e.message}`);
    return EXIT.notOk;
  }
  if (values['dry-run']) {
    io.out(
      table(
        result.preview.slice(0, 20).map((r) => [String(r.line), r.name, r.unicode, r.unicode === r.domain ? '' : r.domain]),
        ['LINE', 'NAME', 'DOMAIN', 'STORED AS'],
      ),
    );
    io.out(`${result.rows} row(s) valid; nothing written (dry run).`);
    return EXIT.ok;
  }
  if (!confirmed) {
    io.err('Nothing imported: read the notes above, then run again with --as-is to import as shown (or fix the file).');
    return EXIT.usage;
  }
  io.out(`Imported ${result.imported} tenant(s).`);
  return EXIT.ok;
}

/** The same 50 MB cap as the console's import. Bytes, not text: the encoding is detected with the rest. */
const MAX_CSV_BYTES = 50 * 1024 * 1024;

function readCsvFile(file: string): Buffer {
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw new UsageError(`${file} is not a file: name the CSV file itself.`);
  if (stat.size > MAX_CSV_BYTES)
    throw new UsageError(`${file} is ${Math.round(stat.size / 1048576)} MB; CSV files over 50 MB are not supported: split the file.`);
  return fs.readFileSync(file);
}
