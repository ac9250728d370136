import type { JobStateName, OutboxJob, PostmarkState } from '../../../src-preload/api/postmark';
import type { Services } from '../../app/services';
import { GLOBAL_OPTIONS, parse } from '../args';
import { EXIT, hintForCommand, table, UsageError, type Io } from '../output';

/** `behalf provision`, `behalf sync` and `behalf outbox`: the Postmark side of the CLI. */

function jobRows(jobs: OutboxJob[]): string {
  return table(
    jobs.map((j) => [String(j.id), j.tenantName ?? '-', j.label, j.state, String(j.attempts), j.lastError?.message ?? '']),
    ['JOB', 'TENANT', 'WHAT', 'STATE', 'TRIES', 'LAST ERROR'],
  );
}

function stateLines(st: PostmarkState): string[] {
  const lines: string[] = [];
  if (st.server) lines.push(`server  ${st.server.name} (${st.server.id})`);
  if (st.domain) {
    const d = st.domain;
    lines.push(
      `domain  ${d.name} (${d.id}) DKIM ${d.dkimVerified ? 'verified' : 'not verified'}, Return-Path ${d.returnPath.verified ? 'verified' : 'not verified'}`,
    );
    const key = d.pending ?? d.active;
    if (key) lines.push(`  TXT   ${key.host}  ${key.value}`);
    if (d.returnPath.domain) lines.push(`  CNAME ${d.returnPath.domain}  ${d.returnPath.cname}`);
  }
  if (st.sender) lines.push(`sender  ${st.sender.email} (${st.sender.id}) ${st.sender.confirmed ? 'confirmed' : 'waiting for the confirmation click'}`);
  return lines;
}

export async function provisionCommand(s: Services, argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    ...GLOBAL_OPTIONS,
    tenant: { type: 'string' },
    run: { type: 'boolean', default: false },
    'return-path': { type: 'string' },
    note: { type: 'string' },
  });
  if (!values.tenant) throw new UsageError('--tenant is required: behalf provision --tenant NAME|DOMAIN|ID [--run] [--return-path LABEL] [--note TEXT]');
  const tenant = s.tenants.find(values.tenant);
  const out = await s.postmark.provision(
    {
      id: tenant.id,
      ...(values['return-path'] ? { returnPathDomain: values['return-path'] } : {}),
      ...(values.note ? { personalNote: values.note } : {}),
    },
    { run: false },
  );
  const summary = values.run ? await s.postmark.runDue() : undefined;
  const after = { tenant: s.tenants.get(tenant.id), state: s.postmark.state(tenant.id), queued: out.queued, run: summary ?? null };
  if (values.json) io.out(JSON.stringify(after));
  else {
    io.out(`${after.tenant.name}: ${out.queued} job(s) queued; status ${after.tenant.status}.`);
    if (summary) io.out(`Ran ${summary.ran} job(s): ${summary.succeeded} succeeded, ${summary.retrying} will retry, ${summary.needsAttention} need attention.`);
    if (summary?.stoppedBy) io.out(`Stopped: ${summary.stoppedBy.message}${summary.stoppedBy.hint ? `\n  hint: ${summary.stoppedBy.hint}` : ''}`);
    if (!summary) io.out('Run `behalf sync` (or add --run) to send the queued jobs to Postmark.');
    for (const line of stateLines(after.state)) io.out(line);
    if (after.state.jobs.length) io.out(jobRows(after.state.jobs));
  }
  const stuck = after.state.jobs.some((j) => j.state === 'needs-attention' || j.state === 'failed');
  return stuck || summary?.stoppedBy ? EXIT.notOk : EXIT.ok;
}

export async function syncCommand(s: Services, argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { ...GLOBAL_OPTIONS });
  // Push queued work first, so the import sees what those jobs made.
  const run = await s.postmark.runDue();
  const report = run.stoppedBy ? undefined : await s.postmark.reconcile();
  const attention = s.postmark.jobs({ states: ['needs-attention', 'failed'] });
  if (values.json) io.out(JSON.stringify({ run, reconcile: report ?? null, attention }));
  else {
    io.out(`Outbox: ran ${run.ran} job(s), ${run.succeeded} succeeded, ${run.retrying} will retry, ${run.needsAttention} need attention.`);
    if (run.stoppedBy)
      io.out(`Postmark not reached: ${run.stoppedBy.message}${run.stoppedBy.hint ? `\n  hint: ${hintForCommand(run.stoppedBy.hint, 'sync')}` : ''}`);
    if (report) {
      io.out(`Reconcile: ${report.matched.length} matched, ${report.unmatched.length} unmatched, ${report.written} ledger row(s) written.`);
      if (report.unmatched.length) {
        io.out(
          table(
            report.unmatched.map((u) => [u.kind, String(u.postmarkId), u.name]),
            ['KIND', 'ID', 'NAME (not matched to a tenant: link it in the console)'],
          ),
        );
      }
    }
    if (attention.length) io.out(jobRows(attention));
  }
  return run.stoppedBy || attention.length ? EXIT.notOk : EXIT.ok;
}

export function outboxCommand(s: Services, argv: string[], io: Io): number {
  const { values } = parse(argv, {
    ...GLOBAL_OPTIONS,
    tenant: { type: 'string' },
    state: { type: 'string', multiple: true, default: [] },
    all: { type: 'boolean', default: false },
  });
  const states = (values.state.length ? values.state : values.all ? [] : ['queued', 'running', 'needs-attention', 'failed']) as JobStateName[];
  const jobs = s.postmark.jobs({ ...(values.tenant ? { tenantId: s.tenants.find(values.tenant).id } : {}), ...(states.length ? { states } : {}) });
  if (values.json) io.out(JSON.stringify({ jobs }));
  else {
    io.out(jobs.length ? jobRows(jobs) : 'The outbox is empty: no Postmark work is waiting.');
    if (jobs.length) io.out(`${jobs.length} job(s)${values.all ? '' : ' waiting or needing attention (--all shows finished ones)'}`);
  }
  return EXIT.ok;
}
