import { domainSchema, sendingOptionSchema, tenantStatusSchema, type SendingOption, type TenantStatus } from '../../../src-preload/api/tenants';
import type { Services } from '../../app/services';
import { BulkRun } from '../../dns/bulk-runs';
import type { CheckInput } from '../../dns/expected-records';
import { validateServers } from '../../dns/resolver';
import { GLOBAL_OPTIONS, parse } from '../args';
import { EXIT, UsageError, type Io } from '../output';
import { formatBulk, formatReport } from './check-format';

const USAGE = `behalf check --domain D [--option 1|2|3] [--dkim-host H --dkim-value V] [--return-path R] [--dns-server host:port]... [--json]
behalf check --tenant ID|NAME [--dns-server host:port]... [--json]
behalf check --all [--status S]... [--option 1|2|3|undecided]... [--search Q] [--dns-server host:port]... [--json]
Exit 0 when every record is ok, 1 when any is not, 2 on a usage error.`;

/** `behalf check`: one domain ad hoc (not saved), one tenant (saved with drift), or every tenant. */
export async function checkCommand(s: Services, argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...GLOBAL_OPTIONS,
    domain: { type: 'string' },
    tenant: { type: 'string' },
    all: { type: 'boolean', default: false },
    option: { type: 'string', multiple: true, default: [] },
    status: { type: 'string', multiple: true, default: [] },
    search: { type: 'string', default: '' },
    'dkim-host': { type: 'string' },
    'dkim-value': { type: 'string' },
    'return-path': { type: 'string' },
    'dns-server': { type: 'string', multiple: true, default: [] },
  });
  if (values.help) return (io.out(USAGE), EXIT.ok);
  const modes = [values.domain !== undefined, values.tenant !== undefined, values.all].filter(Boolean).length;
  if (modes !== 1 || positionals.length > 0) throw new UsageError(`give exactly one of --domain, --tenant or --all.\n${USAGE}`);
  const servers = values['dns-server'];
  try {
    validateServers(servers);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const opts = servers.length > 0 ? { servers } : {};

  if (values.all) return checkAll(s, values, opts, io);
  if (values.option.length > 0 && values.tenant !== undefined)
    throw new UsageError(`--option goes with --domain or --all (a tenant's option comes from the ledger).\n${USAGE}`);

  if (values.tenant !== undefined) {
    const tenant = s.tenants.find(values.tenant);
    const c = await s.dns.checkTenant(tenant.id, opts);
    if (values.json) io.out(JSON.stringify({ tenant: { id: tenant.id, name: tenant.name }, status: c.status, ...c.report, drift: c.drift }));
    else io.out(`${tenant.name} — ${formatReport(c.report, c.status, c.drift)}`);
    return c.status === 'ok' ? EXIT.ok : EXIT.notOk;
  }

  const input = domainInput(values);
  const { status, report } = await s.dns.checkDomain(input, opts);
  io.out(values.json ? JSON.stringify({ status, ...report }) : formatReport(report, status));
  return status === 'ok' ? EXIT.ok : EXIT.notOk;
}

function domainInput(values: { domain?: string; option: string[]; 'dkim-host'?: string; 'dkim-value'?: string; 'return-path'?: string }): CheckInput {
  const domain = domainSchema.safeParse(values.domain);
  if (!domain.success) throw new UsageError(`"${values.domain}" is not a domain: ${domain.error.issues[0]?.message ?? ''}`);
  if (values.option.length > 1) throw new UsageError('give --option once with --domain.');
  const input: CheckInput = { domain: domain.data };
  const [opt] = values.option;
  if (opt !== undefined) input.option = parseOption(opt);
  if (values['dkim-value'] !== undefined && values['dkim-host'] === undefined) throw new UsageError('--dkim-value needs --dkim-host.');
  if (values['dkim-host'] !== undefined) input.dkimHost = values['dkim-host'];
  if (values['dkim-value'] !== undefined) input.dkimValue = values['dkim-value'];
  if (values['return-path'] !== undefined) input.returnPath = values['return-path'];
  return input;
}

function parseOption(o: string): SendingOption {
  const r = sendingOptionSchema.safeParse(Number(o));
  if (!r.success) throw new UsageError(`--option is 1, 2 or 3 (got "${o}").`);
  return r.data;
}

async function checkAll(
  s: Services,
  values: { option: string[]; status: string[]; search: string; json: boolean },
  opts: { servers?: string[] },
  io: Io,
): Promise<number> {
  const options = values.option.map((o) => (o === 'undecided' ? o : parseOption(o)));
  const statuses = values.status.map((st) => {
    const r = tenantStatusSchema.safeParse(st);
    if (!r.success) throw new UsageError(`unknown --status "${st}".`);
    return r.data as TenantStatus;
  });
  const filter = { options, statuses, search: values.search };
  const total = s.tenants.list({ ...filter, limit: 1 }).total;
  let shown = -1;
  const summary = await s.dns.runBulk(filter, new BulkRun(total), {
    ...opts,
    // Progress on stderr so stdout stays clean for --json; one line per 5 % (or per tenant when few).
    progress: (done, all) => {
      const step = Math.max(1, Math.floor(all / 20));
      if (done === all || done - shown >= step) {
        shown = done;
        io.err(`checked ${done}/${all}`);
      }
    },
  });
  io.out(values.json ? JSON.stringify(summary) : formatBulk(summary));
  return summary.byStatus.ok === summary.done ? EXIT.ok : EXIT.notOk;
}
