import { useState } from 'react';
import type { SheetPreview, SheetSendCheck, SheetSendResult } from '../../../src-preload/api/sheets';
import type { Tenant } from '../../../src-preload/api/tenants';
import { useApi } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { CheckSteps } from '../../components/CheckSteps';
import { Dialog } from '../../components/Dialog';
import { ErrorBox } from '../../components/Feedback';
import { StatusChip } from '../../components/Status';

type Provider = SheetPreview['providers'][number]['id'];

/** The preflight's steps, each with its state and fix: shown instead of the form while anything is missing. */
function Preflight({ check, onClose }: { check: SheetSendCheck; onClose: () => void }) {
  return (
    <div className="send-preflight">
      <p>The sheet cannot be emailed yet. Fix what is marked, then try again:</p>
      <CheckSteps steps={check.steps} label="Before the sheet can be emailed" />
      <div className="toolbar">
        <a className="btn primary" href="#/settings" onClick={onClose}>
          Open Settings
        </a>
        <button className="btn" type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

/**
 * Emails the sheet as shown (same DNS provider) to the customer's IT contact (prefilled) or anyone they name.
 * Opened only after the preflight (SheetsTab runs it), so "not set up" and "From not confirmed" are said before
 * anyone types. A failure keeps what was typed; success shows where it went and Postmark's message ID.
 */
export function SendDialog({ tenant, provider, check, onClose }: { tenant: Tenant; provider: Provider; check: SheetSendCheck; onClose: () => void }) {
  const api = useApi();
  const [to, setTo] = useState(tenant.contactEmail);
  const [note, setNote] = useState('');
  const action = useMutation();
  const busy = action.busy !== null;
  const error = action.error;
  const [sent, setSent] = useState<SheetSendResult | null>(null);

  // A failure keeps the form as typed (only `error` changes).
  const send = () => action.run('send', async () => setSent(await api.sheets.send({ id: tenant.id, to, provider, ...(note.trim() ? { note } : {}) })));

  const who = tenant.contactName.trim() || 'the IT contact';
  return (
    <Dialog title={`Email the DNS sheet to ${who}`} onClose={onClose}>
      {!check.ready ? (
        <Preflight check={check} onClose={onClose} />
      ) : sent ? (
        <div role="status" className="send-result">
          <p>
            <StatusChip tone="ok" label="sent" /> The sheet for {tenant.domain} went to <strong>{sent.to}</strong> from {sent.from}, with {sent.attachment}{' '}
            attached.
          </p>
          <p className="muted small">
            Postmark message <span className="mono">{sent.messageId}</span> on server {sent.serverId}. It is recorded in the tenant&apos;s Activity.
          </p>
          <div className="toolbar">
            <button className="btn primary" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      ) : (
        <form className="form" onSubmit={(e) => (e.preventDefault(), void send())}>
          <p className="muted small field wide">
            The email has the sheet in its body and the PDF attached, sent from {check.from} through the vendor&apos;s Postmark server.
          </p>
          <div className="field wide">
            <label htmlFor="send-to">Send to (the customer&apos;s IT contact, or whoever edits their DNS)</label>
            <input
              id="send-to"
              className="input"
              type="email"
              required
              autoComplete="off"
              placeholder="it-team@acme.com"
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
          <div className="field wide">
            <label htmlFor="send-note">Note (optional, shown above the sheet)</label>
            <textarea id="send-note" className="input" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <div className="toolbar field wide">
            <button className="btn primary" type="submit" disabled={busy || to.trim() === ''}>
              {busy ? 'Sending…' : 'Send'}
            </button>
            <button className="btn" type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
          {error ? (
            <div className="field wide">
              <ErrorBox error={error} />
            </div>
          ) : null}
        </form>
      )}
    </Dialog>
  );
}
