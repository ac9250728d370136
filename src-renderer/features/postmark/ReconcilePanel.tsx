import { useState } from 'react';
import type { ReconcileResult } from '../../../src-preload/api/postmark';
import { useApi, useEvent } from '../../app/api-context';
import { ApiError } from '../../app/client';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox, ProgressBar } from '../../components/Feedback';

type Unmatched = ReconcileResult['unmatched'][number];
const KIND = { server: 'Server', domain: 'Domain', sender: 'Sender signature' } as const;

/** Imports the account's objects, shows progress, and lists what matched no tenant so staff can link it. */
export function ReconcilePanel() {
  const api = useApi();
  const [taskId, setTaskId] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; message?: string } | null>(null);
  const [result, setResult] = useState<ReconcileResult | null>(null);
  const tenantsQuery = useQuery(() => api.tenants.list({ limit: 500 }), [api]);
  const tenants = tenantsQuery.data?.rows ?? [];
  const { busy, error, run } = useMutation();

  const finish = (id: string) =>
    void run('reconcile-result', async () => {
      setResult(await api.postmark.reconcileResult({ taskId: id }));
      setTaskId(null);
    });
  useEvent('task.progress', (p) => {
    if (p.taskId !== taskId) return;
    setProgress({ done: p.done, total: p.total, ...(p.message ? { message: p.message } : {}) });
    if (p.state !== 'running') finish(p.taskId);
  });

  const start = () =>
    run('reconcile', async () => {
      setResult(null);
      setProgress({ done: 0, total: 4, message: 'Starting' });
      const { taskId: id } = await api.postmark.reconcile({});
      setTaskId(id);
      // A quick reconcile may finish before this component knows its id (its events went by): ask once.
      const now = await api.postmark.reconcileResult({ taskId: id });
      if (now.state !== 'running') {
        setResult(now);
        setTaskId(null);
      }
    });
  const cancel = () => taskId && void run('cancel', () => api.tasks.cancel({ taskId }));
  const link = (u: Unmatched, tenantId: string) =>
    run(`link-${u.kind}-${u.postmarkId}`, async () => {
      await api.postmark.link({ kind: u.kind, postmarkId: u.postmarkId, tenantId });
      setResult(
        (r) =>
          r && {
            ...r,
            unmatched: r.unmatched.filter((x) => x !== u),
            matched: [...r.matched, { ...u, tenantId, tenantName: tenants.find((t) => t.id === tenantId)?.name ?? null }],
          },
      );
    });

  return (
    <div className="card pm-card">
      <div className="pm-card-head">
        <div>
          <h2>Reconcile with Postmark</h2>
          <span className="muted">
            Imports the account’s servers, domains and sender signatures and matches them to tenants by domain, From address or server name. Running it again
            changes nothing unless Postmark changed.
          </span>
        </div>
        <span className="grow" />
        {taskId ? (
          <button className="btn" onClick={cancel}>
            Cancel
          </button>
        ) : (
          <button className="btn primary" disabled={busy !== null} onClick={() => void start()}>
            Reconcile
          </button>
        )}
      </div>
      {taskId && progress && <ProgressBar done={progress.done} total={progress.total} label={progress.message ?? 'Reconciling'} />}
      {error ? <ErrorBox error={error} /> : null}
      {tenantsQuery.error ? <ErrorBox error={tenantsQuery.error} /> : null}
      {result?.error && <ErrorBox error={new ApiError(result.error.code, result.error.message, result.error.hint)} />}
      {result && result.state === 'done' && (
        <>
          <p>
            {result.matched.length} matched · {result.unmatched.length} unmatched ·{' '}
            {result.written === 0 ? 'nothing changed in the ledger' : `${result.written} ledger row${result.written === 1 ? '' : 's'} updated`}
          </p>
          {result.unmatched.length > 0 && (
            <table className="pm-jobs">
              <thead>
                <tr>
                  <th>Unmatched in Postmark</th>
                  <th>Name</th>
                  <th className="num">ID</th>
                  <th>Link to tenant</th>
                </tr>
              </thead>
              <tbody>
                {result.unmatched.map((u) => (
                  <tr key={`${u.kind}-${u.postmarkId}`}>
                    <td>{KIND[u.kind]}</td>
                    <td className="mono">{u.name}</td>
                    <td className="num mono">{u.postmarkId}</td>
                    <td>
                      <select
                        className="input"
                        aria-label={`Link ${u.name} to a tenant`}
                        defaultValue=""
                        disabled={busy !== null}
                        onChange={(e) => e.target.value && void link(u, e.target.value)}
                      >
                        <option value="">Choose a tenant…</option>
                        {tenants.map((t) => (
                          <option key={t.id} value={t.id}>
                            {t.name} ({t.domain})
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {result?.state === 'cancelled' && <p className="muted">Cancelled: what was already read is kept; run it again to finish.</p>}
    </div>
  );
}
