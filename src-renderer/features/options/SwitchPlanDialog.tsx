import { useState, type ReactNode } from 'react';
import type { AppliedSwitchView, OptionComparisonView, SwitchPlanView } from '../../../src-preload/api/options';
import type { SendingOption, Tenant } from '../../../src-preload/api/tenants';
import { useApi } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { Dialog } from '../../components/Dialog';
import { ErrorBox } from '../../components/Feedback';
import { STATUS_LABEL } from '../../components/Status';
import { SwitchOutcome } from './SwitchOutcome';

const WHEN: Record<SwitchPlanView['remove'][number]['when'], string> = {
  now: 'now',
  'after-domain-verified': 'after the new domain verifies',
  'after-signature-confirmed': 'after the new sender signature is confirmed',
  'after-from-switched': 'after the tenant sends From the vendor address',
};

interface Props {
  tenant: Tenant;
  to: SendingOption;
  /** The advisor's verdict on the target option and its pick, so an override is never silent. */
  advice: { status: OptionComparisonView['assessment']['status']; why: string[]; recommended: SendingOption | null };
  /** Records the option (and with `apply` carries the plan out); resolves with what was queued, if anything. */
  onConfirm: (opts: { apply: boolean; displayName?: string }) => Promise<AppliedSwitchView | null>;
  onClose: () => void;
}

/** What the button promises: the number of Postmark changes queued by the click, or that only the choice is recorded. */
export function confirmLabel(tenant: Tenant, to: SendingOption, plan: SwitchPlanView | null): string {
  const a = plan?.actions;
  if (!a?.applies) return tenant.option === null ? `Choose option ${to} for ${tenant.name}` : `Switch ${tenant.name} to option ${to}`;
  const n = a.queueNow;
  const later = a.defer.length ? ` (${a.defer.length} later)` : '';
  return n > 0 ? `Switch and queue ${n} Postmark change${n === 1 ? '' : 's'}${later}` : `Switch; nothing to queue now${later}`;
}

/** Shows what the switch changes in Postmark and DNS before the option is recorded. */
export function SwitchPlanDialog({ tenant, to, advice, onConfirm, onClose }: Props) {
  const api = useApi();
  const planQuery = useQuery(() => api.options.planSwitch({ id: tenant.id, to }), [api, tenant.id, to]);
  const plan = planQuery.data ?? null;
  const action = useMutation();
  const busy = action.busy !== null;
  const error = action.error || planQuery.error;
  const [applied, setApplied] = useState<AppliedSwitchView | null>(null);
  const [displayName, setDisplayName] = useState(tenant.fromName || tenant.name);

  const confirm = async () => {
    const apply = plan?.actions?.applies ?? false;
    // Wrapped: a switch that queued nothing answers null, which is not a failure.
    const done = await action.run('confirm', async () => ({ queued: await onConfirm({ apply, ...(to === 3 ? { displayName } : {}) }) }));
    if (!done) return;
    if (done.queued && apply) setApplied(done.queued);
    else onClose();
  };
  // The option as it was when the dialog opened: after the switch the tenant prop already carries the new one.
  const [from] = useState(tenant.option);
  const title =
    from === null
      ? `Choose option ${to} for ${tenant.name}`
      : applied
        ? `Switched ${tenant.name} from option ${from} to option ${to}`
        : `Switch ${tenant.name} from option ${from} to option ${to}`;

  return (
    <Dialog title={title} onClose={onClose}>
      {error != null && <ErrorBox error={error} />}
      {!applied && (advice.status === 'unsafe' || advice.status === 'impossible') && (
        <div className="error-box" role="alert">
          The advisor judges option {to} {advice.status === 'unsafe' ? 'unsafe' : 'not possible'} for {tenant.name}:{' '}
          {advice.why[0]?.replace(/^option \d is (unsafe|not possible): /, '')}
        </div>
      )}
      {!applied && advice.recommended !== null && advice.recommended !== to && (
        <p className="plan-override" role="note">
          This overrides the recommendation (option {advice.recommended}); the Activity tab will say so.
        </p>
      )}
      {!plan && !error && <p className="muted">Working out the plan…</p>}
      {applied && <SwitchOutcome tenantId={tenant.id} applied={applied} />}
      {plan && !applied && (
        <div className="plan" data-testid="switch-plan">
          <PlanSection title="Removed in Postmark" empty="Nothing is removed.">
            {plan.remove.map((r) => (
              <li key={r.label}>
                <strong>{r.label}</strong> —{' '}
                {plan.actions?.applies && r.when === 'after-from-switched' ? 'now: recording option 3 moves the From to the vendor address' : WHEN[r.when]}.{' '}
                <span className="muted">{r.why}</span>
              </li>
            ))}
          </PlanSection>
          {/* Choosing on an unprovisioned tenant records the choice only: what Provision will create later is not "created". */}
          <PlanSection
            title={plan.actions?.applies ? 'Created in Postmark' : 'Created in Postmark when you provision (not now)'}
            empty="Nothing new is created."
          >
            {plan.create.map((c) => (
              <li key={c.label}>
                <strong>{c.label}</strong>. <span className="muted">{c.why}</span>
              </li>
            ))}
          </PlanSection>
          <PlanSection title="Stays" empty="Nothing to keep.">
            {plan.keep.map((k) => (
              <li key={k.label}>
                <strong>{k.label}</strong>. <span className="muted">{k.why}</span>
              </li>
            ))}
          </PlanSection>
          <PlanSection title="DNS records the customer must add" empty="None.">
            {plan.dnsRecordsCustomerMustAdd.map((d) => (
              <li key={d.host}>
                <span className="mono">
                  {d.type} {d.host}
                  {d.value ? ` → ${d.value}` : ' (value issued by Postmark)'}
                </span>{' '}
                <span className="muted">{d.why}</span>
              </li>
            ))}
          </PlanSection>
          <PlanSection title="DNS records the customer may delete" empty="None.">
            {plan.dnsRecordsCustomerMayDelete.map((d) => (
              <li key={d.host}>
                <span className="mono">
                  {d.type} {d.host}
                </span>{' '}
                <span className="muted">{d.why}</span>
              </li>
            ))}
          </PlanSection>
          {plan.warnings.length > 0 && (
            <div className="plan-warnings" role="note">
              {plan.warnings.map((w) => (
                <p key={w}>! {w}</p>
              ))}
            </div>
          )}
          {to === 3 && (
            <label className="switch-name">
              <span>Display name the customer signs with (sent as “{displayName || tenant.name} via the vendor”)</span>
              <input className="input" aria-label="Option 3 display name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
            </label>
          )}
          <p className="muted">
            Afterwards the tenant is <strong>{STATUS_LABEL[plan.newStatus]}</strong> once the Postmark changes are made.{' '}
            {plan.actions?.applies
              ? 'The changes go through the Postmark outbox; removals that must wait are queued on their own once the new way works.'
              : `${tenant.name} has nothing in Postmark yet: only the choice is recorded (provision on the Postmark tab).`}
          </p>
        </div>
      )}
      <div className="actions">
        {applied ? (
          <button className="btn primary" onClick={onClose}>
            Done
          </button>
        ) : (
          <>
            <button className="btn" onClick={onClose}>
              Cancel
            </button>
            <button className="btn primary" disabled={!plan || busy} onClick={() => void confirm()}>
              {confirmLabel(tenant, to, plan)}
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}

function PlanSection({ title, empty, children }: { title: string; empty: string; children: ReactNode[] }) {
  return (
    <section>
      <h3>{title}</h3>
      {children.length ? <ul>{children}</ul> : <p className="muted">{empty}</p>}
    </section>
  );
}
