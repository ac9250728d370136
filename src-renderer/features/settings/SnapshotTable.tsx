import type { SnapshotView } from '../../../src-preload/api/backups';

const formatBytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`);
export const formatWhen = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Snapshots newest first: when, size, what is in it; a damaged one says why instead of offering a restore. */
export function SnapshotTable({ snapshots, onRestore, label }: { snapshots: SnapshotView[]; onRestore: (s: SnapshotView) => void; label: string }) {
  return (
    <table className="dtable compact" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Taken</th>
          <th scope="col">Size</th>
          <th scope="col">Tenants</th>
          <th scope="col">DMARC reports</th>
          <th scope="col">
            <span className="sr-only">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {snapshots.map((s) => (
          <tr key={s.name}>
            <td title={s.name}>
              {formatWhen(s.takenAt)}
              {s.name.includes('-before-restore') ? <span className="muted"> (before a restore)</span> : null}
            </td>
            <td>{formatBytes(s.size)}</td>
            {s.problem ? (
              <td colSpan={2} className="muted">
                {s.problem}
              </td>
            ) : (
              <>
                <td>{s.tenants?.toLocaleString()}</td>
                <td>{s.reports?.toLocaleString()}</td>
              </>
            )}
            <td>
              {!s.problem && (
                <button className="btn" onClick={() => onRestore(s)} aria-label={`Restore the snapshot of ${formatWhen(s.takenAt)}`}>
                  Restore…
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
