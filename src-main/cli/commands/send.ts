import fs from 'node:fs';
import { PLACEMENTS, type Placement, type SendView } from '../../../src-preload/api/sends';
import { placementSourceWord, placementVerdict, receivedAuthVerdicts, seedVerdict } from '../../../src-preload/api/verdicts';
import type { Services } from '../../app/services';
import { GLOBAL_OPTIONS, parse } from '../args';
import { EXIT, table, UsageError, type Io } from '../output';

const USAGE = `behalf send --tenant ID|NAME|DOMAIN [--seed ADDR]... [--subject S] [--body-file FILE] [--json]
behalf send --retry-queued [--json]
behalf send --refresh --tenant X [--json]
behalf send --mark SEND_ID --seed ADDR inbox|spam|missing [--json]`;

/**
 * `behalf send`: a test send for one tenant to seed inboxes (all active seeds unless --seed is given).
 * Exit 0 when every seed was accepted, 1 when any was refused or the send is queued, 3 when it cannot send.
 */
export async function sendCommand(s: Services, argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...GLOBAL_OPTIONS,
    tenant: { type: 'string' },
    seed: { type: 'string', multiple: true, default: [] },
    subject: { type: 'string' },
    'body-file': { type: 'string' },
    'retry-queued': { type: 'boolean', default: false },
    refresh: { type: 'boolean', default: false },
    mark: { type: 'string' },
  });
  if (values.mark !== undefined) {
    const sendId = Number(values.mark);
    if (!Number.isInteger(sendId) || sendId <= 0) throw new UsageError(`--mark takes a test send number, not "${values.mark}".\n${USAGE}`);
    if (values.seed.length !== 1) throw new UsageError(`--mark needs exactly one --seed ADDR.\n${USAGE}`);
    const placement = positionals[0];
    if (positionals.length !== 1 || !PLACEMENTS.includes(placement as Placement))
      throw new UsageError(`Say where the seed's copy landed: inbox, spam or missing.\n${USAGE}`);
    const view = s.sends.mark(sendId, values.seed[0]!, placement as Placement);
    io.out(values.json ? JSON.stringify(view) : describe(view));
    return EXIT.ok;
  }
  if (values['retry-queued']) {
    const r = await s.sends.retryQueued(values.tenant ? s.tenants.find(values.tenant).id : undefined);
    io.out(values.json ? JSON.stringify(r) : `Ran ${r.ran} queued send(s): ${r.sent} sent, ${r.failed} failed, ${r.stillQueued} still queued.`);
    if (!values.json && r.stillQueued)
      io.err(
        'Still queued: Postmark is not reachable, or a send whose answer was lost is being confirmed with Postmark before any re-send (see `behalf send --refresh --tenant X`).',
      );
    return r.stillQueued || r.failed ? EXIT.notOk : EXIT.ok;
  }
  if (!values.tenant) throw new UsageError(`--tenant is required.\n${USAGE}`);
  const tenant = s.tenants.find(values.tenant);
  if (values.refresh) {
    const r = await s.sends.refreshEvents(tenant.id);
    const sends = s.sends.history(tenant.id, 5);
    if (values.json) io.out(JSON.stringify({ ...r, sends }));
    else {
      io.out(
        `Checked ${r.checked} message(s), ${r.updated} changed.` +
          (r.notIndexed ? ` ${r.notIndexed} not indexed by Postmark yet (its search lags behind a send): refresh again in a minute.` : ''),
      );
      for (const e of r.errors) io.err(`  ${e}`);
      if (sends[0]) io.out(describe(sends[0]));
    }
    return r.errors.length ? EXIT.notOk : EXIT.ok;
  }
  const bodyFile = values['body-file'];
  if (bodyFile && !fs.existsSync(bodyFile)) throw new UsageError(`no such file: ${bodyFile}`);
  const view = await s.sends.send({
    tenantId: tenant.id,
    seeds: values.seed,
    ...(values.subject !== undefined ? { subject: values.subject } : {}),
    ...(bodyFile ? { body: fs.readFileSync(bodyFile, 'utf8') } : {}),
  });
  io.out(values.json ? JSON.stringify(view) : describe(view));
  return view.state === 'sent' ? EXIT.ok : EXIT.notOk;
}

function describe(view: SendView): string {
  const confirming = view.queue?.confirming ?? null;
  const status = (r: SendView['recipients'][number]) =>
    seedVerdict({ state: r.state, eventType: r.eventType, eventServer: r.eventServer, confirming: confirming !== null }).word;
  const found = (r: SendView['recipients'][number]) => {
    if (r.state !== 'sent') return '-';
    const source = placementSourceWord(r.placementSource);
    return `${placementVerdict(r.placement).word}${source ? ` (${source}${r.foundFolder ? `: ${r.foundFolder}` : ''})` : ''}`;
  };
  const auth = (r: SendView['recipients'][number]) => {
    if (!r.auth) return r.mailboxError || (r.hasMailbox && r.state === 'sent' ? 'not read yet' : '-');
    const v = receivedAuthVerdicts(r.auth);
    return [v.spf, v.dkim, v.dmarc, v.alignment].map((x) => x.word).join('; ');
  };
  const rows = view.recipients.map((r) => [
    r.address,
    r.provider || '-',
    status(r),
    found(r),
    r.messageId ?? '-',
    r.errorCode ? String(r.errorCode) : '',
    r.state === 'sent' ? '' : r.message,
  ]);
  const lines = [
    `Test send ${view.id} from ${view.from}: ${view.state}`,
    table(rows, ['SEED', 'PROVIDER', 'STATUS', 'FOUND IN', 'MESSAGE ID', 'CODE', 'DETAIL']),
  ];
  // Too long for a table cell: one line per seed whose mailbox Behalf reads.
  const withMailbox = view.recipients.filter((r) => r.hasMailbox || r.auth);
  if (withMailbox.length) lines.push('Authentication as received:', ...withMailbox.map((r) => `  ${r.address}: ${auth(r)}`));
  if (view.state === 'queued' && confirming) {
    lines.push(
      `Confirming with Postmark: the answer to the send was lost, so Behalf looks for it in Postmark (whose search lags) before any re-send.${confirming.nextCheckAt ? ` Next check after ${confirming.nextCheckAt}.` : ''}`,
    );
    lines.push('It is sent again only if two searches past the indexing window both miss it ("behalf send --retry-queued" checks now).');
  } else if (view.state === 'queued' && view.queue) {
    lines.push(`Queued: ${view.queue.lastError?.message ?? 'waiting'}${view.queue.nextAttemptAt ? ` Next attempt after ${view.queue.nextAttemptAt}.` : ''}`);
    lines.push('Run "behalf send --retry-queued" once Postmark is reachable (the app retries on its own).');
  }
  return lines.join('\n');
}
