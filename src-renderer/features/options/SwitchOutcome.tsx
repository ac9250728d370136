import type { AppliedSwitchView, DeferredRemovalView } from '../../../src-preload/api/options';
import type { OutboxJob } from '../../../src-preload/api/postmark';
import { StatusChip, type Tone } from '../../components/Status';

const JOB_TONE: Record<OutboxJob['state'], Tone> = {
  queued: 'pending',
  running: 'pending',
  'needs-attention': 'warning',
  failed: 'failing',
  succeeded: 'ok',
  cancelled: 'unknown',
};
const JOB_LABEL: Record<OutboxJob['state'], string> = {
  queued: 'queued',
  running: 'running',
  'needs-attention': 'needs attention',
  failed: 'failed',
  succeeded: 'done',
  cancelled: 'cancelled',
};
const CONDITION_LABEL: Record<DeferredRemovalView['condition'], string> = {
  'after-domain-verified': 'after the new domain verifies',
  'after-signature-confirmed': 'after the new sender signature is confirmed',
};

/** After the click: the Postmark jobs the switch queued (as they stand now) and the removals left waiting. */
export function SwitchOutcome({ tenantId, applied }: { tenantId: string; applied: AppliedSwitchView }) {
  return (
    <div className="plan switch-outcome" data-testid="switch-outcome">
      <section>
        <h3>Queued in Postmark</h3>
        {applied.queued.length === 0 ? (
          <p className="muted">Nothing was queued.</p>
        ) : (
          <ul aria-label="Queued Postmark jobs">
            {applied.queued.map((j) => (
              <li key={j.id}>
                <StatusChip tone={JOB_TONE[j.state]} label={JOB_LABEL[j.state]} /> #{j.id} {j.label}
                {j.lastError ? <span className="muted"> — {j.lastError.message}</span> : null}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href={`#/tenants/${encodeURIComponent(tenantId)}/postmark`}>Follow the jobs on the Postmark tab →</a>
        </p>
      </section>
      <section>
        <h3>Removed later</h3>
        {applied.deferred.length === 0 ? <p className="muted">Nothing waits.</p> : <DeferredList items={applied.deferred} />}
      </section>
      {applied.cancelled.length > 0 && (
        <section>
          <h3>No longer removed</h3>
          <ul>
            {applied.cancelled.map((d) => (
              <li key={d.id}>
                <strong>{d.label}</strong> <span className="muted">— this option uses it again.</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {applied.unresolved.length > 0 && (
        <div className="plan-warnings" role="note">
          {applied.unresolved.map((u) => (
            <p key={u}>! {u}: not linked to this tenant, so nothing was queued. Reconcile on the Postmark tab, then remove it there.</p>
          ))}
        </div>
      )}
    </div>
  );
}

export function DeferredList({ items }: { items: DeferredRemovalView[] }) {
  return (
    <ul aria-label="Removals waiting">
      {items.map((d) => (
        <li key={d.id}>
          <StatusChip tone="pending" label="waiting" /> <strong>{d.label}</strong> — {CONDITION_LABEL[d.condition]}
          <span className="muted">
            {' '}
            (switch {d.fromOption ?? 'none'} → {d.toOption}); queued on its own then.
          </span>
        </li>
      ))}
    </ul>
  );
}
