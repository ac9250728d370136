import { useState, type ReactNode } from 'react';
import type { SnapshotView } from '../../../src-preload/api/backups';
import { useApi } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox } from '../../components/Feedback';
import { SnapshotTable, formatWhen } from './SnapshotTable';

/**
 * Settings → Backups (issue #20): where snapshots go, how often, how many; the snapshots there; take one now;
 * restore one. Restore is live: main copies the snapshot into the open ledger with SQLite's backup API (atomic),
 * keeps the current ledger as a snapshot first, and every screen reloads from the restored ledger.
 */
export function BackupsCard({ fields }: { fields: ReactNode }) {
  const api = useApi();
  const listQuery = useQuery(() => api.backups.list({}), [api]);
  const list = listQuery.data ?? null;
  const { busy, error: actionError, run } = useMutation();
  const error = actionError || listQuery.error;
  const [done, setDone] = useState('');
  const [confirming, setConfirming] = useState<SnapshotView | null>(null);

  const act = async (what: string, fn: () => Promise<string>) => {
    setDone('');
    const message = await run(what, fn);
    if (message !== undefined) setDone(message);
    setConfirming(null);
    listQuery.reload();
  };
  const take = () => act('Taking a snapshot…', async () => `Snapshot taken: ${(await api.backups.take({})).name}.`);
  const restore = (s: SnapshotView) => act('Restoring…', async () => (await api.backups.restore({ name: s.name })).message);

  return (
    <section className="card backups-card" aria-labelledby="backups-title">
      <h2 id="backups-title">Backups</h2>
      <p className="muted small-print">
        A verified snapshot of the ledger when the console starts and every interval; older ones beyond the number kept are removed. Snapshots hold no Postmark
        token.
      </p>
      <div className="form">{fields}</div>
      {list && (
        <p className="small-print">
          Folder: <span className="mono">{list.folder}</span>
          {list.lastError ? <span className="error-text"> · Last snapshot failed: {list.lastError}</span> : null}
        </p>
      )}
      <div className="toolbar">
        <button className="btn" onClick={() => void take()} disabled={!!busy}>
          Take snapshot now
        </button>
        {busy && (
          <span className="muted" role="status">
            {busy}
          </span>
        )}
        {done && !busy && <span role="status">{done}</span>}
      </div>
      {error ? <ErrorBox error={error} /> : null}
      {confirming && (
        <div className="confirm-box" role="alertdialog" aria-labelledby="restore-q">
          <p id="restore-q">
            Replace the ledger with the snapshot of <strong>{formatWhen(confirming.takenAt)}</strong> ({confirming.tenants} tenants, {confirming.reports} DMARC
            reports)? Everything changed since then is replaced; the current ledger is kept as a snapshot first.
          </p>
          <div className="toolbar">
            <button className="btn danger" onClick={() => void restore(confirming)} disabled={!!busy}>
              Restore this snapshot
            </button>
            <button className="btn" onClick={() => setConfirming(null)} disabled={!!busy}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {list &&
        (list.snapshots.length ? (
          <SnapshotTable snapshots={list.snapshots} onRestore={setConfirming} label="Snapshots" />
        ) : (
          <p className="muted">No snapshots yet.</p>
        ))}
    </section>
  );
}
