import type { DkimList, DkimRow } from '../../../src-preload/api/dkim';
import type { Services } from '../../app/services';
import { words } from '../../dkim/dkim-service';
import { GLOBAL_OPTIONS, parse } from '../args';
import { EXIT, printable, table, UsageError, type Io } from '../output';

const USAGE = 'behalf dkim list|due|rotate|progress — rotate needs --tenant X (repeatable) or --all-due';

/**
 * `behalf dkim list|due|rotate|progress`: the DKIM rotation calendar from a terminal.
 * - list: every option-1 tenant's keys (age, length, state) and its rotation;
 * - due: only the keys due under the policy (exit 1 when any is due, for cron);
 * - rotate --tenant X… | --all-due: queue rotations through the outbox and send each customer the new sheet;
 * - progress [--tenant X]: verify new keys with Postmark and check DNS for deleted old keys.
 */
export async function dkimCommand(s: Services, argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parse(rest, { ...GLOBAL_OPTIONS, tenant: { type: 'string', multiple: true }, 'all-due': { type: 'boolean', default: false } });
  const tenantIds = (values.tenant ?? []).map((x) => s.tenants.find(x).id);
  if (sub === 'list' || sub === 'due') {
    const list = s.dkim.list({ filter: sub === 'due' ? 'due' : 'all' });
    const rows = list.rows.filter((r) => tenantIds.length === 0 || tenantIds.includes(r.tenantId));
    io.out(values.json ? JSON.stringify({ ...list, rows }) : describe(rows, list, sub === 'due'));
    return sub === 'due' && rows.length > 0 ? EXIT.notOk : EXIT.ok;
  }
  if (sub === 'rotate') {
    if (values['all-due'] === tenantIds.length > 0) throw new UsageError(`behalf dkim rotate needs either --tenant X (repeatable) or --all-due. ${USAGE}`);
    const result = await s.dkim.rotate(values['all-due'] ? { allDue: true } : { tenantIds });
    if (values.json) {
      io.out(JSON.stringify(result));
    } else {
      const lines = [`Queued ${result.queued.length} rotation(s).`];
      for (const q of result.queued) {
        const row = result.list.rows.find((r) => r.tenantId === q.tenantId);
        lines.push(
          `  ${printable(q.name)}: ${row?.rotation ? `${words(row.rotation.stage)}; sheet ${row.rotation.sheet.state}${row.rotation.sheet.detail ? ` (${printable(row.rotation.sheet.detail)})` : ''}` : 'queued'}`,
        );
      }
      for (const k of result.skipped) lines.push(`  ${printable(k.name)}: not rotated, ${printable(k.reason)}`);
      if (result.queued.length === 0 && result.skipped.length === 0) lines.push('Nothing is due.');
      io.out(lines.join('\n'));
    }
    return EXIT.ok;
  }
  if (sub === 'progress') {
    if (tenantIds.length > 1) throw new UsageError('behalf dkim progress takes at most one --tenant.');
    const result = await s.dkim.progress(tenantIds[0] ? { tenantId: tenantIds[0] } : {});
    if (values.json) {
      io.out(JSON.stringify(result));
      return EXIT.ok;
    }
    const open = result.list.rows.filter((r) => r.rotation && (tenantIds.length === 0 || tenantIds.includes(r.tenantId)));
    const lines = result.advanced.map((a) => `${printable(a.name)}: ${words(a.from)} → ${words(a.to)}`);
    if (lines.length === 0) lines.push('No rotation moved on.');
    for (const f of result.failed) lines.push(`${printable(f.name)}: could not check (${printable(f.message)})`);
    for (const r of open) lines.push(`  ${printable(r.name)}: ${r.rotation!.next}`);
    io.out(lines.join('\n'));
    return EXIT.ok;
  }
  throw new UsageError(USAGE);
}

function describe(rows: DkimRow[], list: DkimList, dueOnly: boolean): string {
  if (rows.length === 0) return dueOnly ? `No DKIM key is due (policy: rotate every ${list.policyMonths} months).` : 'No option-1 tenants yet.';
  const body = rows.flatMap((r) =>
    r.keys.length === 0
      ? [[printable(r.name), printable(r.domain), '–', '–', '–', '–', 'not provisioned', rotationWords(r)]]
      : r.keys.map((k, i) => [
          i === 0 ? printable(r.name) : '',
          i === 0 ? printable(r.domain) : '',
          printable(k.selector),
          k.bits === null ? `? (${k.bitsError ?? ''})` : String(k.bits),
          k.role === 'active' && r.ageDays !== null ? `${k.ageExact ? '' : '≥'}${r.ageDays} d` : '–',
          k.role === 'active' ? (r.due ? 'DUE' : r.dueAt ? r.dueAt.slice(0, 10) : '–') : '',
          k.role === 'revoked' ? (k.published === true ? 'revoked, still published' : k.published === false ? 'revoked, deleted from DNS' : 'revoked') : k.role,
          i === 0 ? rotationWords(r) : '',
        ]),
  );
  return [
    table(body, ['Tenant', 'Domain', 'Selector', 'Bits', 'Age', 'Due', 'State', 'Rotation']),
    '',
    `Policy: rotate every ${list.policyMonths} months (Settings → DKIM rotation); ${list.due} key(s) due. Age counts from when Behalf first saw the key active (≥: already active then).`,
  ].join('\n');
}

const rotationWords = (r: DkimRow) => (r.rotation ? words(r.rotation.stage) : '–');
