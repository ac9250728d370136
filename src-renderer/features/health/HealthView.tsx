import { useCallback, useRef, useState } from 'react';
import type { EventMap } from '../../../src-preload/api/events';
import type { HealthRefreshTaskResult, HealthVerdict } from '../../../src-preload/api/health';
import { HEALTH_THRESHOLD_SOURCES } from '../../../src-preload/api/health';
import { useApi, useEvent } from '../../app/api-context';
import { useQuery } from '../../app/data/use-query';
import { EmptyState, ErrorBox, ProgressBar } from '../../components/Feedback';
import { fetchedAge } from './health-words';
import { HealthRows } from './HealthRows';
import './health.css';

const source = (key: keyof typeof HEALTH_THRESHOLD_SOURCES) => HEALTH_THRESHOLD_SOURCES[key].replace(/\.$/, '');

/** Rows shown at once: the worst ones are what a person acts on, and a big ledger's full list is tens of MB. */
const PAGE_ROWS = 500;

const FILTERS: { id: 'all' | HealthVerdict; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'in-trouble', label: 'In trouble' },
  { id: 'degrading', label: 'Degrading' },
  { id: 'quiet', label: 'Quiet' },
];

/** Health: every tenant's sending side by side, worst first, from the ledger's cache (works offline). */
export function HealthView() {
  const api = useApi();
  const [filter, setFilter] = useState<'all' | HealthVerdict>('all');
  // The worst PAGE_ROWS of the chosen verdict; the counts on the chips cover every tenant.
  const overviewQuery = useQuery(() => api.health.overview({ verdict: filter, limit: PAGE_ROWS }), [api, filter], {
    refreshOn: ['tenants.changed', 'settings.changed'],
  });
  const overview = overviewQuery.data ?? null;
  const [actionError, setError] = useState<unknown>(null);
  const error = actionError || overviewQuery.error;
  const [taskId, setTaskId] = useState<string | null>(null);
  // The ref sees the id as soon as refreshStart answers, before React re-renders with the new state.
  const taskRef = useRef<string | null>(null);
  const [progress, setProgress] = useState<EventMap['task.progress'] | null>(null);
  const [outcome, setOutcome] = useState<HealthRefreshTaskResult | null>(null);
  const running = taskId !== null && (outcome === null || outcome.state === 'running');

  const load = overviewQuery.reload;

  const finish = useCallback(
    (id: string) => {
      void api.health.refreshResult({ taskId: id }).then((r) => {
        setOutcome(r);
        if (r.state !== 'running') load();
      }, setError);
    },
    [api, load],
  );

  useEvent('task.progress', (p) => {
    if (p.taskId !== taskRef.current) return;
    setProgress(p);
    if (p.state !== 'running') finish(p.taskId);
  });

  /** Refresh every tenant as a task: "12 of 40" while it runs, Cancel stops before the next tenant. */
  const refresh = async () => {
    setError(null);
    setOutcome(null);
    setProgress(null);
    try {
      const { taskId: id } = await api.health.refreshStart({});
      taskRef.current = id;
      setTaskId(id);
      // A short run may end before its id is known here: read its state once.
      finish(id);
    } catch (err) {
      setError(err);
    }
  };
  const cancel = () => taskId && void api.tasks.cancel({ taskId }).catch(setError);
  const result = outcome?.state !== 'running' ? (outcome?.result ?? null) : null;
  const done = outcome && outcome.state !== 'running' ? outcome.done : (progress?.done ?? 0);
  const total = outcome && outcome.state !== 'running' ? outcome.total : (progress?.total ?? outcome?.total ?? 0);

  // Rows of another filter may still be on screen while the new answer is on its way: show only matching ones.
  const rows = overview ? overview.rows.filter((r) => filter === 'all' || r.verdict === filter) : [];
  const count = (v: HealthVerdict) => overview?.counts[v] ?? 0;
  const tenantsTotal = overview ? Object.values(overview.counts).reduce((n, c) => n + c, 0) : 0;
  const t = overview?.thresholds;

  return (
    <div className="page">
      <div className="page-head">
        <h1>Health</h1>
        <span className="muted">Every customer’s sending from Postmark’s statistics, worst first.</span>
        <span className="grow" />
        {overview && (
          <span className="muted" data-testid="health-age">
            {overview.oldestFetchAt ? `Oldest numbers ${fetchedAge(overview.oldestFetchAt)}` : 'Nothing fetched yet'}
          </span>
        )}
        <button className="btn primary" onClick={() => void refresh()} disabled={running}>
          {running ? 'Refreshing…' : 'Refresh from Postmark'}
        </button>
        {running && (
          <button className="btn" onClick={cancel}>
            Cancel
          </button>
        )}
      </div>
      {taskId && (running || outcome?.state === 'cancelled') && (
        <div className="health-progress" data-testid="health-progress">
          <span>
            {running ? `Refreshing ${done} of ${total}` : `Cancelled after ${done} of ${total}`}
            {progress?.message && running ? ` (${progress.message})` : ''}
          </span>
          <ProgressBar done={done} total={total} />
        </div>
      )}
      {error ? <ErrorBox error={error} /> : null}
      {result && (
        <p role="status" className="small-print">
          {outcome?.state === 'cancelled' ? 'Cancelled: ' : ''}Refreshed {result.refreshed} tenant{result.refreshed === 1 ? '' : 's'}
          {result.failed.length
            ? `; ${result.failed.length} failed: ${result.failed.map((f) => `${f.name} (${f.message})`).join('; ')}. The last numbers fetched are still shown.`
            : '.'}
        </p>
      )}
      <div className="toolbar" role="radiogroup" aria-label="Show">
        {FILTERS.map((f) => (
          <button key={f.id} role="radio" className="chip-toggle" aria-checked={filter === f.id} onClick={() => setFilter(f.id)}>
            {f.label}
            {f.id !== 'all' ? ` (${count(f.id)})` : ''}
          </button>
        ))}
      </div>
      {!overview && !error && <p className="muted">Loading…</p>}
      {overview && tenantsTotal === 0 && (
        <EmptyState title="No tenants being set up or live yet">
          Health lists tenants once their Postmark server is provisioned; their statistics come from that server.
        </EmptyState>
      )}
      {overview && tenantsTotal > 0 && rows.length === 0 && (
        <p className="muted">No tenant is {FILTERS.find((f) => f.id === filter)!.label.toLowerCase()} right now.</p>
      )}
      {rows.length > 0 && <HealthRows rows={rows} />}
      {overview && overview.total > overview.rows.length && (
        <p className="muted small-print" data-testid="health-truncated">
          Showing the worst {overview.rows.length.toLocaleString('en')} of {overview.total.toLocaleString('en')}. Pick a filter above to see a shorter list;
          `behalf health --json` gives every row.
        </p>
      )}
      {t && (
        <p className="muted small-print threshold-source">
          Over 7 days: complaints under {t.complaintRateMax}% ({source('complaintRateMax')}), aiming under {t.complaintRateAim}%; bounces under{' '}
          {t.bounceRateMax}% ({source('bounceRateMax')}); quiet after {t.quietDays} days without mail while live. Change them in Settings → Sending health.
        </p>
      )}
    </div>
  );
}
