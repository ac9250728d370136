import { useEffect, useRef, useState } from 'react';
import type { PostmarkState } from '../../../src-preload/api/postmark';
import { useApi } from '../../app/api-context';
import { StatusChip } from '../../components/Status';
import { CopyButton } from '../../components/CopyButton';

type Sender = NonNullable<PostmarkState['sender']>;
const POLL_EVERY_MS = 15_000;
const POLL_FOR_MS = 10 * 60_000;

/** Option 2: the signature waits for the customer's click on Postmark's email; staff get a message to send them. */
export function SenderCard({ tenantId, contactEmail, sender, busy, onVerify, onResend, onPoll }: {
  tenantId: string; contactEmail: string; sender: Sender; busy: string | null; onVerify: () => void; onResend: () => void; onPoll: () => Promise<unknown>;
}) {
  const api = useApi();
  // The customer's click happens in their mailbox, not here: ask Postmark quietly every 15 s for 10 minutes,
  // so "waiting" turns into "confirmed" (and the tenant live) without anyone pressing Refresh.
  const poll = useRef(onPoll);
  poll.current = onPoll;
  useEffect(() => {
    if (sender.confirmed) return;
    const until = Date.now() + POLL_FOR_MS;
    const t = setInterval(() => (Date.now() > until ? clearInterval(t) : void poll.current().catch(() => undefined)), POLL_EVERY_MS);
    return () => clearInterval(t);
  }, [sender.confirmed, sender.id]);
  const [message, setMessage] = useState<{ subject: string; body: string } | null>(null);
  useEffect(() => {
    if (sender.confirmed) return;
    api.postmark.confirmationMessage({ id: tenantId }).then(setMessage, () => setMessage(null));
  }, [api, tenantId, sender.confirmed, sender.email]);

  return (
    <div className="card pm-card">
      <div className="pm-card-head">
        <h2>Sender signature <span className="mono">{sender.email}</span></h2>
        <StatusChip tone={sender.confirmed ? 'ok' : 'pending'} label={sender.confirmed ? 'confirmed' : 'waiting for the confirmation click'} />
        <span className="grow" />
        <button className={sender.confirmed ? 'btn' : 'btn primary'} disabled={busy !== null} onClick={onVerify}>{busy === 'verify' ? 'Checking…' : 'Refresh confirmation'}</button>
        {!sender.confirmed && <button className="btn" disabled={busy !== null} onClick={onResend}>{busy === 'resend' ? 'Sending…' : 'Resend confirmation'}</button>}
      </div>
      <dl className="kv">
        <dt>From name</dt><dd>{sender.name}</dd>
        <dt>Postmark ID</dt><dd className="mono">{sender.id}</dd>
      </dl>
      {!sender.confirmed && message && (
        <div className="pm-message">
          <div className="pm-record-head">
            <strong>Message for the customer</strong>
            <span className="muted small">Postmark, not us, sends the confirmation email: tell them to expect it.</span>
            <span className="grow" />
            <CopyButton value={`Subject: ${message.subject}\n\n${message.body}`} what="the message for the customer" />
            {/* Opens the operator's own mail program with the message ready: Behalf does not send it itself. */}
            <a className="btn small" href={`mailto:${encodeURIComponent(contactEmail)}?subject=${encodeURIComponent(message.subject)}&body=${encodeURIComponent(message.body)}`}>
              {contactEmail ? `E-mail it to ${contactEmail}` : 'E-mail it…'}
            </a>
          </div>
          <div className="mono small pm-subject">Subject: {message.subject}</div>
          <pre className="pm-body">{message.body}</pre>
        </div>
      )}
    </div>
  );
}
