import type { PostmarkState } from '../../../src-preload/api/postmark';
import { StatusChip } from '../../components/Status';
import { CopyField } from '../../components/CopyField';

type Domain = NonNullable<PostmarkState['domain']>;

/**
 * Option 1's records, following Postmark's DKIM lifecycle: a pending key to publish, the active key, and after
 * a rotation the revoked key, which may be deleted from DNS only once Postmark says it is safe.
 */
export function DomainCard({ domain: d, busy, onVerify, onRotate }: { domain: Domain; busy: string | null; onVerify: () => void; onRotate: () => void }) {
  const rotating = d.pending !== null && d.active !== null;
  const done = d.dkimVerified && d.returnPath.verified && !d.pending && !(d.revoked && !d.safeToRemoveRevokedKey);
  return (
    <div className="card pm-card">
      <div className="pm-card-head">
        <h2>
          Domain <span className="mono">{d.name}</span>
        </h2>
        <span className="grow" />
        <button className={done ? 'btn' : 'btn primary'} disabled={busy !== null} onClick={onVerify}>
          {busy === 'verify' ? 'Verifying…' : 'Verify DKIM and Return-Path'}
        </button>
        <button
          className="btn"
          disabled={busy !== null || rotating || !d.dkimVerified}
          onClick={onRotate}
          title={
            rotating
              ? 'A new key is already waiting to be published and verified.'
              : !d.dkimVerified
                ? 'Verify the current key first.'
                : 'Make a new DKIM key; the old one stays valid until the new one verifies.'
          }
        >
          {busy === 'rotate' ? 'Rotating…' : 'Rotate DKIM'}
        </button>
      </div>

      <section className="pm-record">
        <div className="pm-record-head">
          <strong>DKIM</strong> <span className="muted">TXT record</span>
          <StatusChip
            tone={d.dkimVerified && !d.pending ? 'ok' : 'pending'}
            label={d.dkimVerified && !d.pending ? 'verified' : rotating ? 'new key pending' : 'pending'}
          />
        </div>
        {d.pending && (
          <div className="pm-key">
            <div className="sheet-sub">{rotating ? 'New key — publish this, then verify' : 'Pending key — publish this, then verify'}</div>
            <CopyField label="Host" value={d.pending.host} what="DKIM pending host" />
            <CopyField label="Value" value={d.pending.value} what="DKIM pending value" />
          </div>
        )}
        {d.active && (
          <div className="pm-key">
            <div className="sheet-sub">Active key{rotating ? ' — keep it published until the new key verifies' : ''}</div>
            <CopyField label="Host" value={d.active.host} what="DKIM active host" />
            <CopyField label="Value" value={d.active.value} what="DKIM active value" />
          </div>
        )}
        {d.revoked && (
          <div className="pm-key revoked">
            <div className="sheet-sub">Revoked key</div>
            <CopyField label="Host" value={d.revoked.host} what="DKIM revoked host" />
            <div className="pm-safe">
              {d.safeToRemoveRevokedKey ? <StatusChip tone="ok" label="safe to delete from DNS" /> : <StatusChip tone="pending" label="keep it for now" />}
              <span className="muted small">
                {d.safeToRemoveRevokedKey
                  ? 'Postmark no longer signs with this key: the customer may delete this TXT record.'
                  : 'Mail signed with it may still be in flight; Postmark says when it can go (verify again later).'}
              </span>
            </div>
          </div>
        )}
      </section>

      <section className="pm-record">
        <div className="pm-record-head">
          <strong>Return-Path</strong> <span className="muted">CNAME record</span>
          <StatusChip tone={d.returnPath.verified ? 'ok' : 'pending'} label={d.returnPath.verified ? 'verified' : 'pending'} />
        </div>
        <CopyField label="Host" value={d.returnPath.domain} what="Return-Path host" />
        <CopyField label="Points to" value={d.returnPath.cname} what="Return-Path CNAME target" />
      </section>
    </div>
  );
}
