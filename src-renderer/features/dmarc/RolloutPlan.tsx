import { useEffect, useState } from 'react';
import type { DmarcRecordChoices } from '../../../src-preload/api/dmarc';
import { IsoDateInput } from '../../components/IsoDateInput';
import { useApi } from '../../app/api-context';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox } from '../../components/Feedback';
import { CopyButton } from '../../components/CopyButton';

type Base = Omit<DmarcRecordChoices, 'p' | 't'>;
const today = () => new Date().toISOString().slice(0, 10);

/** none → quarantine → reject with dates (optionally through t=y test steps), each step's full record. */
export function RolloutPlan({
  domain,
  base,
  onOptions,
}: {
  domain: string;
  base: Base;
  onOptions?: (o: { start: string; monitorDays: number; quarantineDays: number; testMode: boolean } | null) => void;
}) {
  const api = useApi();
  const [start, setStart] = useState(today);
  const [monitorDays, setMonitor] = useState(28);
  const [quarantineDays, setQuarantine] = useState(28);
  const [testMode, setTestMode] = useState(false);
  const baseKey = JSON.stringify(base);
  const validStart = /^\d{4}-\d{2}-\d{2}$/.test(start);
  const planQuery = useQuery(
    () => api.dmarc.plan({ domain, start, base: JSON.parse(baseKey) as Base, monitorDays, quarantineDays, testMode }),
    [api, domain, start, monitorDays, quarantineDays, testMode, baseKey],
    { enabled: validStart },
  );
  const plan = planQuery.data ?? null;
  const error = planQuery.error;
  useEffect(() => {
    // Reported up so "Use this record" can keep the plan shown here with the chosen record.
    if (validStart) onOptions?.({ start, monitorDays, quarantineDays, testMode });
  }, [validStart, start, monitorDays, quarantineDays, testMode]);

  return (
    <div className="card">
      <h2>Rollout plan</h2>
      <div className="toolbar">
        <label className="field-inline">
          Start <IsoDateInput label="Plan start" value={start} onChange={setStart} />
        </label>
        <label className="field-inline">
          Monitor{' '}
          <input
            className="input days"
            type="number"
            min={0}
            max={365}
            aria-label="Days at p=none"
            value={monitorDays}
            onChange={(e) => setMonitor(Number(e.target.value) || 0)}
          />{' '}
          days
        </label>
        <label className="field-inline">
          Quarantine{' '}
          <input
            className="input days"
            type="number"
            min={0}
            max={365}
            aria-label="Days at p=quarantine"
            value={quarantineDays}
            onChange={(e) => setQuarantine(Number(e.target.value) || 0)}
          />{' '}
          days
        </label>
        <label className="field-inline">
          <input type="checkbox" checked={testMode} onChange={(e) => setTestMode(e.target.checked)} /> t=y test steps first
        </label>
      </div>
      {error ? <ErrorBox error={error} /> : null}
      {plan && (
        <ol className="plan-steps" aria-label="Rollout steps">
          {plan.steps.map((s) => (
            <li key={`${s.date}-${s.p}-${s.testMode}`}>
              <div className="step-head">
                <span className="mono">{s.date}</span>
                <strong>
                  p={s.p}
                  {s.testMode ? ' (t=y)' : ''}
                </strong>
                <span className="grow" />
                <CopyButton value={s.record} what={`record for ${s.date}`} label="Copy record" />
              </div>
              <code className="mono block">{s.record}</code>
              <div className="muted small">{s.note}</div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
