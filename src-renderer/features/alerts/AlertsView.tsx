import { useState } from 'react';
import type { Alert, AlertKind, WatchRound } from '../../../src-preload/api/alerts';
import { useApi, useEvent } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { EmptyState, ErrorBox } from '../../components/Feedback';
import { StatusChip, type Tone } from '../../components/Status';
import { canAskForNotifications } from './notify';
import './alerts.css';

const KIND_VIEW: Record<AlertKind, { word: string; tone: Tone; tab: string }> = {
  'dkim-gone': { word: 'DKIM gone', tone: 'failing', tab: 'dns' },
  'dmarc-tightened': { word: 'DMARC tightened', tone: 'failing', tab: 'dns' },
  'health-in-trouble': { word: 'In trouble', tone: 'failing', tab: 'health' },
  'dmarc-new-failing-sender': { word: 'New failing sender', tone: 'warning', tab: 'dmarc' },
  'dkim-revoked-safe': { word: 'Old DKIM key safe to delete', tone: 'warning', tab: 'dns' },
};

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** Alerts: what the watch noticed, newest first. Acknowledge to file one away; snooze to hide it from the count for a day. */
export function AlertsView() {
  const api = useApi();
  const [showAll, setShowAll] = useState(false);
  const [round, setRound] = useState<WatchRound | null>(null);
  const [mayAsk, setMayAsk] = useState(canAskForNotifications);
  const ask = () => void Notification.requestPermission().finally(() => setMayAsk(canAskForNotifications()));
  const list = useQuery(() => api.alerts.list({ includeAcknowledged: showAll }), [api, showAll]);
  const action = useMutation();
  useEvent('alerts.changed', list.reload);
  useEvent('tenants.changed', list.reload);

  const runNow = () => void action.run('watch', () => api.watch.runOnce({})).then((r) => (r && setRound(r), list.reload()));
  const acknowledge = (a: Alert) => void action.run(`ack-${a.id}`, () => api.alerts.acknowledge({ id: a.id })).then(list.reload);
  const snooze = (a: Alert) => void action.run(`snooze-${a.id}`, () => api.alerts.snooze({ id: a.id, hours: 24 })).then(list.reload);
  const alerts = list.data?.alerts ?? [];

  return (
    <div className="page">
      <div className="page-head">
        <h1>Alerts</h1>
        <span className="muted">
          What the watch noticed: DKIM gone, DMARC tightened under option 2, a tenant in trouble, a new sender failing DMARC, an old DKIM key safe to delete.
          Each fact once.
        </span>
        <span className="grow" />
        {mayAsk && (
          <button className="btn" onClick={ask}>
            Notify me of new alerts
          </button>
        )}
        <button className="btn primary" onClick={runNow} disabled={action.busy === 'watch'}>
          {action.busy === 'watch' ? 'Watching…' : 'Run a watch round now'}
        </button>
      </div>
      {list.error ? <ErrorBox error={list.error} /> : null}
      {action.error ? <ErrorBox error={action.error} /> : null}
      {round && (
        <p role="status" className="small-print">
          Rechecked {round.checked} tenant{round.checked === 1 ? '' : 's'}; {round.raised.length} new alert{round.raised.length === 1 ? '' : 's'}.
          {round.failed.length > 0 && ` Not checked: ${round.failed.map((f) => `${f.name} (${f.step}: ${f.message})`).join('; ')}.`}
        </p>
      )}
      <div className="toolbar">
        <label className="check">
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> Show acknowledged
        </label>
        {list.data && (
          <span className="muted" data-testid="alerts-unread">
            {list.data.unread} unread
          </span>
        )}
      </div>
      {!list.data && !list.error && <p className="muted">Loading…</p>}
      {list.data && alerts.length === 0 && (
        <EmptyState title={showAll ? 'No alerts yet' : 'Nothing to look at'}>
          The watch rechecks DNS, refreshes sending health and reads DMARC reports every few hours (Settings → Watch), or when you run a round now.
        </EmptyState>
      )}
      {alerts.length > 0 && (
        <ul className="alert-list" aria-label="Alerts">
          {alerts.map((a) => {
            const v = KIND_VIEW[a.kind];
            return (
              <li key={a.id} className={`alert-item${a.unread ? ' unread' : ''}`} data-testid={`alert-${a.id}`}>
                <div className="alert-head">
                  <StatusChip tone={v.tone} label={v.word} />
                  <strong>{a.title}</strong>
                  <span className="grow" />
                  <span className="muted small-print">{when(a.raisedAt)}</span>
                </div>
                <p className="alert-detail">{a.detail}</p>
                <div className="alert-actions">
                  {a.tenantId && <a href={`#/tenants/${encodeURIComponent(a.tenantId)}/${v.tab}`}>Open {a.tenantName ?? 'the tenant'}</a>}
                  <span className="grow" />
                  {a.acknowledgedAt ? (
                    <span className="muted small-print">Acknowledged {when(a.acknowledgedAt)}</span>
                  ) : (
                    <>
                      {a.snoozedUntil && !a.unread && <span className="muted small-print">Snoozed until {when(a.snoozedUntil)}</span>}
                      {a.unread && (
                        <button className="btn" onClick={() => snooze(a)} disabled={action.busy !== null}>
                          Snooze a day
                        </button>
                      )}
                      <button className="btn" onClick={() => acknowledge(a)} disabled={action.busy !== null}>
                        Acknowledge
                      </button>
                    </>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
