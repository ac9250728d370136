import { useState } from 'react';
import type { AppInfo } from '../../../src-preload/api/settings';
import { useApi } from '../../app/api-context';
import { StatusChip } from '../../components/Status';

/** Write-only: the token can be replaced or cleared here, never read back. */
export function TokenCard({ info, run }: { info: AppInfo; run: (what: string, fn: () => Promise<unknown>) => Promise<boolean> }) {
  const api = useApi();
  const [token, setToken] = useState('');
  return (
    <section className="card">
      <h2>Postmark account token</h2>
      <p>
        <StatusChip tone={info.hasToken ? 'ok' : 'warning'} label={info.hasToken ? 'set' : 'not set'} />{' '}
        <span className="muted">{info.tokenSource === 'environment' ? 'from POSTMARK_ACCOUNT_TOKEN' : info.tokenStorage}</span>
      </p>
      <p className="muted small-print">
        The token stays in Behalf&apos;s main process; this screen can replace or clear it but never shows it. Find it in Postmark under Account → API Tokens.
      </p>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void run('token', () => api.settings.setToken({ token })).then((ok) => ok && setToken(''));
        }}
      >
        <input
          className="input grow-input"
          type="password"
          autoComplete="off"
          placeholder="Paste a new account token"
          aria-label="Account token"
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <button className="btn primary" type="submit" disabled={!token}>
          Save token
        </button>
        {info.hasToken && info.tokenSource !== 'environment' && (
          <button className="btn danger" type="button" onClick={() => void run('token cleared', () => api.settings.clearToken({}))}>
            Clear
          </button>
        )}
      </form>
    </section>
  );
}
