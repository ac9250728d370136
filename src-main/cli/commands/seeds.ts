import fs from 'node:fs';
import type { Services } from '../../app/services';
import { GLOBAL_OPTIONS, parse } from '../args';
import { EXIT, table, UsageError, type Io } from '../output';
import { SEED_IMAP_PASSWORD_ENV } from '../../sends/seed-mailbox/seed-mailbox-service';

const USAGE = `behalf seeds list [--json]
behalf seeds add ADDRESS [--provider LABEL] [--inactive] [--json]
behalf seeds import FILE.csv [--dry-run] [--json]      (columns: address,provider,active)
behalf seeds export [--out FILE]
behalf seeds mailbox ADDRESS --host H [--port 993] [--no-tls] --user U [--authserv-id ID] [--json]
                                        (password: ${SEED_IMAP_PASSWORD_ENV}; --host '' removes the mailbox)`;

/** `behalf seeds`: the seed inbox list test sends go to. */
export function seedsCommand(s: Services, argv: string[], io: Io): number {
  const [sub, ...rest] = argv;
  if (sub === 'list') {
    const { values } = parse(rest, GLOBAL_OPTIONS);
    const seeds = s.sends.seeds.list();
    if (values.json) io.out(JSON.stringify({ seeds }));
    else
      io.out(
        seeds.length
          ? table(
              seeds.map((x) => [String(x.id), x.address, x.provider || '-', x.active ? 'yes' : 'no']),
              ['ID', 'ADDRESS', 'PROVIDER', 'ACTIVE'],
            )
          : 'No seed inboxes yet: add one with "behalf seeds add ADDRESS --provider Gmail".',
      );
    return EXIT.ok;
  }
  if (sub === 'add') {
    const { values, positionals } = parse(rest, {
      ...GLOBAL_OPTIONS,
      provider: { type: 'string', default: '' },
      inactive: { type: 'boolean', default: false },
    });
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
    if (!values.json && r.detected)
      io.err(`Read ${file} as ${r.detected.encoding}, ${r.detected.delimiter}-separated.${r.detected.warning ? `\n  note: ${r.detected.warning}` : ''}`);
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
  if (sub === 'mailbox') {
    const { values, positionals } = parse(rest, {
      ...GLOBAL_OPTIONS,
      host: { type: 'string' },
      port: { type: 'string' },
      'no-tls': { type: 'boolean', default: false },
      user: { type: 'string' },
      'authserv-id': { type: 'string' },
    });
    const seed = positionals[0] ? s.sends.seeds.findByAddress(positionals[0]) : undefined;
    if (!seed) throw new UsageError(`name a seed inbox (behalf seeds list).\n${USAGE}`);
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && !Number.isInteger(port)) throw new UsageError('--port takes a number, like 993.');
    // The password is never an argument (it would sit in the shell history): the vault, or the environment.
    const m = s.seedMailboxes.save({
      id: seed.id,
      host: values.host,
      port,
      tls: values['no-tls'] ? false : values.host !== undefined ? true : undefined,
      user: values.user,
      authservId: values['authserv-id'],
    });
    if (values.json) io.out(JSON.stringify(m));
    else
      io.out(
        m.configured
          ? `${seed.address}: mailbox ${m.user}@${m.host}:${m.port} (${m.tls ? 'TLS' : 'plain IMAP, this machine only'}); trusting Authentication-Results from ${m.trustedAuthservId}; password ${m.hasPassword ? 'set' : `not set (set ${SEED_IMAP_PASSWORD_ENV})`}.`
          : `${seed.address}: no mailbox.`,
      );
    return EXIT.ok;
  }
  throw new UsageError(`unknown "seeds ${sub ?? ''}".\n${USAGE}`);
}
