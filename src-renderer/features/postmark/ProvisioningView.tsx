import { useState } from 'react';
import { useApi, useEvent } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { EmptyState, ErrorBox } from '../../components/Feedback';
import { ConnectionNote } from './ConnectionNote';
import { JobsTable } from './JobsTable';
import { ReconcilePanel } from './ReconcilePanel';

const OPEN = ['queued', 'running', 'needs-attention', 'failed'] as const;

/** Sidebar → Provisioning: the global outbox (every waiting or failed Postmark job) and reconcile. */
export function ProvisioningView() {
  const api = useApi();
  const [showDone, setShowDone] = useState(false);
  const jobsQuery = useQuery(() => api.postmark.jobs(showDone ? {} : { states: [...OPEN] }), [api, showDone]);
  const statusQuery = useQuery(() => api.postmark.status({}), [api]);
  const jobs = jobsQuery.data?.jobs ?? null;
  const status = statusQuery.data ?? null;
  const { busy, error, run } = useMutation();

  const load = () => {
    jobsQuery.reload();
    statusQuery.reload();
  };
  useEvent('outbox.changed', load);
  useEvent('settings.changed', load);

  const attention = jobs?.filter((j) => j.state === 'needs-attention' || j.state === 'failed').length ?? 0;
  return (
    <div className="page">
      <div className="page-head">
        <h1>Provisioning</h1>
        {status && (
          <span className="muted">
            {status.queued} queued · {status.attention} need attention · Postmark {status.simulated ? 'simulated' : status.endpoint}
          </span>
        )}
      </div>
      <ConnectionNote status={status} />
      {error ? <ErrorBox error={error} /> : null}
      {jobsQuery.error ? <ErrorBox error={jobsQuery.error} /> : null}
      {statusQuery.error ? <ErrorBox error={statusQuery.error} /> : null}
      <div className="card pm-card">
        <div className="pm-card-head">
          <h2>Outbox</h2>
          {attention > 0 && (
            <span className="warn-text">
              {attention} job{attention === 1 ? '' : 's'} need{attention === 1 ? 's' : ''} attention
            </span>
          )}
          <span className="grow" />
          <label className="pm-inline small">
            <input type="checkbox" checked={showDone} onChange={(e) => setShowDone(e.target.checked)} /> show finished jobs
          </label>
        </div>
        {jobs === null ? (
          <div className="muted">Reading the outbox…</div>
        ) : jobs.length === 0 ? (
          <EmptyState title="Nothing waiting">
            Every Postmark operation has finished. Provision a tenant from its Postmark tab, or run a reconcile below.
          </EmptyState>
        ) : (
          <JobsTable
            jobs={jobs}
            showTenant
            busy={busy}
            onRetry={(j) => void run(`retry-${j.id}`, async () => (await api.postmark.retryJob({ jobId: j.id }), load()))}
            onCancel={(j) => void run(`cancel-${j.id}`, async () => (await api.postmark.cancelJob({ jobId: j.id }), load()))}
          />
        )}
      </div>
      <ReconcilePanel />
    </div>
  );
}
