import type { BulkRunSummary } from '../../dns/bulk-runs';
import type { DriftItem } from '../../dns/drift';
import type { CheckReport, SummaryStatus } from '../../dns/report';
import { checkVerdict, option2Verdict, recordVerdict } from '../../../src-preload/api/verdicts';
import { table } from '../output';

/** "Is option 2 safe?" from a report: the same facts the DNS tab reads (DMARC verdict, policy, MX). */
function option2Line(report: CheckReport): string {
  const mx = report.records.find((r) => r.kind === 'mx');
  const receivesMail = !mx || mx.status === 'error' ? null : mx.cause === 'ok';
  return option2Verdict({ dmarc: report.option2.verdict, policy: report.dmarc?.applied ?? null, receivesMail }).word;
}

/** Human output of one check: a table of records, then each record's message and fix, then DMARC/option 2. */
export function formatReport(report: CheckReport, status: SummaryStatus, drift: DriftItem[] = []): string {
  // Words from verdicts.ts, as in the console ("none found" for an informational record, never "ok").
  const rows = report.records.map((r) => [r.kind, r.name, recordVerdict(r).word, r.cause, r.ttl === null ? '-' : `${r.ttl}s`]);
  const lines = [
    `${report.domain}: ${checkVerdict(status).word}${report.option ? ` (option ${report.option})` : ''}`,
    '',
    table(rows, ['KIND', 'NAME', 'STATUS', 'CAUSE', 'TTL']),
    '',
  ];
  for (const r of report.records) {
    lines.push(`${r.kind} ${r.name}: ${r.message}`);
    if (r.status !== 'ok') {
      if (r.expected !== null) lines.push(`  expected: ${r.expected}`);
      if (r.observed !== null) lines.push(`  observed: ${r.observed}`);
      lines.push(`  fix: ${r.fix}`);
    }
  }
  lines.push('');
  lines.push(
    report.dmarc
      ? `DMARC: ${report.dmarc.record} (applied to ${report.dmarc.fromDomain}: ${report.dmarc.applied}, from ${report.dmarc.source})`
      : 'DMARC: no policy applies',
  );
  lines.push(`Option 2: ${option2Line(report)} (${report.option2.reason})`);
  if (drift.length > 0) {
    lines.push('', 'Drift since the previous check:');
    for (const d of drift) lines.push(`  [${d.severity}] ${d.code}: ${d.message}`);
  }
  return lines.join('\n');
}

/** Human output of a bulk run: counts per status, tenants grouped by cause, drift. */
export function formatBulk(s: BulkRunSummary): string {
  const b = s.byStatus;
  const lines = [
    `${s.done} of ${s.total} tenant(s) checked${s.state === 'cancelled' ? ' (cancelled)' : ''}: ${b.ok} ok, ${b.failing} failing, ${b.warning} warning, ${b.error} error, ${b['failed-to-check']} not checked`,
    '',
  ];
  for (const g of s.groups) {
    lines.push(`${g.cause} — ${g.count} tenant(s)`);
    for (const t of g.tenants) lines.push(`  ${t.tenantName} (${t.domain})${t.detail ? `: ${t.detail}` : ''}`);
    if (g.tenants.length < g.count) lines.push(`  … and ${g.count - g.tenants.length} more`);
  }
  if (s.drift.length > 0) {
    lines.push('', 'Drift since the previous check:');
    for (const d of s.drift) for (const i of d.items) lines.push(`  ${d.tenantName} (${d.domain}) [${i.severity}] ${i.code}: ${i.message}`);
  }
  return lines.join('\n');
}
