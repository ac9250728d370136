import type { SendView } from '../../../src-preload/api/sends';
import { StatusChip } from '../../components/Status';
import { placementStatus, recipientStatus, SEND_TONE, when } from './tones';

interface Props {
  sends: SendView[];
  selected: number | null;
  onSelect: (id: number) => void;
  onRetry: () => void;
  onCancel: (id: number) => void;
}

/** Every test send for the tenant, newest first; queued ones can be retried now or cancelled. */
export function SendHistory({ sends, selected, onSelect, onRetry, onCancel }: Props) {
  return (
    <div className="card">
      <h2>History</h2>
      {sends.length === 0 ? (
        <p className="muted">Nothing sent for this tenant yet.</p>
      ) : (
        <table className="dtable sends-table" aria-label="Test send history">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Created (UTC)</th>
              <th>State</th>
              <th>Seeds</th>
              <th>Found in</th>
              <th>From</th>
              <th>Subject template</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sends.map((s) => (
              <tr key={s.id} className={s.id === selected ? 'selected' : undefined}>
                <td className="num">
                  <button className="linkish" onClick={() => onSelect(s.id)} aria-label={`Show send ${s.id}`}>
                    {s.id}
                  </button>
                </td>
                <td className="mono small">{when(s.createdAt)}</td>
                <td>
                  <StatusChip tone={SEND_TONE[s.state]} label={s.state} />
                </td>
                <td>{summary(s)}</td>
                <td data-testid={`send-placement-${s.id}`}>{placements(s)}</td>
                <td className="mono small sends-clip" title={s.from}>
                  {s.from}
                </td>
                <td className="sends-clip" title={s.subject}>
                  {s.subject}
                </td>
                <td>
                  {s.queue?.state === 'queued' && (
                    <span className="toolbar">
                      <button className="btn small" onClick={onRetry}>
                        Retry now
                      </button>
                      <button className="btn small danger" onClick={() => onCancel(s.id)}>
                        Cancel
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function summary(s: SendView): string {
  const counts = new Map<string, number>();
  for (const r of s.recipients) {
    const label = recipientStatus(r).label;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, n]) => `${n} ${label}`).join(', ');
}

/** What staff found in the seed inboxes, e.g. "1 in the inbox, 1 in spam"; "not checked" when nobody looked. */
function placements(s: SendView): string {
  const counts = new Map<string, number>();
  for (const r of s.recipients) {
    if (r.state !== 'sent' || !r.placement) continue;
    const label = placementStatus(r).label;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return counts.size ? [...counts].map(([label, n]) => `${n} ${label}`).join(', ') : 'not checked';
}
