import { useState } from 'react';
import type { PostmarkState } from '../../../src-preload/api/postmark';
import { Dialog } from '../../components/Dialog';
import { ErrorBox } from '../../components/Feedback';

/** Asks for the tenant's name and lists exactly what Postmark will delete. */
export function DeprovisionDialog({
  tenantName,
  state,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  tenantName: string;
  state: PostmarkState;
  busy: boolean;
  error: unknown;
  onConfirm: (name: string) => void;
  onClose: () => void;
}) {
  const [name, setName] = useState('');
  return (
    <Dialog title={`Deprovision ${tenantName} in Postmark`} onClose={onClose}>
      <p>This deletes, in Postmark:</p>
      <ul className="sheet-list">
        {state.domain && (
          <li>
            the domain <span className="mono">{state.domain.name}</span> (its DKIM keys stop signing; the customer’s DNS records become unused)
          </li>
        )}
        {state.sender && (
          <li>
            the sender signature <span className="mono">{state.sender.email}</span>
          </li>
        )}
        {state.server && (
          <li>
            the server <span className="mono">{state.server.name}</span>, with its message history and API tokens
          </li>
        )}
      </ul>
      <p className="muted">Mail for this customer stops at once. The tenant stays in the ledger (back to draft) and can be provisioned again.</p>
      {error ? <ErrorBox error={error} /> : null}
      <div className="field">
        <label htmlFor="pm-confirm-name">
          Type the tenant’s name to confirm: <strong>{tenantName}</strong>
        </label>
        <input id="pm-confirm-name" className="input" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </div>
      <div className="actions">
        <button className="btn" onClick={onClose}>
          Keep it
        </button>
        <button className="btn danger" disabled={busy || name.trim() !== tenantName} onClick={() => onConfirm(name)}>
          {busy ? 'Deprovisioning…' : 'Delete in Postmark'}
        </button>
      </div>
    </Dialog>
  );
}
