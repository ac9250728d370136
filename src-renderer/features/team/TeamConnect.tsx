import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../app/client';
import { ErrorBox } from '../../components/Feedback';
import type { ConnectKind, TeamConnectState } from './use-team-connect';

const TITLE: Record<ConnectKind, string> = { publish: 'Publish this ledger as a team', join: 'Join a team' };
const URL_ERRORS = new Set(['team.bad-url', 'team.unreachable', 'team.tls-refused', 'team.tls-untrusted', 'team.not-published', 'team.already-published']);

/**
 * Settings → Team in single-user mode: publish this ledger as the team's, or join a team, without the CLI. Each
 * is a small form; the copy shows progress with Cancel, other screens keep working meanwhile, and when it is done
 * the card switches to team mode. Errors come back with the service's code and hint, shown by the form. The run
 * itself is followed by the card (useTeamConnect), which stays when this part gives way to the team view.
 */
export function TeamConnect({
  operator,
  connect,
  open,
  setOpen,
}: {
  operator: { name: string; email: string } | null;
  connect: TeamConnectState;
  /** Which form is open; the card hides its own name/e-mail form meanwhile (this one asks for them). */
  open: ConnectKind | null;
  setOpen: (kind: ConnectKind | null) => void;
}) {
  const [url, setUrl] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState(operator?.name ?? '');
  const [email, setEmail] = useState(operator?.email ?? '');
  const { run, error, ended } = connect;

  useEffect(() => {
    if (operator) {
      setName((n) => n || operator.name);
      setEmail((e) => e || operator.email);
    }
  }, [operator]);

  const code = error instanceof ApiError ? error.code : '';
  const buttons = useRef<Partial<Record<ConnectKind, HTMLButtonElement | null>>>({});
  const choose = (kind: ConnectKind | null) => {
    connect.reset();
    setOpen(kind);
  };
  /** Escape or Close: the form goes, focus returns to the button that opened it (keyboard users stay in place). */
  const close = () => {
    const was = open;
    choose(null);
    if (was) buttons.current[was]?.focus();
  };
  const submit = async () => {
    if (!open) return;
    const started = await connect.start(open, { url, name, email, ...(password ? { password } : {}) });
    // The password is main's from here on (the vault); the form does not keep it.
    if (started) setPassword('');
  };

  if (run) {
    return (
      <div className="team-connect" data-testid="team-connect-progress">
        <h3 className="team-sub">{run.kind === 'join' ? 'Joining the team' : 'Publishing this ledger'}</h3>
        <p className="small-print" aria-live="polite">
          {run.message ?? 'Connecting'}
          {run.total > 0 && <span className="muted"> ({Math.round((run.done / run.total) * 100)}%)</span>}
        </p>
        <div
          className="progress"
          role="progressbar"
          aria-label={run.kind === 'join' ? 'Rows copied from the team' : 'Rows copied to the team database'}
          aria-valuemin={0}
          aria-valuemax={run.total}
          aria-valuenow={run.done}
        >
          <div style={{ width: `${run.total > 0 ? Math.round((run.done / run.total) * 100) : 0}%` }} />
        </div>
        <p className="muted small-print">
          {run.kind === 'join'
            ? "Other screens keep working meanwhile; the tenants list fills as the team's tenants arrive. Cancel leaves this console as it was."
            : 'Cancel leaves the team database without a team; this console keeps working alone.'}
        </p>
        <div className="toolbar">
          <button className="btn" onClick={connect.cancel}>
            Cancel
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="team-connect">
      <p className="muted small-print">
        This console works alone: its ledger is its own. To share one ledger with your team through a PostgreSQL server, publish this one as the team&apos;s, or
        join the team&apos;s (see docs/team.md; the CLI has the same: <code>behalf team init|join</code>).
      </p>
      <div className="toolbar" role="group" aria-label="Team mode">
        {(['publish', 'join'] as const).map((kind) => (
          <button
            key={kind}
            className={`btn${open === kind ? ' primary' : ''}`}
            aria-expanded={open === kind}
            aria-controls={open === kind ? 'team-connect-form' : undefined}
            ref={(el) => {
              buttons.current[kind] = el;
            }}
            onClick={() => choose(open === kind ? null : kind)}
          >
            {TITLE[kind]}
          </button>
        ))}
      </div>
      {ended?.state === 'cancelled' && (
        <p className="muted" role="status">
          {ended.error?.message ?? 'Cancelled.'}
        </p>
      )}
      {error && !open ? <ErrorBox error={error} /> : null}
      {open && (
        <form
          id="team-connect-form"
          className="form team-connect-form"
          aria-label={TITLE[open]}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          onKeyDown={(e) => e.key === 'Escape' && close()}
        >
          <p className="field wide small-print">
            {open === 'publish'
              ? "This ledger's tenants, settings, audit trail and DNS history become the team's. The database must not hold a team yet."
              : "The team's ledger is copied into this console, which must have no tenants of its own (use a new data directory otherwise)."}
          </p>
          <div className="field wide">
            <label htmlFor="team-url">Connection string</label>
            <input
              id="team-url"
              className="input mono"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="postgres://behalf@db.internal:5432/behalf_team?sslmode=verify-full"
              autoComplete="off"
              spellCheck={false}
              autoFocus
              required
              aria-invalid={URL_ERRORS.has(code) || undefined}
              aria-describedby="team-url-help"
            />
            <span id="team-url-help" className="muted small-print">
              Add <code>?sslmode=verify-full</code> for any server not on this machine: it checks the server&apos;s certificate and name (a private CA:{' '}
              <code>&amp;sslrootcert=/path/ca.pem</code>).
            </span>
          </div>
          <div className="field wide">
            <label htmlFor="team-password">Password</label>
            <input
              id="team-password"
              className="input"
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="off"
              aria-invalid={code === 'team.auth' || undefined}
              aria-describedby="team-password-help"
            />
            <span id="team-password-help" className="muted small-print">
              Kept in this console&apos;s vault like the Postmark token, never shown again. Leave empty if the string carries it.
            </span>
          </div>
          <div className="field">
            <label htmlFor="team-connect-name">Your name</label>
            <input
              id="team-connect-name"
              className="input"
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoComplete="name"
              required
              aria-invalid={code === 'team.operator' || undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="team-connect-email">Your e-mail</label>
            <input
              id="team-connect-email"
              className="input"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoComplete="email"
              required
              aria-invalid={code === 'team.operator' || undefined}
            />
          </div>
          {error ? (
            <div className="field wide">
              <ErrorBox error={error} />
            </div>
          ) : null}
          <div className="team-connect-actions">
            <button className="btn primary" type="submit" disabled={!url.trim() || !name.trim() || !email.trim()}>
              {open === 'publish' ? 'Publish' : 'Join'}
            </button>
            <button className="btn" type="button" onClick={close}>
              Close
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
