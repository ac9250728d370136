import { bulkMailSchema, type SenderRuleStatus, type SenderRules } from '../../../src-preload/api/rules';
import type { Services } from '../../app/services';
import { GLOBAL_OPTIONS, parse } from '../args';
import { EXIT, printable, UsageError, type Io } from '../output';

const MARK: Record<SenderRuleStatus, string> = { pass: 'pass', fail: 'FAIL', 'n/a': 'n/a ', 'not-checked': '  ? ' };

/**
 * `behalf rules [--tenant X] [--json] [--bulk-mail none|broadcast|transactional|unknown]`: the mailbox providers'
 * bulk-sender rules per tenant, judged from facts in the ledger (no network). `--bulk-mail` (with --tenant) records
 * whether the tenant sends marketing mail first. Exit 1 when any listed tenant fails an applicable rule.
 */
export function rulesCommand(s: Services, argv: string[], io: Io): number {
  const { values } = parse(argv, { ...GLOBAL_OPTIONS, tenant: { type: 'string' }, 'bulk-mail': { type: 'string' } });
  const tenantId = values.tenant ? s.tenants.find(values.tenant).id : undefined;
  if (values['bulk-mail'] !== undefined) {
    if (!tenantId) throw new UsageError('--bulk-mail needs --tenant.');
    const raw = values['bulk-mail'];
    const parsed = raw === 'unknown' ? { success: true as const, data: null } : bulkMailSchema.safeParse(raw);
    if (!parsed.success) throw new UsageError(`unknown --bulk-mail "${printable(raw)}": none, broadcast, transactional or unknown.`);
    s.rules.setBulkMail(tenantId, parsed.data);
  }
  const reports = tenantId ? [s.rules.tenant(tenantId)] : s.rules.all();
  io.out(values.json ? JSON.stringify({ tenants: reports }) : describe(reports));
  return reports.some((r) => r.failing > 0) ? EXIT.notOk : EXIT.ok;
}

function describe(reports: SenderRules[]): string {
  if (reports.length === 0) return 'No tenants being set up or live yet.';
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${printable(r.name)} (${r.domain}, option ${r.option ?? '–'}): ${r.failing === 0 ? 'no rule failing' : `${r.failing} failing`}`);
    for (const i of r.items) {
      lines.push(`  ${MARK[i.status]}  ${i.title}: ${printable(i.reason)}`);
      if (i.fix && i.status !== 'pass') lines.push(`        fix: ${printable(i.fix)}`);
    }
    lines.push('');
  }
  lines.push('Rules: Gmail and Yahoo bulk-sender requirements (Feb 2024), Outlook.com high-volume senders (May 2025); sources in docs/sender-rules.md.');
  return lines.join('\n');
}
