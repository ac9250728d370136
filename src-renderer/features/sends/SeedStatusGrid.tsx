import { Fragment } from 'react';
import { PLACEMENTS, type Placement, type SendView } from '../../../src-preload/api/sends';
import { StatusChip, VerdictChip } from '../../components/Status';
import { authStatus, clock, placementStatus, recipientStatus, SEND_TONE, when } from './tones';

interface Props {
  send: SendView | null;
  refreshing: boolean;
  onRefresh: () => void;
  /** Events are read again by themselves for a few minutes after a send (until this time). */
  pollingUntil?: string | null;
  onMark: (address: string, placement: Placement | null) => void;
}

/** Seed × latest event for one send: the question "where did it land, and what did Postmark see?". */
export function SeedStatusGrid({ send, refreshing, onRefresh, pollingUntil, onMark }: Props) {
  return (
    <div className="card sends-grid">
      <div className="sends-card-head">
        <h2>Per-seed status</h2>
        {send && <StatusChip tone={SEND_TONE[send.state]} label={send.state} />}
        <span className="grow" />
        <button className="btn small" onClick={onRefresh} disabled={!send || refreshing}>
          {refreshing ? 'Refreshing…' : 'Refresh events'}
        </button>
      </div>
      {!send && <p className="muted">No test send yet. Pick seeds and press Send; each seed's delivery, bounce or open shows here.</p>}
      {send && (
        <>
          <div className="muted small">
            Send #{send.id} · {when(send.createdAt)} UTC · from <span className="mono">{send.from}</span>
            {send.eventsAt ? ` · events read ${when(send.eventsAt)} UTC` : ' · events not read yet'}
            {pollingUntil ? <span data-testid="events-polling"> · reading events by itself until {clock(pollingUntil)} UTC</span> : null}
          </div>
          {send.queue?.state === 'queued' && send.queue.confirming ? (
            <div className="sends-queued" role="status">
              Confirming with Postmark: the answer to attempt {send.queue.attempts} was lost, so Behalf is looking for these messages in Postmark (its search
              lags behind a send) before sending anything again.
              {send.queue.confirming.nextCheckAt ? ` Next check ${when(send.queue.confirming.nextCheckAt)} UTC.` : ''}
            </div>
          ) : (
            send.queue?.state === 'queued' &&
            send.queue.lastError && (
              <div className="sends-queued" role="status">
                Queued after attempt {send.queue.attempts}: {send.queue.lastError.message}
                {send.queue.nextAttemptAt ? ` Next attempt ${when(send.queue.nextAttemptAt)} UTC.` : ''}
              </div>
            )
          )}
          <table className="dtable sends-table" aria-label="Per-seed status">
            <thead>
              <tr>
                <th>Seed</th>
                <th>Status</th>
                <th>When (UTC)</th>
                <th>Detail</th>
                <th>Found in</th>
              </tr>
            </thead>
            <tbody>
              {send.recipients.map((r) => {
                const s = recipientStatus(r, send.queue?.confirming != null);
                const p = placementStatus(r);
                const auth = authStatus(r);
                return (
                  <Fragment key={r.address}>
                    <tr data-testid={`seed-status-${r.address}`}>
                      <td>
                        <span className="mono">{r.address}</span>
                        {r.provider && (
                          <div>
                            <span className="tag">{r.provider}</span>
                          </div>
                        )}
                      </td>
                      <td>
                        <StatusChip tone={s.tone} label={s.label} />
                      </td>
                      <td className="mono small" title={r.eventAt ?? r.submittedAt ?? ''}>
                        {clock(r.eventAt ?? r.submittedAt)}
                      </td>
                      <td className="sends-detail">
                        {r.state === 'sent' ? (
                          r.eventDetail || (
                            <span className="mono muted" title="Postmark MessageID">
                              {r.messageId}
                            </span>
                          )
                        ) : (
                          <>
                            {r.errorCode ? <span className="mono">[{r.errorCode}] </span> : null}
                            {r.message}
                            {r.hint && <div className="muted small">{r.hint}</div>}
                          </>
                        )}
                      </td>
                      <td className="sends-placement">
                        {r.state === 'sent' ? (
                          <>
                            <StatusChip tone={p.tone} label={p.label} />
                            {p.source && (
                              <div className="muted small" data-testid="placement-source">
                                {p.source}
                                {r.foundFolder ? ` · ${r.foundFolder}` : ''}
                              </div>
                            )}
                            <select
                              className="input small"
                              aria-label={`Where ${r.address} landed`}
                              value={r.placement ?? ''}
                              onChange={(e) => onMark(r.address, e.target.value === '' ? null : (e.target.value as Placement))}
                            >
                              <option value="">not checked</option>
                              {PLACEMENTS.map((x) => (
                                <option key={x} value={x}>
                                  {x}
                                </option>
                              ))}
                            </select>
                          </>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    </tr>
                    {(r.hasMailbox || auth) && (
                      // Its own line under the seed: the receiver's words are long, and the grid must stay narrow.
                      <tr className="sends-auth-row">
                        <td colSpan={5} data-testid={`seed-auth-${r.address}`}>
                          <div className="sends-auth-list">
                            <span className="muted small">As received:</span>
                            {auth ? (
                              auth.map((v) => <VerdictChip key={v.word} verdict={v} />)
                            ) : r.mailboxError ? (
                              <span className="small">{r.mailboxError}</span>
                            ) : (
                              <span className="muted small">{r.state === 'sent' ? 'not read yet' : '—'}</span>
                            )}
                          </div>
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
