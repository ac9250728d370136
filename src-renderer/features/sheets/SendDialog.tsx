import { useState } from 'react';
import type { SheetPreview, SheetSendResult } from '../../../src-preload/api/sheets';
import type { Tenant } from '../../../src-preload/api/tenants';
import { useApi } from '../../app/api-context';
import { Dialog } from '../../components/Dialog';
import { ErrorBox } from '../../components/Feedback';
import { StatusChip } from '../../components/Status';

type Provider = SheetPreview['providers'][number]['id'];

/**
 * Emails the sheet as shown (same DNS provider) to a teammate of the customer. A failure keeps what was
 * typed, so "nothing was sent, try again" is one click; success shows where it went and Postmark's message ID.
 */
export function SendDialog({ tenant, provider, onClose }: { tenant: Tenant; provider: Provider; onClose: () => void }) {
  const api = useApi();
  const [to, setTo] = useState(tenant.contactEmail);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<SheetSendResult | null>(null);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      setSent(await api.sheets.send({ id: tenant.id, to, provider, ...(note.trim() ? { note } : {}) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Send the sheet to a teammate" onClose={onClose}>
      {sent ? (
        <div role="status" className="send-result">
          <p><StatusChip tone="ok" label="sent" /> The sheet for {tenant.domain} went to <strong>{sent.to}</strong> from {sent.from}, with {sent.attachment} attached.</p>
          <p className="muted small">Postmark message <span className="mono">{sent.messageId}</span> on server {sent.serverId}. It is recorded in the tenant&apos;s history.</p>
          <div className="toolbar"><button className="btn primary" onClick={onClose}>Close</button></div>
        </div>
      ) : (
        <form className="form" onSubmit={(e) => (e.preventDefault(), void send())}>
          <p className="muted small field wide">The email has the sheet in its body and the PDF attached, sent from the vendor&apos;s Postmark server set in Settings.</p>
          <div className="field wide">
            <label htmlFor="send-to">Teammate&apos;s email address</label>
            <input id="send-to" className="input" type="email" required autoComplete="off" placeholder="it-team@acme.com" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
          <div className="field wide">
            <label htmlFor="send-note">Note (optional, shown above the sheet)</label>
            <textarea id="send-note" className="input" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          {error ? <ErrorBox error={error} /> : null}
          <div className="toolbar">
            <button className="btn primary" type="submit" disabled={busy || to.trim() === ''}>{busy ? 'Sending…' : 'Send'}</button>
            <button className="btn" type="button" onClick={onClose}>Cancel</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
