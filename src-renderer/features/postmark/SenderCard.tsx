import { useEffect, useRef, useState } from 'react';
import type { PostmarkState } from '../../../src-preload/api/postmark';
import { useApi } from '../../app/api-context';
import { useQuery } from '../../app/data/use-query';
import { senderConfirmationVerdict } from '../../../src-preload/api/verdicts';
import { VerdictChip } from '../../components/Status';
import { CopyButton } from '../../components/CopyButton';
import { errorText } from '../../components/Feedback';
import { CONFIRMATION_POLL_EVERY_MS, CONFIRMATION_POLL_FOR_MS, startConfirmationPoll } from './confirmation-poll';

type Sender = NonNullable<PostmarkState['sender']>;
const hhmm = (ms: number) => new Date(ms).toTimeString().slice(0, 5);

/** Option 2: the signature waits for the customer's click on Postmark's email; staff get a message to send them. */
export function SenderCard({
  tenantId,
  contactEmail,
  sender,
  busy,
  onVerify,
  onResend,
  onPoll,
}: {
  tenantId: string;
  contactEmail: string;
  sender: Sender;
  busy: string | null;
  onVerify: () => void;
  onResend: () => void;
  /** Asks Postmark once (updating the tab); true when the signature is confirmed. */
  onPoll: () => Promise<boolean>;
}) {
  const api = useApi();
  // The customer's click happens in their mailbox, not here: ask Postmark quietly every 15 s for 10 minutes,
  // so "waiting" turns into "confirmed" (and the tenant live) without anyone pressing Refresh. A resend starts a
  // new window (a new e-mail is on its way).
  const poll = useRef(onPoll);
  poll.current = onPoll;
  const [round, setRound] = useState(0);
  const [watch, setWatch] = useState<{ until: number } | { stoppedAt: number }>({ until: Date.now() + CONFIRMATION_POLL_FOR_MS });
  useEffect(() => {
    if (sender.confirmed) return;
    const p = startConfirmationPoll({
      check: () => poll.current(),
      onEnd: (end) => end.reason === 'window-ended' && setWatch({ stoppedAt: end.at }),
    });
    setWatch({ until: p.until });
    return p.stop;
  }, [sender.confirmed, sender.id, round]);
  const verdict = senderConfirmationVerdict(sender.confirmed, 'until' in watch ? 'watching' : 'stopped');
  const messageQuery = useQuery(() => api.postmark.confirmationMessage({ id: tenantId }), [api, tenantId, sender.email], { enabled: !sender.confirmed });
  const message = messageQuery.error ? null : (messageQuery.data ?? null);

  return (
    <div className="card pm-card">
      <div className="pm-card-head">
        <h2>
          Sender signature <span className="mono">{sender.email}</span>
        </h2>
        <span data-testid="sender-confirmation">
          <VerdictChip verdict={verdict} />
        </span>
        <span className="grow" />
        <button className={sender.confirmed ? 'btn' : 'btn primary'} disabled={busy !== null} onClick={onVerify}>
          {busy === 'verify' ? 'Checking…' : 'Refresh confirmation'}
        </button>
        {!sender.confirmed && (
          <button className="btn" disabled={busy !== null} onClick={() => (onResend(), setRound((r) => r + 1))}>
            {busy === 'resend' ? 'Sending…' : 'Resend confirmation'}
          </button>
        )}
      </div>
      <dl className="kv">
        <dt>From name</dt>
        <dd>{sender.name}</dd>
        <dt>Postmark ID</dt>
        <dd className="mono">{sender.id}</dd>
      </dl>
      {!sender.confirmed && (
        <p className="muted small" role="status" data-testid="sender-watch">
          {'until' in watch
            ? `Behalf asks Postmark every ${CONFIRMATION_POLL_EVERY_MS / 1000} s until ${hhmm(watch.until)}; the status changes here by itself once the customer clicks.`
            : `Stopped asking Postmark at ${hhmm(watch.stoppedAt)}, ${CONFIRMATION_POLL_FOR_MS / 60_000} minutes without a click. Press Refresh confirmation once the customer says they clicked, or Resend confirmation (which watches again).`}
        </p>
      )}
      {!sender.confirmed && messageQuery.error ? (
        <p className="error-text small">The message for the customer could not be written: {errorText(messageQuery.error)}</p>
      ) : null}
      {!sender.confirmed && message && (
        <div className="pm-message">
          <div className="pm-record-head">
            <strong>Message for the customer</strong>
            <span className="muted small">Postmark, not us, sends the confirmation email: tell them to expect it.</span>
            <span className="grow" />
            <CopyButton value={`Subject: ${message.subject}\n\n${message.body}`} what="the message for the customer" />
            {/* Opens the operator's own mail program with the message ready: Behalf does not send it itself. */}
            <a
              className="btn small"
              href={`mailto:${encodeURIComponent(contactEmail)}?subject=${encodeURIComponent(message.subject)}&body=${encodeURIComponent(message.body)}`}
            >
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
