import fs from 'node:fs';
import type { Services } from '../../app/services';
import { GLOBAL_OPTIONS, parse } from '../args';
import { EXIT, table, UsageError, type Io } from '../output';

const USAGE = `behalf seeds list [--json]
behalf seeds add ADDRESS [--provider LABEL] [--inactive] [--json]
behalf seeds import FILE.csv [--dry-run] [--json]      (columns: address,provider,active)
behalf seeds export [--out FILE]`;

/** `behalf seeds`: the seed inbox list test sends go to. */
export function seedsCommand(s: Services, argv: string[], io: Io): number {
  const [sub, ...rest] = argv;
  if (sub === 'list') {
    const { values } = parse(rest, GLOBAL_OPTIONS);
    const seeds = s.sends.seeds.list();
    if (values.json) io.out(JSON.stringify({ seeds }));
    else io.out(seeds.length ? table(seeds.map((x) => [String(x.id), x.address, x.provider || '-', x.active ? 'yes' : 'no']), ['ID', 'ADDRESS', 'PROVIDER', 'ACTIVE'])
      : 'No seed inboxes yet: add one with "behalf seeds add ADDRESS --provider Gmail".');
    return EXIT.ok;
  }
  if (sub === 'add') {
    const { values, positionals } = parse(rest, { ...GLOBAL_OPTIONS, provider: { type: 'string', default: '' }, inactive: { type: 'boolean', default: false } });
    if (!positionals[0]) throw new UsageError(`name the address.\n${USAGE}`);
    const seed = s.sends.seeds.add({ address: positionals[0], provider: values.provider, active: !values.inactive });
    io.out(values.json ? JSON.stringify(seed) : `Added ${seed.address}${seed.provider ? ` (${seed.provider})` : ''}.`);
    return EXIT.ok;
  }
  if (sub === 'import') {
    const { values, positionals } = parse(rest, { ...GLOBAL_OPTIONS, 'dry-run': { type: 'boolean', default: false } });
    const file = positionals[0];
    if (!file) throw new UsageError(`name the CSV file.\n${USAGE}`);
    if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
    // Bytes, not text: the encoding (UTF-8, UTF-16 from Excel, Windows-1252) is detected with the separator.
    const r = s.sends.seeds.importCsv(fs.readFileSync(file), values['dry-run'], file);
    if (!values.json && r.detected) io.err(`Read ${file} as ${r.detected.encoding}, ${r.detected.delimiter}-separated.${r.detected.warning ? `\n  note: ${r.detected.warning}` : ''}`);
    if (values.json) io.out(JSON.stringify(r));
    else if (r.errors.length) {
      io.err(`Nothing imported: ${r.errors.length} problem(s) in ${file}:`);
      for (const e of r.errors) io.err(`  line ${e.row}${e.field ? ` (${e.field})` : ''}: ${e.message}`);
    } else io.out(`${r.dryRun ? 'Dry run: would add' : 'Added'} ${r.added} and ${r.dryRun ? 'update' : 'updated'} ${r.updated} seed inbox(es).`);
    return r.errors.length ? EXIT.notOk : EXIT.ok;
  }
  if (sub === 'export') {
    const { values } = parse(rest, { ...GLOBAL_OPTIONS, out: { type: 'string' } });
    const { csv, rows } = s.sends.seeds.exportCsv();
    if (values.out) {
      fs.writeFileSync(values.out, csv);
      io.out(`Wrote ${rows} seed inbox(es) to ${values.out}.`);
    } else io.out(csv);
    return EXIT.ok;
  }
  throw new UsageError(`unknown "seeds ${sub ?? ''}".\n${USAGE}`);
}
