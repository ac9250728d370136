import { useState, type ReactNode } from 'react';
import type { SnapshotView } from '../../src-preload/api/backups';
import { ErrorBox } from '../components/Feedback';
import { SnapshotTable, formatWhen } from '../features/settings/SnapshotTable';
import { useApi } from './api-context';
import { useMutation } from './data/use-mutation';
import { useQuery } from './data/use-query';

type Status = Awaited<ReturnType<ReturnType<typeof useApi>['recovery']['status']>>;

/**
 * The ledger could not be opened at start (issue #20): instead of the console, a screen that says so and offers
 * the good snapshots. The damaged file is never overwritten: restoring sets it aside and puts the snapshot in place.
 */
export function RecoveryGate({ children }: { children: ReactNode }) {
  const api = useApi();
  const query = useQuery(() => api.recovery.status({}), [api]);
  if (!query.data && !query.error) return null;
  // Unreadable recovery status opens the console all the same: its own screens then show what fails, with hints.
  if (query.error || !query.data?.active) return <>{children}</>;
  return <RecoveryScreen status={query.data} />;
}

function RecoveryScreen({ status }: { status: Status }) {
  const api = useApi();
  const [confirming, setConfirming] = useState<SnapshotView | null>(null);
  const action = useMutation();
  const busy = action.busy !== null;
  const error = action.error;
  const [restored, setRestored] = useState('');
  const good = status.snapshots.find((s) => !s.problem);

  const restore = async (s: SnapshotView) => {
    const r = await action.run('restore', () => api.recovery.restore({ name: s.name }));
    if (r) setRestored(r.message);
    setConfirming(null);
  };

  return (
    <main className="recovery">
      <h1>The ledger cannot be opened</h1>
      <div className="error-box" role="alert">
        <div>{status.problem}</div>
      </div>
      {restored ? (
        <section className="card">
          <p role="status">{restored}</p>
          <button className="btn primary" onClick={() => window.location.reload()}>
            Open the console
          </button>
        </section>
      ) : (
        <section className="card">
          <p>
            Nothing was changed: the damaged file stays where it is.{' '}
            {good ? (
              <>
                The latest good snapshot is from <strong>{formatWhen(good.takenAt)}</strong>.
              </>
            ) : (
              'No good snapshot was found in the backup folder.'
            )}
          </p>
          {confirming && (
            <div className="confirm-box" role="alertdialog" aria-labelledby="recover-q">
              <p id="recover-q">
                Restore the snapshot of <strong>{formatWhen(confirming.takenAt)}</strong> ({confirming.tenants} tenants)? The damaged ledger is kept beside it.
              </p>
              <div className="toolbar">
                <button className="btn danger" disabled={busy} onClick={() => void restore(confirming)}>
                  Restore this snapshot
                </button>
                <button className="btn" disabled={busy} onClick={() => setConfirming(null)}>
                  Cancel
                </button>
              </div>
            </div>
          )}
          {error ? <ErrorBox error={error} /> : null}
          {status.snapshots.length > 0 && <SnapshotTable snapshots={status.snapshots} onRestore={setConfirming} label="Snapshots" />}
          <p className="muted small-print">From a terminal: {status.hint}</p>
        </section>
      )}
    </main>
  );
}
