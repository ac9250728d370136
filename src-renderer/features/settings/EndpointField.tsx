import { useState } from 'react';
import type { AppInfo } from '../../../src-preload/api/settings';
import { useApi } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { ErrorBox } from '../../components/Feedback';

/**
 * The Postmark API URL, read-only here: it decides where the tokens go, so changing it asks main, which confirms
 * with the person in its own dialog (Electron) or points to the terminal (browser console) and clears the tokens.
 */
export function EndpointField({ info, stored, onChanged }: { info: AppInfo; stored: string; onChanged: (what: string) => void }) {
  const api = useApi();
  const [editing, setEditing] = useState(false);
  const [url, setUrl] = useState(stored);
  const { error, run, setError } = useMutation();
  const submit = async () => {
    const r = await run('change', () => api.settings.changeEndpoint({ url }));
    if (!r) return;
    setEditing(false);
    onChanged(r.changed ? 'Postmark API URL (stored tokens cleared: enter the account token again)' : 'Postmark API URL (unchanged)');
  };
  return (
    <div className="field wide">
      <label htmlFor="s-postmarkEndpoint">API URL</label>
      {editing ? (
        <div className="toolbar">
          <input
            id="s-postmarkEndpoint"
            className="input grow"
            value={url}
            placeholder="https://api.postmarkapp.com"
            autoFocus
            onChange={(e) => setUrl(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && void submit()}
          />
          <button className="btn" onClick={() => (setEditing(false), setError(null))}>
            Cancel
          </button>
          <button className="btn primary" onClick={() => void submit()}>
            Change…
          </button>
        </div>
      ) : (
        <div className="toolbar">
          <code id="s-postmarkEndpoint">{info.postmarkEndpoint}</code>
          {info.postmarkSimulated && <span className="muted">(simulated)</span>}
          <span className="grow" />
          <button className="btn" onClick={() => (setUrl(stored), setEditing(true))}>
            Change…
          </button>
        </div>
      )}
      <span className="muted small-print">
        Where your tokens are sent. Changing it asks for confirmation and removes the stored tokens. BEHALF_POSTMARK_URL overrides it.
      </span>
      {error ? <ErrorBox error={error} /> : null}
    </div>
  );
}
