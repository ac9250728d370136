import type { Services } from '../../app/services';
import { GLOBAL_OPTIONS, parse } from '../args';
import { EXIT, table, UsageError, type Io } from '../output';
import { copiedText } from '../../team/team-service';

const USAGE = `behalf team init postgres://USER[:PASSWORD]@HOST:PORT/DB[?sslmode=verify-full] --name NAME --email EMAIL
                            publish this ledger as the team's ledger of record
behalf team join postgres://… --name NAME --email EMAIL
                            copy the team's ledger into this (empty) one and share from now on
behalf team status [--json]  in sync / N changes waiting / offline since …
behalf team sync [--json]    push this console's changes, pull everyone else's (once)
behalf team watch            stay connected: push and pull as changes happen (LISTEN/NOTIFY), until Ctrl+C
behalf team conflicts [--all] [--json]
behalf team resolve ID --keep-theirs | --apply-mine
behalf team operator --name NAME --email EMAIL    who this console's changes are recorded as
  The password in the connection string is kept in the vault, never in the ledger; in a new CLI process give it
  in BEHALF_TEAM_PASSWORD.`;

export async function teamCommand(s: Services, argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'init' || sub === 'join') return connect(s, sub, rest, io);
  if (sub === 'status') return status(s, rest, io);
  if (sub === 'sync') return sync(s, rest, io);
  if (sub === 'watch') return watch(s, io);
  if (sub === 'conflicts') return conflicts(s, rest, io);
  if (sub === 'resolve') return resolve(s, rest, io);
  if (sub === 'operator') return operator(s, rest, io);
  throw new UsageError(`unknown "team ${sub ?? ''}".\n${USAGE}`);
}

async function connect(s: Services, sub: 'init' | 'join', argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { ...GLOBAL_OPTIONS, name: { type: 'string' }, email: { type: 'string' } });
  const url = positionals[0];
  if (!url) throw new UsageError(`name the team database.\n${USAGE}`);
  const who = { name: values.name, email: values.email };
  const started = Date.now();
  let shown = 0;
  // The same service calls as Settings → Team (publish / join); only the way progress is shown differs.
  const progress = ({ copied, total }: { copied: number; total: number }) => {
    // A line every 5% (and the last): enough to see it move on 100,000 tenants without flooding the terminal.
    if (copied === total || copied - shown >= Math.max(1, total / 20)) {
      shown = copied;
      if (!values.json) io.err(copiedText(copied, total));
    }
  };
  // Ctrl+C cancels like the console's Cancel: a join is undone, a publish rolled back (rather than the process
  // dying half-way and the next start having to undo it).
  const ctl = new AbortController();
  const cancel = () => ctl.abort();
  process.once('SIGINT', cancel).once('SIGTERM', cancel);
  let r: { rows: number; url: string };
  try {
    r = sub === 'init' ? await s.team().init(url, who, { progress, signal: ctl.signal }) : await s.team().join(url, who, { progress, signal: ctl.signal });
  } finally {
    process.off('SIGINT', cancel).off('SIGTERM', cancel);
  }
  if (values.json) io.out(JSON.stringify({ ...r, status: s.team().status() }));
  else
    io.out(
      sub === 'init'
        ? `Published ${r.rows} row(s) to ${r.url}; this console now shares its ledger with the team.`
        : `Joined ${r.url}: copied ${r.rows} row(s) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  return EXIT.ok;
}

/** "team: in sync", "team: 3 changes waiting", "team: offline since 10:14" — the sidebar's words. */
export function statusLine(st: ReturnType<Services['team']>['status'] extends () => infer T ? T : never): string {
  if (st.mode === 'single') return 'single-user (no team)';
  const parts = [st.offlineSince ? `offline since ${st.offlineSince}` : st.waiting ? `${st.waiting} change(s) waiting` : 'in sync'];
  if (st.offlineSince && st.waiting) parts.push(`${st.waiting} change(s) waiting`);
  if (st.conflicts) parts.push(`${st.conflicts} conflict(s) to resolve`);
  return `team: ${parts.join(', ')}`;
}

function status(s: Services, argv: string[], io: Io): number {
  const { values } = parse(argv, GLOBAL_OPTIONS);
  const st = s.team().status();
  if (values.json) io.out(JSON.stringify(st));
  else {
    io.out(statusLine(st));
    if (st.url) io.out(`database: ${st.url}\noperator: ${st.operator ? `${st.operator.name} <${st.operator.email}>` : '(not set)'}`);
  }
  return EXIT.ok;
}

async function sync(s: Services, argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, GLOBAL_OPTIONS);
  const r = await s.team().syncOnce();
  if (values.json) io.out(JSON.stringify({ ...r, status: s.team().status() }));
  else
    io.out(
      `Pushed ${r.pushed}, pulled ${r.pulled}${r.skipped ? ` (${r.skipped} could not be applied here)` : ''}${r.conflicts ? `; ${r.conflicts} conflict(s): behalf team conflicts` : ''}.`,
    );
  return r.conflicts ? EXIT.notOk : EXIT.ok;
}

async function watch(s: Services, io: Io): Promise<number> {
  if (s.team().status().mode !== 'team') await s.team().syncOnce(); // not a team: this says so (team.not-joined)
  const stop = s.team().startRunner();
  io.out(`watching: ${statusLine(s.team().status())}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await stop();
  return EXIT.ok;
}

function conflicts(s: Services, argv: string[], io: Io): number {
  const { values } = parse(argv, { ...GLOBAL_OPTIONS, all: { type: 'boolean', default: false } });
  const list = s.team().conflicts(values.all);
  if (values.json) io.out(JSON.stringify(list));
  else if (list.length === 0) io.out('No conflicts.');
  else
    io.out(
      table(
        list.map((c) => [String(c.id), c.text, c.resolution ?? 'open']),
        ['ID', 'WHAT HAPPENED', 'STATE'],
      ),
    );
  return EXIT.ok;
}

function resolve(s: Services, argv: string[], io: Io): number {
  const { values, positionals } = parse(argv, {
    ...GLOBAL_OPTIONS,
    'keep-theirs': { type: 'boolean', default: false },
    'apply-mine': { type: 'boolean', default: false },
  });
  const id = Number(positionals[0]);
  if (!Number.isInteger(id) || values['keep-theirs'] === values['apply-mine'])
    throw new UsageError(`give a conflict ID and one of --keep-theirs or --apply-mine.\n${USAGE}`);
  const done = s.team().resolve(id, values['keep-theirs'] ? 'keep-theirs' : 'apply-mine');
  io.out(
    values.json
      ? JSON.stringify(done)
      : `Conflict #${id}: ${done.resolution === 'apply-mine' ? 'yours is applied; it reaches the team at the next sync' : 'theirs kept'}.`,
  );
  return EXIT.ok;
}

function operator(s: Services, argv: string[], io: Io): number {
  const { values } = parse(argv, { ...GLOBAL_OPTIONS, name: { type: 'string' }, email: { type: 'string' } });
  const op = s.team().setOperator(values.name, values.email);
  io.out(values.json ? JSON.stringify(op) : `This console's changes are recorded as ${op.name} <${op.email}>.`);
  return EXIT.ok;
}
