import { useEffect, useState, type ReactNode } from 'react';
import type { OptionComparisonView, SwitchPlanView } from '../../../src-preload/api/options';
import type { SendingOption, Tenant } from '../../../src-preload/api/tenants';
import { useApi } from '../../app/api-context';
import { Dialog } from '../../components/Dialog';
import { ErrorBox } from '../../components/Feedback';
import { STATUS_LABEL } from '../../components/Status';

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
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** Shows what the switch changes in Postmark and DNS before the option is recorded. */
export function SwitchPlanDialog({ tenant, to, advice, onConfirm, onClose }: Props) {
  const api = useApi();
  const [plan, setPlan] = useState<SwitchPlanView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => void api.options.planSwitch({ id: tenant.id, to }).then(setPlan, setError), [api, tenant.id, to]);

  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const title = tenant.option === null ? `Choose option ${to} for ${tenant.name}` : `Switch ${tenant.name} from option ${tenant.option} to option ${to}`;

  return (
    <Dialog title={title} onClose={onClose}>
      {error != null && <ErrorBox error={error} />}
      {(advice.status === 'unsafe' || advice.status === 'impossible') && (
        <div className="error-box" role="alert">The advisor judges option {to} {advice.status === 'unsafe' ? 'unsafe' : 'not possible'} for {tenant.name}: {advice.why[0]?.replace(/^option \d is (unsafe|not possible): /, '')}</div>
      )}
      {advice.recommended !== null && advice.recommended !== to && (
        <p className="plan-override" role="note">This overrides the recommendation (option {advice.recommended}); the Activity tab will say so.</p>
      )}
      {!plan && !error && <p className="muted">Working out the plan…</p>}
      {plan && (
        <div className="plan" data-testid="switch-plan">
          <PlanSection title="Removed in Postmark" empty="Nothing is removed.">
            {plan.remove.map((r) => <li key={r.label}><strong>{r.label}</strong> — {WHEN[r.when]}. <span className="muted">{r.why}</span></li>)}
          </PlanSection>
          <PlanSection title="Created in Postmark" empty="Nothing new is created.">
            {plan.create.map((c) => <li key={c.label}><strong>{c.label}</strong>. <span className="muted">{c.why}</span></li>)}
          </PlanSection>
          <PlanSection title="Stays" empty="Nothing to keep.">
            {plan.keep.map((k) => <li key={k.label}><strong>{k.label}</strong>. <span className="muted">{k.why}</span></li>)}
          </PlanSection>
          <PlanSection title="DNS records the customer must add" empty="None.">
            {plan.dnsRecordsCustomerMustAdd.map((d) => (
              <li key={d.host}><span className="mono">{d.type} {d.host}{d.value ? ` → ${d.value}` : ' (value issued by Postmark)'}</span> <span className="muted">{d.why}</span></li>
            ))}
          </PlanSection>
          <PlanSection title="DNS records the customer may delete" empty="None.">
            {plan.dnsRecordsCustomerMayDelete.map((d) => <li key={d.host}><span className="mono">{d.type} {d.host}</span> <span className="muted">{d.why}</span></li>)}
          </PlanSection>
          {plan.warnings.length > 0 && (
            <div className="plan-warnings" role="note">
              {plan.warnings.map((w) => <p key={w}>! {w}</p>)}
            </div>
          )}
          <p className="muted">Afterwards the tenant is <strong>{STATUS_LABEL[plan.newStatus]}</strong> once the Postmark changes are made. Recording the option changes nothing in Postmark by itself.</p>
        </div>
      )}
      <div className="actions">
        <button className="btn" onClick={onClose}>Cancel</button>
        <button className="btn primary" disabled={!plan || busy} onClick={() => void confirm()}>
          {tenant.option === null ? `Choose option ${to} for ${tenant.name}` : `Switch ${tenant.name} to option ${to}`}
        </button>
      </div>
    </Dialog>
  );
}

function PlanSection({ title, empty, children }: { title: string; empty: string; children: ReactNode[] }) {
  return (
    <section>
      <h4>{title}</h4>
      {children.length ? <ul>{children}</ul> : <p className="muted">{empty}</p>}
    </section>
  );
}
