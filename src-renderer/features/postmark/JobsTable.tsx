import type { OutboxJob } from '../../../src-preload/api/postmark';
import { StatusChip, type Tone } from '../../components/Status';

const TONE: Record<OutboxJob['state'], Tone> = {
  queued: 'pending',
  running: 'pending',
  'needs-attention': 'warning',
  failed: 'failing',
  succeeded: 'ok',
  cancelled: 'unknown',
};
const LABEL: Record<OutboxJob['state'], string> = {
  queued: 'queued',
  running: 'running',
  'needs-attention': 'needs attention',
  failed: 'failed',
  succeeded: 'done',
  cancelled: 'cancelled',
};

function when(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** Postmark jobs with why each one waits or failed, and retry/cancel where the outbox allows it. */
export function JobsTable({
  jobs,
  showTenant,
  busy,
  onRetry,
  onCancel,
}: {
  jobs: OutboxJob[];
  showTenant?: boolean;
  busy?: string | null;
  onRetry: (job: OutboxJob) => void;
  onCancel: (job: OutboxJob) => void;
}) {
  return (
    <table className="pm-jobs">
      <thead>
        <tr>
          {showTenant && <th>Tenant</th>}
          <th>Operation</th>
          <th>State</th>
          <th className="num">Tries</th>
          <th>Why it waits</th>
          <th>
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((j) => {
          const open = j.state === 'queued' || j.state === 'needs-attention' || j.state === 'failed';
          return (
            <tr key={j.id} className={j.state === 'failed' || j.state === 'needs-attention' ? 'bad' : undefined}>
              {showTenant && (
                <td>{j.tenantId ? <a href={`#/tenants/${j.tenantId}/postmark`}>{j.tenantName ?? j.tenantId}</a> : <span className="muted">account</span>}</td>
              )}
              <td>
                {j.label}
                <div className="muted small">
                  #{j.id} · queued {when(j.createdAt)}
                </div>
              </td>
              <td>
                <StatusChip tone={TONE[j.state]} label={LABEL[j.state]} />
              </td>
              <td className="num">{j.attempts}</td>
              <td>
                {j.lastError ? (
                  <>
                    <div>{j.lastError.message}</div>
                    {j.lastError.hint && <div className="muted small">{j.lastError.hint}</div>}
                  </>
                ) : j.state === 'queued' ? (
                  <span className="muted">{j.nextAttemptAt ? `next try ${when(j.nextAttemptAt)}` : 'waiting for Postmark'}</span>
                ) : null}
              </td>
              <td className="pm-job-actions">
                {open && (
                  <button className="btn small" disabled={busy != null} onClick={() => onRetry(j)} aria-label={`Retry job ${j.id}`}>
                    {busy === `retry-${j.id}` ? 'Retrying…' : 'Retry now'}
                  </button>
                )}
                {open && (
                  <button className="btn small" disabled={busy != null} onClick={() => onCancel(j)} aria-label={`Cancel job ${j.id}`}>
                    Cancel
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
