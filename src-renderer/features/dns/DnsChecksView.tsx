import { useRef, useState } from 'react';
import type { EventMap } from '../../../src-preload/api/events';
import { TENANT_STATUSES, type TenantStatus } from '../../../src-preload/api/tenant-statuses';
import { useApi, useEvent } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { useIntent } from '../../app/intents';
import { EmptyState, ErrorBox, ProgressBar } from '../../components/Feedback';
import { STATUS_LABEL } from '../../components/Status';
import { toggled } from '../../components/toggled';
import { BulkResults } from './BulkResults';

type OptionFilter = 1 | 2 | 3 | 'undecided';
const OPTIONS: OptionFilter[] = [1, 2, 3, 'undecided'];
type Progress = EventMap['task.progress'];

/** "DNS checks" area: recheck all tenants (or a filter) with progress and cancel; results by cause and drift. */
export function DnsChecksView() {
  const api = useApi();
  const [statuses, setStatuses] = useState<TenantStatus[]>([]);
  const [options, setOptions] = useState<OptionFilter[]>([]);
  const [taskId, setTaskId] = useState<string | null>(null);
  // The ref sees the id as soon as bulkStart answers, before React re-renders with the new state.
  const taskRef = useRef<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  // Read when the run starts (it may already be over: few tenants) and again when its last progress event says so.
  const summaryQuery = useQuery(
    async () => {
      const id = taskRef.current!;
      return { taskId: id, summary: await api.dns.bulkSummary({ taskId: id }) };
    },
    [api, taskId],
    { enabled: taskId !== null },
  );
  const summary = summaryQuery.data?.taskId === taskId ? summaryQuery.data.summary : null;
  const action = useMutation();
  const error = action.error || summaryQuery.error;
  const running = taskId !== null && (summary === null || summary.state === 'running');

  useEvent('task.progress', (p) => {
    if (p.taskId !== taskRef.current) return;
    setProgress(p);
    if (p.state !== 'running') summaryQuery.reload();
  });

  // The command palette's "Recheck DNS of all tenants" starts an unfiltered run (unless one is running).
  useIntent('dns.recheck-all', () => {
    if (running) return;
    setStatuses([]);
    setOptions([]);
    void start({ statuses: [], options: [] });
  });

  const start = async (filter: { statuses: TenantStatus[]; options: typeof options } = { statuses, options }) => {
    setProgress(null);
    const started = await action.run('start', () => api.dns.bulkStart({ ...filter, search: '' }));
    if (!started) return;
    taskRef.current = started.taskId;
    setTaskId(started.taskId);
  };
  const cancel = () => taskId && void action.run('cancel', () => api.tasks.cancel({ taskId }));

  // The last progress event can arrive before the id is known: until one comes, the first summary counts.
  const done = summary && summary.state !== 'running' ? summary.done : (progress?.done ?? summary?.done ?? 0);
  const total = summary && summary.state !== 'running' ? summary.total : progress?.total || summary?.total || 0;

  return (
    <div className="page">
      <div className="page-head">
        <h1>DNS checks</h1>
        <span className="muted">Recheck every tenant’s DNS; results are saved to each tenant’s history.</span>
      </div>
      <div className="card">
        <div className="toolbar" role="group" aria-label="Tenant status filter">
          <span className="muted filter-label">Status</span>
          {TENANT_STATUSES.filter((s) => s !== 'archived').map((s) => (
            <button key={s} className="chip-toggle" aria-pressed={statuses.includes(s)} onClick={() => setStatuses(toggled(statuses, s))} disabled={running}>
              {STATUS_LABEL[s]}
            </button>
          ))}
        </div>
        <div className="toolbar" role="group" aria-label="Option filter" style={{ marginTop: 6 }}>
          <span className="muted filter-label">Option</span>
          {OPTIONS.map((o) => (
            <button key={o} className="chip-toggle" aria-pressed={options.includes(o)} onClick={() => setOptions(toggled(options, o))} disabled={running}>
              {o === 'undecided' ? 'no option' : `option ${o}`}
            </button>
          ))}
          <span className="grow" />
        </div>
        <div className="toolbar" style={{ marginTop: 10 }}>
          <button className="btn primary" onClick={() => void start()} disabled={running}>
            {statuses.length || options.length ? 'Recheck matching tenants' : 'Recheck all tenants'}
          </button>
          {running && (
            <button className="btn" onClick={cancel}>
              Cancel
            </button>
          )}
          <span className="muted">
            {statuses.length || options.length ? 'Only tenants matching every chosen filter.' : 'No filter: every tenant except archived ones.'}
          </span>
        </div>
        {taskId && (
          <div style={{ marginTop: 10 }} data-testid="bulk-progress">
            <ProgressBar done={done} total={total} label={running ? 'Checking' : summary?.state === 'cancelled' ? 'Cancelled' : 'Finished'} />
          </div>
        )}
      </div>
      {error ? <ErrorBox error={error} /> : null}
      {!taskId && (
        <EmptyState title="No recheck run yet">
          Choose a filter (or none for every tenant) and start a recheck. Each result is saved and compared with the tenant’s previous check.
        </EmptyState>
      )}
      {summary &&
        summary.state !== 'running' &&
        (summary.done === 0 ? <EmptyState title="No tenants matched">Change the filter and start again.</EmptyState> : <BulkResults summary={summary} />)}
    </div>
  );
}
