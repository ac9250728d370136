import fs from 'node:fs';
import path from 'node:path';
import type { Services } from '../../app/services';
import { isProviderId } from '../../sheets/providers';
import { isSheetFormat } from '../../sheets/render';
import { PAPERS, PROVIDER_IDS, SHEET_FORMATS, type Paper } from '../../sheets/types';
import { GLOBAL_OPTIONS, parse } from '../args';
import { EXIT, UsageError, type Io } from '../output';

const USAGE = `behalf sheet --tenant ID|NAME|DOMAIN --format ${SHEET_FORMATS.join('|')} [--provider P] [--paper ${PAPERS.join('|')}] --out FILE [--json]
       behalf sheet --tenant ID|NAME|DOMAIN --send-to ADDRESS [--note TEXT] [--provider P] [--paper ${PAPERS.join('|')}] [--json]
  --send-to emails the sheet (HTML body, PDF attached) through the vendor's Postmark server set in Settings
  providers: ${PROVIDER_IDS.join(', ')} (default: detected from the domain's NS records, else generic)`;

/** `behalf sheet`: one tenant's DNS instruction sheet written to a file, or emailed to a teammate. */
export async function sheetCommand(s: Services, argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...GLOBAL_OPTIONS,
    tenant: { type: 'string' },
    format: { type: 'string' },
    provider: { type: 'string' },
    paper: { type: 'string' },
    out: { type: 'string' },
    'send-to': { type: 'string' },
    note: { type: 'string' },
  });
  if (values.help) return (io.out(USAGE), EXIT.ok);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}".\n${USAGE}`);
  if (values['send-to'] !== undefined) return sendSheet(s, values, io);
  if (values.note !== undefined) throw new UsageError('--note only applies with --send-to.');
  if (!values.tenant || !values.format || !values.out) throw new UsageError(`--tenant, --format and --out are required.\n${USAGE}`);
  const { format, provider, paper, out } = values;
  if (!isSheetFormat(format)) throw new UsageError(`unknown format "${format}": use ${SHEET_FORMATS.join(', ')}.`);
  if (provider !== undefined && !isProviderId(provider)) throw new UsageError(`unknown provider "${provider}": use ${PROVIDER_IDS.join(', ')}.`);
  if (paper !== undefined && !(PAPERS as readonly string[]).includes(paper)) throw new UsageError(`unknown paper "${paper}": use a4 or letter.`);
  if (paper !== undefined && format !== 'pdf') throw new UsageError('--paper only applies to --format pdf.');
  const dir = path.dirname(path.resolve(out));
  if (!fs.existsSync(dir)) throw new UsageError(`the folder ${dir} does not exist.`);

  const r = await s.sheets.render(values.tenant, format, { provider, paper: paper as Paper | undefined });
  // Write beside the target and rename, so a failed write never leaves half a PDF where the old one was.
  const temp = `${out}.${process.pid}.partial`;
  try {
    fs.writeFileSync(temp, r.body);
    fs.renameSync(temp, out);
  } catch (err) {
    fs.rmSync(temp, { force: true }); // --out naming a folder (EISDIR) must not leave the .partial behind
    throw err;
  }
  const summary = {
    file: path.resolve(out),
    bytes: r.body.length,
    format,
    provider: r.sheet.provider.id,
    records: r.sheet.records.length,
    tenant: r.sheet.tenant.name,
  };
  if (values.json) io.out(JSON.stringify(summary));
  else io.out(`Wrote ${summary.file} (${format}, ${r.sheet.provider.name}, ${summary.records} record(s), ${summary.bytes} bytes) for ${summary.tenant}`);
  return EXIT.ok;
}

interface SendValues {
  tenant?: string;
  format?: string;
  out?: string;
  provider?: string;
  paper?: string;
  note?: string;
  'send-to'?: string;
  json?: boolean;
}

/** `--send-to`: the same email as the console's "Send to a teammate…" (the HTML sheet, the PDF attached). */
async function sendSheet(s: Services, values: SendValues, io: Io): Promise<number> {
  if (!values.tenant) throw new UsageError(`--tenant is required.\n${USAGE}`);
  if (values.out !== undefined || values.format !== undefined)
    throw new UsageError('--send-to sends the HTML sheet with the PDF attached: leave out --format and --out.');
  const { provider, paper } = values;
  if (provider !== undefined && !isProviderId(provider)) throw new UsageError(`unknown provider "${provider}": use ${PROVIDER_IDS.join(', ')}.`);
  if (paper !== undefined && !(PAPERS as readonly string[]).includes(paper)) throw new UsageError(`unknown paper "${paper}": use a4 or letter.`);
  const tenant = s.tenants.find(values.tenant);
  const r = await s.sheetSender.send({
    id: tenant.id,
    to: values['send-to'] ?? '',
    provider,
    paper: paper as Paper | undefined,
    ...(values.note ? { note: values.note } : {}),
  });
  if (values.json) io.out(JSON.stringify({ tenant: tenant.name, ...r }));
  else
    io.out(`Sent the DNS sheet for ${tenant.name} to ${r.to} from ${r.from} (Postmark server ${r.serverId}, message ${r.messageId}, ${r.attachment} attached)`);
  return EXIT.ok;
}
