import type { Alert } from '../../../src-preload/api/alerts';
import type { Services } from '../../app/services';
import { GLOBAL_OPTIONS, parse } from '../args';
import { EXIT, printable, table, type Io } from '../output';

const KIND_WORDS: Record<Alert['kind'], string> = {
  'dkim-gone': 'DKIM gone',
  'dmarc-tightened': 'DMARC tightened',
  'health-in-trouble': 'in trouble',
  'dmarc-new-failing-sender': 'new failing sender',
  'dkim-revoked-safe': 'old DKIM key safe to delete',
};

const alertTable = (alerts: Alert[]) =>
  table(
    alerts.map((a) => [
      String(a.id),
      a.raisedAt.slice(0, 16).replace('T', ' '),
      KIND_WORDS[a.kind],
      printable(a.tenantName ?? '–'),
      a.unread ? 'unread' : a.acknowledgedAt ? 'acknowledged' : 'snoozed',
    ]),
    ['Id', 'Raised (UTC)', 'Alert', 'Tenant', 'State'],
  ) +
  '\n' +
  alerts.map((a) => `\n#${a.id} ${printable(a.title)}\n  ${printable(a.detail)}`).join('');

/**
 * `behalf watch --once [--json]`: one watch round for cron or a systemd timer (recheck DNS of watched tenants,
 * refresh health, read DMARC sources) and the alerts it raised. Exit 0 whatever it found: alerts are news, not a
 * failure of the command (`behalf health` exits 1 for a tenant in trouble). The schedule itself runs in `behalf serve`.
 */
export async function watchCommand(s: Services, argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { ...GLOBAL_OPTIONS, once: { type: 'boolean', default: false } });
  if (!values.once) {
    io.err('behalf: watch needs --once (one round now). The schedule runs in `behalf serve` and the desktop app (Settings → Watch).');
    return EXIT.usage;
  }
  const round = await s.watch.runOnce();
  if (values.json) {
    io.out(JSON.stringify(round));
    return EXIT.ok;
  }
  const lines = [`Watch round: ${round.checked} tenant(s) rechecked, ${round.raised.length} new alert(s).`];
  for (const f of round.failed) lines.push(`  ${printable(f.name)}: the ${f.step} step failed: ${printable(f.message)}`);
  if (round.raised.length > 0) lines.push('', alertTable(round.raised));
  io.out(lines.join('\n'));
  return EXIT.ok;
}

/** `behalf alerts [--all] [--json]`: the alerts inbox (not acknowledged; --all adds acknowledged ones). */
export function alertsCommand(s: Services, argv: string[], io: Io): number {
  const { values } = parse(argv, { ...GLOBAL_OPTIONS, all: { type: 'boolean', default: false } });
  const list = s.watch.list({ includeAcknowledged: values.all });
  if (values.json) {
    io.out(JSON.stringify(list));
    return EXIT.ok;
  }
  io.out(list.alerts.length === 0 ? 'No alerts.' : `${list.unread} unread.\n\n${alertTable(list.alerts)}`);
  return EXIT.ok;
}
