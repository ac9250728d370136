import { useState } from 'react';
import type { DmarcRecordChoices, DmarcSavedRecord } from '../../../src-preload/api/dmarc';
import type { Tenant } from '../../../src-preload/api/tenants';
import { useApi } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { ErrorBox } from '../../components/Feedback';
import { StatusChip } from '../../components/Status';
import { TxtRecordView } from './TxtRecordView';

export interface PlanOptions {
  start: string;
  monitorDays: number;
  quarantineDays: number;
  testMode: boolean;
}

/**
 * "Use this record for {tenant}": stores the builder's record as the tenant's chosen one (the DNS sheet lists it),
 * shows the stored choice and lets staff replace or clear it. Every change lands in the tenant's history.
 */
export function ChosenRecord({
  tenant,
  choices,
  value,
  saved,
  plan,
  onSaved,
}: {
  tenant: Tenant;
  choices: DmarcRecordChoices;
  /** The builder's current TXT value, null while it is invalid or building. */
  value: string | null;
  saved: DmarcSavedRecord | null;
  plan: PlanOptions | null;
  onSaved: (r: DmarcSavedRecord | null) => void;
}) {
  const api = useApi();
  const [withPlan, setWithPlan] = useState(false);
  const action = useMutation();
  const busy = action.busy !== null;
  const error = action.error;
  const run = (name: string, work: () => Promise<DmarcSavedRecord | null>) => void action.run(name, async () => onSaved(await work()));
  const save = () => run('save', () => api.dmarc.saveRecord({ id: tenant.id, input: choices, ...(withPlan && plan ? { plan } : {}) }));
  const clear = () => run('clear', () => api.dmarc.clearRecord({ id: tenant.id }).then(() => null));
  const same = saved !== null && value === saved.value && saved.domain === tenant.domain.toLowerCase();

  return (
    <div className="chosen-record" data-testid="chosen-record">
      <div className="toolbar">
        {!same && (
          <button className="btn primary" disabled={busy || value === null} onClick={save}>
            {saved ? `Replace the chosen record for ${tenant.name}` : `Use this record for ${tenant.name}`}
          </button>
        )}
        {plan && !same && (
          <label className="field-inline">
            <input type="checkbox" checked={withPlan} onChange={(e) => setWithPlan(e.target.checked)} /> keep the rollout plan with it
          </label>
        )}
        {same && <StatusChip tone="ok" label="This is the chosen record" />}
      </div>
      {error ? <ErrorBox error={error} /> : null}
      {saved ? (
        <div className="card inset" aria-label="Chosen DMARC record">
          <div className="card-head">
            <h3>Chosen for {tenant.name}</h3>
            <span className="grow" />
            <button className="btn small" disabled={busy} onClick={clear}>
              Clear
            </button>
          </div>
          <TxtRecordView name={saved.name} value={saved.value} />
          {saved.authorizations.map((a) => (
            <div key={a.name} className="small">
              Report permission at {a.reportDomain}: <code className="mono">{a.name}</code> TXT <code className="mono">{a.value}</code>
            </div>
          ))}
          <p className="small" data-testid="chosen-sheet-note">
            <StatusChip tone={saved.inSheet ? 'ok' : 'unknown'} label={saved.inSheet ? 'in the DNS sheet' : 'not in the DNS sheet'} /> {saved.sheetNote}
          </p>
          <div className="muted small">
            Chosen {saved.chosenAt.replace('T', ' ').slice(0, 16)} UTC
            {saved.plan ? ` · rollout plan: ${saved.plan.steps.map((s) => `${s.date} p=${s.p}${s.testMode ? ' (t=y)' : ''}`).join(' → ')}` : ''}
          </div>
        </div>
      ) : (
        <p className="muted small">Nothing chosen yet: the DNS sheet lists no DMARC record for {tenant.name}.</p>
      )}
    </div>
  );
}
