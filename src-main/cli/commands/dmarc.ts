import type { Services } from '../../app/services';
import type { ImportResult } from '../../dmarc/import';
import { importReportsOffThread } from '../../dmarc/import/worker/import-off-thread';
import type { DmarcRecordChoices } from '../../../src-preload/api/dmarc';
import { GLOBAL_OPTIONS, parse } from '../args';
import { EXIT, table, UsageError, type Io } from '../output';
import { fetchCmd, mailboxCmd, MAILBOX_USAGE } from './dmarc-mailbox';
import { printImport } from './dmarc-import-output';

const USAGE = `behalf dmarc import PATH... [--json]                       (.xml, .xml.gz, .zip, .eml; folders recurse)
behalf dmarc sources --domain D [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--offline] [--limit N] [--json]
behalf dmarc readiness --domain D [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--offline] [--limit N] [--json]
behalf dmarc legitimate --domain D --sender SENDING_DOMAIN [--remove] [--json]   (mark a sender legitimate)
behalf dmarc record --domain D --p none|quarantine|reject [--sp P] [--np P] [--adkim r|s] [--aspf r|s]
                    [--rua mailto:...]... [--ruf mailto:...]... [--t] [--legacy-pct N] [--offline] [--json]
${MAILBOX_USAGE}`;

export async function dmarcCommand(s: Services, argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'import') return importCmd(s, rest, io);
  if (sub === 'sources') return sources(s, rest, io);
  if (sub === 'readiness') return readiness(s, rest, io);
  if (sub === 'record') return record(s, rest, io);
  if (sub === 'legitimate') return legitimate(s, rest, io);
  if (sub === 'fetch') return fetchCmd(s, rest, io);
  if (sub === 'mailbox') return mailboxCmd(s, rest, io);
  throw new UsageError(`unknown "dmarc ${sub ?? ''}".\n${USAGE}`);
}

async function importCmd(s: Services, argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, GLOBAL_OPTIONS);
  if (positionals.length === 0) throw new UsageError(`name the report files or folders.\n${USAGE}`);
  const r: ImportResult = await importReportsOffThread(s.db, positionals, {
    // Progress on stderr only for people: --json keeps stdout one document and stderr quiet.
    onProgress: values.json ? undefined : (p) => p.file && p.total > 1 && io.err(`[${p.done + 1}/${p.total}] ${p.file}`),
  });
  return printImport(r, values.json === true, io);
}

const SCOPE_OPTIONS = {
  ...GLOBAL_OPTIONS,
  domain: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  offline: { type: 'boolean', default: false },
  limit: { type: 'string' },
} as const;

function scopeOf(values: { domain?: string; from?: string; to?: string; offline?: boolean; limit?: string }) {
  if (!values.domain) throw new UsageError(`--domain is required.\n${USAGE}`);
  for (const d of [values.from, values.to]) if (d !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new UsageError(`dates are YYYY-MM-DD, not "${d}".`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1))
    throw new UsageError(`--limit is a whole number of sources, 1 or more, not "${values.limit}".`);
  return {
    domain: values.domain,
    ...(values.from ? { from: values.from } : {}),
    ...(values.to ? { to: values.to } : {}),
    resolvePtr: !values.offline,
    ...(limit ? { limit } : {}),
  };
}

const pct = (n: number, of: number) => (of > 0 ? `${Math.round((n / of) * 100)}%` : '-');

async function sources(s: Services, argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, SCOPE_OPTIONS);
  const r = await s.dmarc.sources(scopeOf(values));
  if (values.json) {
    io.out(
      JSON.stringify({
        domain: r.domain,
        messages: r.messages,
        passing: r.passing,
        failing: r.failing,
        legitimate: r.legitimate,
        counts: r.counts,
        omitted: r.omitted,
        sources: r.sources.map((x) => ({
          ip: x.ip,
          ptr: x.ptr,
          count: x.count,
          spfAligned: x.spfAligned,
          dkimAligned: x.dkimAligned,
          dmarcPass: x.dmarcPass,
          postmark: x.postmark,
          postmarkBy: x.postmarkBy,
          legitimate: x.legitimate,
          flag: x.flag,
          spf: x.spf,
          dkim: x.dkim,
        })),
      }),
    );
    return EXIT.ok;
  }
  io.out(
    `${r.domain}: ${r.messages} message(s), ${r.passing} passing DMARC (${pct(r.passing, r.messages)}), ${r.failing} failing${r.tenant ? ` · tenant ${r.tenant.name}` : ''}`,
  );
  io.out(
    table(
      r.sources.map((x) => [
        x.ip,
        x.ptr ?? '-',
        String(x.count),
        pct(x.spfAligned, x.count),
        pct(x.dkimAligned, x.count),
        pct(x.dmarcPass, x.count),
        x.postmark ? (x.postmarkBy === 'dkim' ? 'postmark (dkim)' : 'postmark') : x.legitimate ? `legitimate ${x.legitimate}` : '',
        x.flag ?? '',
        x.spf.map((a) => `${a.domain || '-'}=${a.result}`).join(' '),
        x.dkim.map((a) => `${a.domain || '-'}${a.selector ? `/${a.selector}` : ''}=${a.result}`).join(' '),
      ]),
      ['IP', 'PTR', 'COUNT', 'SPF ALIGNED', 'DKIM ALIGNED', 'DMARC PASS', 'SENDER', 'FLAG', 'SPF', 'DKIM'],
    ),
  );
  if (r.omitted.sources > 0)
    io.out(`… and ${r.omitted.sources} smaller source(s) sending ${r.omitted.messages} message(s): a larger --limit (or none) lists them.`);
  return EXIT.ok;
}

async function readiness(s: Services, argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, SCOPE_OPTIONS);
  const r = await s.dmarc.readiness(scopeOf(values));
  if (values.json) io.out(JSON.stringify(r));
  else {
    io.out(`${r.verdict.word}. Next step: ${r.nextStep}`);
    io.out(r.summary);
    if (r.sources.length)
      io.out(
        table(
          r.sources.map((x) => [
            x.ip,
            x.ptr ?? '-',
            String(x.failing),
            String(x.count),
            x.postmark ? 'postmark' : x.legitimate ? `legitimate ${x.legitimate}` : 'unknown',
            x.flag ?? '',
          ]),
          ['IP', 'PTR', 'WOULD REJECT', 'OF', 'SENDER', 'FLAG'],
        ),
      );
    if (r.omitted.sources > 0)
      io.out(`… and ${r.omitted.sources} more failing source(s) with ${r.omitted.failing} message(s): a larger --limit (or none) lists them.`);
  }
  return EXIT.ok;
}

async function legitimate(s: Services, argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { ...GLOBAL_OPTIONS, domain: { type: 'string' }, sender: { type: 'string' }, remove: { type: 'boolean', default: false } });
  if (!values.domain || !values.sender) throw new UsageError(`--domain and --sender are required.\n${USAGE}`);
  const r = s.dmarc.markLegitimate(values.domain, values.sender, !values.remove);
  if (values.json) io.out(JSON.stringify(r));
  else io.out(`${r.domain}: legitimate senders ${r.legitimate.length ? r.legitimate.join(', ') : '(none)'}`);
  return EXIT.ok;
}

const POLICIES = ['none', 'quarantine', 'reject'];

async function record(s: Services, argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    ...GLOBAL_OPTIONS,
    domain: { type: 'string' },
    p: { type: 'string' },
    sp: { type: 'string' },
    np: { type: 'string' },
    adkim: { type: 'string' },
    aspf: { type: 'string' },
    rua: { type: 'string', multiple: true, default: [] },
    ruf: { type: 'string', multiple: true, default: [] },
    t: { type: 'boolean', default: false },
    'legacy-pct': { type: 'string' },
    fo: { type: 'string' },
    offline: { type: 'boolean', default: false },
  });
  if (!values.domain || !values.p) throw new UsageError(`--domain and --p are required.\n${USAGE}`);
  for (const [k, v] of [
    ['p', values.p],
    ['sp', values.sp],
    ['np', values.np],
  ] as const) {
    if (v !== undefined && !POLICIES.includes(v)) throw new UsageError(`--${k} is none, quarantine or reject, not "${v}".`);
  }
  const choices = {
    p: values.p,
    ...(values.sp ? { sp: values.sp } : {}),
    ...(values.np ? { np: values.np } : {}),
    ...(values.adkim ? { adkim: values.adkim } : {}),
    ...(values.aspf ? { aspf: values.aspf } : {}),
    ...(values.rua.length ? { rua: values.rua } : {}),
    ...(values.ruf.length ? { ruf: values.ruf } : {}),
    ...(values.t ? { t: true } : {}),
    ...(values.fo ? { fo: values.fo } : {}),
    ...(values['legacy-pct'] !== undefined ? { legacyPct: Number(values['legacy-pct']) } : {}),
  } as DmarcRecordChoices;
  const r = await s.dmarc.buildRecord(values.domain, choices, { live: !values.offline });
  if (values.json) io.out(JSON.stringify(r));
  else {
    io.out(`${r.name}  TXT  "${r.value}"`);
    for (const a of r.authorizations) io.out(`${a.name}  TXT  "${a.value}"   (published by the owner of ${a.reportDomain})`);
    for (const w of r.warnings) io.err(`warning: ${w}`);
    if (r.published.record) io.out(`published now: "${r.published.record}"`);
    for (const c of r.diff.changes) io.out(`  ${c.kind} ${c.tag}${c.from !== undefined ? ` ${c.from}` : ''}${c.to !== undefined ? ` → ${c.to}` : ''}`);
  }
  return EXIT.ok;
}
