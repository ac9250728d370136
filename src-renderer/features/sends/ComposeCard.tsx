import { useEffect, useRef, useState } from 'react';
import type { Compose, Seed } from '../../../src-preload/api/sends';
import type { Tenant } from '../../../src-preload/api/tenants';
import { useApi } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { navigate } from '../../app/router';
import { ErrorBox } from '../../components/Feedback';
import { useScrollFocus } from '../../components/scroll-focus';
import { VerdictChip } from '../../components/Status';
import { FALLBACK_FROM_VERDICT } from '../../../src-preload/api/verdicts';

interface Props {
  tenant: Tenant;
  compose: Compose;
  seeds: Seed[];
  onRecheck: () => void;
  onSent: (sendId: number) => void;
  /** Opens the tenant's edit form (where its From address is set). */
  onEdit?: () => void;
}

/** Left side of the tab: the From that will be used (or why not), seeds to send to, templates with a preview. */
export function ComposeCard({ tenant, compose, seeds, onRecheck, onSent, onEdit }: Props) {
  const bodyBox = useScrollFocus<HTMLPreElement>();
  const api = useApi();
  const active = seeds.filter((s) => s.active);
  const [picked, setPicked] = useState<Set<string>>(() => new Set(active.map((s) => s.address)));
  const [subject, setSubject] = useState(compose.defaults.subject);
  const [body, setBody] = useState(compose.defaults.body);
  const sending = useMutation();
  const busy = sending.busy !== null;

  // Seeds added elsewhere start ticked; removed or deactivated ones drop out; the person's choices stay.
  const known = useRef(new Set(active.map((s) => s.address)));
  useEffect(() => {
    // Captured now: the updater runs at the next render, after known.current has moved on.
    const before = known.current;
    setPicked((p) => new Set(active.filter((s) => p.has(s.address) || !before.has(s.address)).map((s) => s.address)));
    known.current = new Set(active.map((s) => s.address));
  }, [seeds]);

  const firstPicked = active.find((s) => picked.has(s.address))?.address;
  const previewQuery = useQuery(
    () => api.sends.preview({ tenantId: tenant.id, subject, body, ...(firstPicked ? { seed: firstPicked } : {}) }),
    [api, tenant.id, subject, body, firstPicked],
    { debounceMs: 200 },
  );
  const preview = previewQuery.data ?? null;
  const error = sending.error || previewQuery.error;

  const toggle = (address: string) =>
    setPicked((p) => {
      const next = new Set(p);
      if (next.has(address)) next.delete(address);
      else next.add(address);
      return next;
    });

  const send = async () => {
    const view = await sending.run('send', () =>
      api.sends.send({ tenantId: tenant.id, seeds: active.filter((s) => picked.has(s.address)).map((s) => s.address), subject, body }),
    );
    if (view) onSent(view.id);
  };

  const problems = preview?.errors ?? [];
  const count = active.filter((s) => picked.has(s.address)).length;
  const canSend = compose.ready && count > 0 && problems.length === 0 && !busy;

  return (
    <div className="card sends-compose">
      <h2>Compose a test send</h2>
      <dl className="kv">
        <dt>From</dt>
        <dd>
          {compose.ready ? (
            <span className="mono" data-testid="send-from">
              {compose.from}
            </span>
          ) : (
            <span className="muted">cannot send yet</span>
          )}
          {compose.ready && compose.fromFallback && (
            <div className="sends-fallback" role="note" data-testid="from-fallback">
              <VerdictChip verdict={FALLBACK_FROM_VERDICT} /> {compose.fromFallback.reason}{' '}
              {onEdit ? (
                <button className="linkish" onClick={onEdit}>
                  Edit
                </button>
              ) : (
                <a href={`#/tenants/${encodeURIComponent(tenant.id)}/overview`}>Edit</a>
              )}{' '}
              <span className="muted small">(set the tenant&apos;s From address)</span>
            </div>
          )}
        </dd>
        {compose.replyTo && (
          <>
            <dt>Reply-To</dt>
            <dd className="mono">{compose.replyTo}</dd>
          </>
        )}
        <dt>Through</dt>
        <dd>
          {compose.serverName ? <span className="mono">{compose.serverName}</span> : <span className="muted">no Postmark server</span>}{' '}
          <span className="muted">(the tenant's own server token)</span>
        </dd>
      </dl>
      {compose.block && (
        <div className="error-box sends-block" role="alert">
          <div>{compose.block.reason}</div>
          <div className="hint">
            <strong>Fix:</strong> {compose.block.fix}
          </div>
          <div className="toolbar" style={{ marginTop: 6 }}>
            <button className="btn small" onClick={onRecheck}>
              Check again with Postmark
            </button>
            <button className="btn small" onClick={() => navigate('tenants', tenant.id, compose.block?.code === 'sends.no-option' ? 'options' : 'postmark')}>
              {compose.block.code === 'sends.no-option' ? 'Open Options' : 'Open the Postmark tab'}
            </button>
          </div>
        </div>
      )}

      {compose.pendingApproval && (
        <div className="sends-queued" role="status" data-testid="pending-approval">
          The Postmark account is not approved yet: {compose.pendingApproval.address} was refused with ErrorCode 412 ({compose.pendingApproval.at}). Until
          Postmark approves it, only addresses at the account&apos;s own domains receive mail, so seeds at Gmail, Outlook or Yahoo are refused. Finish approval
          in Postmark, or use seeds on your own verified domain meanwhile.
        </div>
      )}
      <fieldset className="sends-seeds">
        <legend>
          Seed inboxes ({count} of {active.length} selected)
        </legend>
        {active.length === 0 && (
          <p className="muted">
            No active seed inboxes. <a href="#/sends">Add seeds</a> in the Test sends area first.
          </p>
        )}
        {active.map((s) => (
          <label key={s.id} className="sends-seed">
            <input type="checkbox" checked={picked.has(s.address)} onChange={() => toggle(s.address)} />
            <span className="mono">{s.address}</span>
            {s.provider && <span className="tag">{s.provider}</span>}
          </label>
        ))}
      </fieldset>

      <div className="field">
        <label htmlFor="send-subject">Subject template</label>
        <input
          id="send-subject"
          className="input"
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
          aria-invalid={problems.some((p) => p.includes('subject'))}
        />
      </div>
      <div className="field">
        <label htmlFor="send-body">Body template</label>
        <textarea id="send-body" className="input mono" rows={6} value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      <div className="muted small">
        Placeholders:{' '}
        {compose.placeholders.map((p) => (
          <code key={p} className="sends-ph">{`{{${p}}}`}</code>
        ))}
      </div>
      {problems.length > 0 && (
        <div role="alert">
          <ul className="sends-problems">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {preview && (
        <div className="sends-preview" aria-label="Preview">
          <div className="muted small">Preview{firstPicked ? ` for ${firstPicked}` : ''}</div>
          {compose.ready && compose.from && (
            <div className="small">
              From <span className="mono">{compose.from}</span>
              {compose.fromFallback && (
                <>
                  {' '}
                  <VerdictChip verdict={FALLBACK_FROM_VERDICT} />
                </>
              )}
            </div>
          )}
          <div>
            <strong>{preview.subject}</strong>
          </div>
          <pre ref={bodyBox.ref} tabIndex={bodyBox.tabIndex} role="region" aria-label="Body of the test message">
            {preview.body}
          </pre>
        </div>
      )}
      {error != null && <ErrorBox error={error} />}
      <div className="toolbar" style={{ justifyContent: 'flex-end' }}>
        <button className="btn primary" disabled={!canSend} onClick={() => void send()}>
          {busy ? 'Sending…' : `Send to ${count} seed${count === 1 ? '' : 's'}`}
        </button>
      </div>
    </div>
  );
}
