import { useState } from 'react';
import { DKIM_POLICY_SOURCE, type DkimFilter, type DkimProgressResult, type DkimRotateResult, type DkimRow } from '../../../src-preload/api/dkim';
import { useApi, useEvent } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { EmptyState, ErrorBox } from '../../components/Feedback';
import { StatusChip } from '../../components/Status';
import { ageWord, bitsWord, day, isRotating, keyState, STAGE_VIEW } from './dkim-words';
import './dkim.css';

type Filter = DkimFilter;
/** Rows a page shows; the chips' counts cover every option-1 tenant. */
const PAGE_ROWS = 500;
const FILTERS: { id: Filter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'due', label: 'Due' },
  { id: 'rotating', label: 'Rotating' },
];

/**
 * DKIM keys: every option-1 tenant's Postmark DKIM keys with age, length and state; the keys due under the policy;
 * a bulk rotate (outbox + the customer's new sheet) and each rotation followed to "old key deleted from DNS".
 */
export function DkimView() {
  const api = useApi();
  const [filter, setFilter] = useState<Filter>('all');
  const list = useQuery(() => api.dkim.list({ filter, limit: PAGE_ROWS }), [api, filter]);
  const action = useMutation();
  const [confirming, setConfirming] = useState(false);
  const [rotated, setRotated] = useState<DkimRotateResult | null>(null);
  const [progress, setProgress] = useState<DkimProgressResult | null>(null);
  useEvent('tenants.changed', list.reload);
  useEvent('settings.changed', list.reload);
  useEvent('outbox.changed', list.reload);

  const data = list.data;
  const rows = data?.rows ?? [];
  const rotating = data?.counts.rotating ?? 0;

  const rotateDue = () =>
    void action
      .run('rotate', () => api.dkim.rotate({ allDue: true }))
      .then((r) => {
        setConfirming(false);
        if (r) setRotated(r);
        list.reload();
      });
  const rotateOne = (r: DkimRow) =>
    void action.run(`rotate-${r.tenantId}`, () => api.dkim.rotate({ tenantIds: [r.tenantId] })).then((x) => (x && setRotated(x), list.reload()));
  const checkProgress = (tenantId?: string) =>
    void action
      .run(tenantId ? `progress-${tenantId}` : 'progress', () => api.dkim.progress(tenantId ? { tenantId } : {}))
      .then((x) => (x && setProgress(x), list.reload()));

  return (
    <div className="page">
      <div className="page-head">
        <h1 className="nowrap">DKIM keys</h1>
        <span className="muted">Each option-1 customer’s Postmark DKIM key: its age, length, and when it is due.</span>
        <span className="grow" />
        <button className="btn" onClick={() => checkProgress()} disabled={action.busy !== null || rotating === 0}>
          {action.busy === 'progress' ? 'Checking…' : `Check progress${rotating ? ` (${rotating})` : ''}`}
        </button>
        <button className="btn primary" onClick={() => setConfirming(true)} disabled={action.busy !== null || !data || data.due === 0}>
          Rotate all due{data ? ` (${data.due})` : ''}
        </button>
      </div>
      {list.error ? <ErrorBox error={list.error} /> : null}
      {action.error ? <ErrorBox error={action.error} /> : null}
      {confirming && data && (
        <div className="card dkim-confirm" role="group" aria-labelledby="dkim-confirm-title">
          <h2 id="dkim-confirm-title">
            Rotate {data.due} DKIM key{data.due === 1 ? '' : 's'}?
          </h2>
          <p>
            Postmark makes a new key for each domain (queued in the outbox). Each customer with an IT contact is emailed their new instruction sheet; the
            current key keeps signing until the new one is published and verified.
          </p>
          <div className="row-actions">
            <button className="btn primary" onClick={rotateDue} disabled={action.busy !== null}>
              {action.busy === 'rotate' ? 'Rotating…' : `Rotate ${data.due} key${data.due === 1 ? '' : 's'}`}
            </button>
            <button className="btn" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {rotated && (
        <p role="status" className="small-print">
          Queued {rotated.queued.length} rotation{rotated.queued.length === 1 ? '' : 's'}.
          {rotated.skipped.length > 0 && ` Not rotated: ${rotated.skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}.`}
        </p>
      )}
      {progress && (
        <p role="status" className="small-print">
          {progress.advanced.length === 0 ? 'No rotation moved on.' : progress.advanced.map((a) => `${a.name}: ${STAGE_VIEW[a.to].word}`).join('; ') + '.'}
          {progress.failed.length > 0 && ` Not checked: ${progress.failed.map((f) => `${f.name} (${f.message})`).join('; ')}.`}
        </p>
      )}
      <div className="toolbar" role="radiogroup" aria-label="Show">
        {FILTERS.map((f) => (
          <button key={f.id} role="radio" className="chip-toggle" aria-checked={filter === f.id} onClick={() => setFilter(f.id)}>
            {f.label}
            {f.id === 'due' && data ? ` (${data.due})` : f.id === 'rotating' ? ` (${rotating})` : data ? ` (${data.counts.all.toLocaleString('en')})` : ''}
          </button>
        ))}
      </div>
      {!data && !list.error && <p className="muted">Loading…</p>}
      {data && data.counts.all === 0 && (
        <EmptyState title="No option-1 tenants yet">
          DKIM keys are Postmark’s for customers whose own domain is authenticated (option 1). Provision one and its key shows here.
        </EmptyState>
      )}
      {data && data.counts.all > 0 && rows.length === 0 && <p className="muted">Nothing {filter === 'due' ? 'is due' : 'is rotating'} right now.</p>}
      {rows.length > 0 && (
        <table className="dtable dkim-table" aria-label="DKIM keys per tenant">
          <thead>
            <tr>
              <th>Tenant</th>
              <th>Keys</th>
              <th className="num">Age</th>
              <th>Due</th>
              <th>Rotation</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.tenantId} data-testid={`dkim-row-${r.name}`}>
                <td>
                  <a href={`#/tenants/${encodeURIComponent(r.tenantId)}/postmark`}>{r.name}</a>
                  <div className="muted small-print">{r.domain}</div>
                </td>
                <td>
                  {r.keys.length === 0 ? (
                    <span className="muted">Not in Postmark yet</span>
                  ) : (
                    <ul className="dkim-keys">
                      {r.keys.map((k) => {
                        const s = keyState(k);
                        return (
                          <li key={`${k.role}-${k.host}`}>
                            <StatusChip tone={s.tone} label={s.word} />
                            <code title={k.host}>{k.selector}</code>
                            <span className={k.bits !== null && k.bits < 2048 ? 'muted' : ''}>{bitsWord(k)}</span>
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </td>
                <td className="num">{ageWord(r)}</td>
                <td>{r.due ? <StatusChip tone="warning" label="Due" /> : r.dueAt ? day(r.dueAt) : '–'}</td>
                <td className="rotation">
                  {r.rotation ? (
                    <div className="dkim-rotation">
                      <StatusChip tone={STAGE_VIEW[r.rotation.stage].tone} label={STAGE_VIEW[r.rotation.stage].word} />
                      <div className="small-print step">{r.rotation.failure ?? r.rotation.next}</div>
                      {r.rotation.stage !== 'failed' && <div className="small-print muted step">{sheetWords(r.rotation.sheet)}</div>}
                    </div>
                  ) : (
                    <span className="muted">Never rotated through Behalf</span>
                  )}
                </td>
                <td className="row-actions">
                  {isRotating(r) ? (
                    <button
                      className="btn"
                      onClick={() => checkProgress(r.tenantId)}
                      disabled={action.busy !== null}
                      aria-label={`Check progress of ${r.name}`}
                    >
                      {action.busy === `progress-${r.tenantId}` ? 'Checking…' : 'Check progress'}
                    </button>
                  ) : r.keys.some((k) => k.role === 'active') && !r.keys.some((k) => k.role === 'pending') ? (
                    <button className="btn" onClick={() => rotateOne(r)} disabled={action.busy !== null} aria-label={`Rotate the key of ${r.name}`}>
                      {action.busy === `rotate-${r.tenantId}` ? 'Rotating…' : 'Rotate'}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.total > rows.length && (
        <p className="muted small-print" data-testid="dkim-truncated">
          Showing the {rows.length.toLocaleString('en')} most urgent of {data.total.toLocaleString('en')}. Pick Due or Rotating above for a shorter list;
          `behalf dkim list` prints them all.
        </p>
      )}
      {data && (
        <p className="muted small-print">
          Policy: rotate every {data.policyMonths} months (Settings → DKIM rotation). Age counts from when Behalf first saw the key active; “≥” when it was
          already active then. Length is read from the key itself. {DKIM_POLICY_SOURCE}
        </p>
      )}
    </div>
  );
}

function sheetWords(sheet: { state: 'waiting' | 'sent' | 'no-contact' | 'failed'; detail: string }): string {
  if (sheet.state === 'waiting') return 'Sheet: sent to the IT contact once Postmark has the new key.';
  return sheet.state === 'failed' ? `Sheet not sent: ${sheet.detail}` : `Sheet: ${sheet.detail}`;
}
