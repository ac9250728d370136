import { useEffect, useState } from 'react';
import type { TeamConflictView, TeamConnectResult } from '../../../src-preload/api/team';
import { useApi, useEvent } from '../../app/api-context';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox } from '../../components/Feedback';
import { TeamConnect } from './TeamConnect';
import { useTeamConnect, type ConnectKind } from './use-team-connect';
import { formatTeamTime, teamLine } from './team-line';
import { useTeamStatus } from './use-team-status';

/**
 * Settings → Team (issue #19): publishing or joining (single-user mode), the mode, the server (never its
 * password), who this console is in the audit trail, the sync state, and the conflicts to settle.
 */
export function TeamCard() {
  const api = useApi();
  const statusQuery = useTeamStatus();
  const status = statusQuery.data;
  const conflictsQuery = useQuery(() => api.team.conflicts({}), [api]);
  useEvent('team.changed', conflictsQuery.reload);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const [connected, setConnected] = useState('');
  const [connectForm, setConnectForm] = useState<ConnectKind | null>(null);

  useEffect(() => {
    setName(status?.operator?.name ?? '');
    setEmail(status?.operator?.email ?? '');
  }, [status?.operator?.name, status?.operator?.email]);

  const act = async (what: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setDone('');
    try {
      setDone(await what());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      statusQuery.reload();
      conflictsQuery.reload();
    }
  };
  const saveOperator = () =>
    act(async () => {
      statusQuery.setData(await api.team.setOperator({ name, email }));
      return 'Saved: your next changes carry this name.';
    });
  const connectDone = (r: TeamConnectResult) => {
    statusQuery.reload();
    conflictsQuery.reload();
    if (r.state === 'done' && r.rows !== null)
      setConnected(
        r.kind === 'join'
          ? `Joined the team: ${r.rows.toLocaleString()} rows copied into this console.`
          : `Published: ${r.rows.toLocaleString()} rows are now the team's ledger.`,
      );
  };
  const connect = useTeamConnect(connectDone);
  const resolve = (c: TeamConflictView, resolution: 'keep-theirs' | 'apply-mine') =>
    act(async () => {
      await api.team.resolve({ id: c.id, resolution });
      return resolution === 'keep-theirs' ? `Kept the team's value for ${c.label}.` : `Applied yours for ${c.label}; it is sent to the team.`;
    });

  if (!status) {
    return (
      <section className="card" aria-labelledby="team-title">
        <h2 id="team-title">Team</h2>
        {statusQuery.error ? <ErrorBox error={statusQuery.error} /> : <p className="muted">…</p>}
      </section>
    );
  }
  const line = teamLine(status);
  const conflicts = conflictsQuery.data?.conflicts ?? [];
  const changed = name.trim() !== (status.operator?.name ?? '') || email.trim() !== (status.operator?.email ?? '');
  return (
    <section className="card team-card" aria-labelledby="team-title">
      <h2 id="team-title">Team</h2>
      {status.mode === 'single' ? (
        <TeamConnect operator={status.operator} connect={connect} open={connectForm} setOpen={setConnectForm} />
      ) : (
        <>
          {connected && (
            <p className="team-connected" role="status">
              {connected}
            </p>
          )}
          <dl className="kv" data-testid="team-status">
            <dt>Mode</dt>
            <dd>Team (this console keeps a local copy and works offline)</dd>
            <dt>Server</dt>
            <dd className="mono">{status.server}</dd>
            <dt>Sync</dt>
            <dd>{line?.text.replace(/^team: /, '')}</dd>
            <dt>Last sync</dt>
            <dd>{formatTeamTime(status.lastSyncAt)}</dd>
            <dt>Changes waiting</dt>
            <dd>{status.waiting}</dd>
            <dt>Open conflicts</dt>
            <dd>{status.conflicts}</dd>
          </dl>
        </>
      )}
      {/* While publishing or joining, the form above asks for name and e-mail: one place to type them. */}
      {!(status.mode === 'single' && (connectForm || connect.run)) && (
        <>
          <h3 className="team-sub">You, in the audit trail</h3>
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              void saveOperator();
            }}
          >
            <label className="field">
              Name
              <input className="input" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
            </label>
            <label className="field">
              E-mail
              <input className="input" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" />
            </label>
            <div className="toolbar">
              <button className="btn primary" type="submit" disabled={busy || !changed || !name.trim() || !email.trim()}>
                Save name and e-mail
              </button>
              {done && !busy && <span role="status">{done}</span>}
            </div>
          </form>
        </>
      )}
      {error ? <ErrorBox error={error} /> : null}
      {status.mode === 'team' && (
        <>
          <h3 className="team-sub">Conflicts</h3>
          {conflictsQuery.error ? <ErrorBox error={conflictsQuery.error} /> : null}
          {conflicts.length === 0 ? (
            <p className="muted">No conflicts: every change of yours reached the team as made.</p>
          ) : (
            <ul className="team-conflicts" aria-label="Conflicts">
              {conflicts.map((c) => (
                <li key={c.id} className="team-conflict">
                  <span>{c.text}</span>
                  <span className="toolbar">
                    <button className="btn" disabled={busy} onClick={() => void resolve(c, 'keep-theirs')}>
                      Keep theirs
                    </button>
                    <button className="btn" disabled={busy} onClick={() => void resolve(c, 'apply-mine')}>
                      Apply mine
                    </button>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
