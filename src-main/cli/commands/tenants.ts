import fs from 'node:fs';
import type { SendingOption, TenantStatus } from '../../../src-preload/api/tenants';
import type { Services } from '../../app/services';
import { GLOBAL_OPTIONS, parse } from '../args';
import { EXIT, table, UsageError, type Io } from '../output';

const USAGE = `behalf tenants list [--search Q] [--status S]... [--option 1|2|3|undecided]... [--tag T]... [--limit N] [--json]
behalf tenants add --name NAME --domain DOMAIN [--contact-name N] [--contact-email E] [--from ADDRESS] [--from-name N] [--option 1|2|3] [--tag T]... [--json]
behalf tenants import FILE.csv [--dry-run] [--json]`;

export async function tenantsCommand(s: Services, argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'list') return list(s, rest, io);
  if (sub === 'add') return add(s, rest, io);
  if (sub === 'import') return importCsv(s, rest, io);
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
    io.out(table(page.rows.map((t) => [t.id, t.name, t.domain, t.option ? String(t.option) : '-', t.status, t.tags.join(',')]), ['ID', 'NAME', 'DOMAIN', 'OPT', 'STATUS', 'TAGS']));
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
  });
  if (!values.name || !values.domain) throw new UsageError(`--name and --domain are required.\n${USAGE}`);
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
  io.out(values.json ? JSON.stringify(t) : `Added ${t.name} (${t.domain}) as ${t.id}`);
  return EXIT.ok;
}

function importCsv(s: Services, argv: string[], io: Io): number {
  const { values, positionals } = parse(argv, { ...GLOBAL_OPTIONS, 'dry-run': { type: 'boolean', default: false } });
  const file = positionals[0];
  if (!file) throw new UsageError(`name the CSV file.\n${USAGE}`);
  if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const result = s.tenants.importCsv(readCsvFile(file), values['dry-run']);
  if (values.json) io.out(JSON.stringify(result));
  else if (result.errors.length) {
    io.err(`Nothing imported: ${result.errors.length} problem(s) in ${file}:`);
    for (const e of result.errors) io.err(`  line ${e.row}${e.field ? ` (${e.field})` : ''}: ${e.message}`);
  } else io.out(result.dryRun ? `${result.rows} row(s) valid; nothing written (dry run).` : `Imported ${result.imported} tenant(s).`);
  return result.errors.length ? EXIT.notOk : EXIT.ok;
}

/** The same 50 MB cap as the console's import; strict UTF-8 so a Latin-1 export is refused, not stored as "�". */
const MAX_CSV_BYTES = 50 * 1024 * 1024;

function readCsvFile(file: string): string {
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw new UsageError(`${file} is not a file: name the CSV file itself.`);
  if (stat.size > MAX_CSV_BYTES) throw new UsageError(`${file} is ${Math.round(stat.size / 1048576)} MB; CSV files over 50 MB are not supported: split the file.`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file));
  } catch {
    throw new UsageError(`${file} is not UTF-8 text: in your spreadsheet, save it as "CSV UTF-8" and import again.`);
  }
}
