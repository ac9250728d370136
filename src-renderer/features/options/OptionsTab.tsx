import { useCallback, useEffect, useState } from 'react';
import type { OptionsCompareResult } from '../../../src-preload/api/options';
import type { Settings } from '../../../src-preload/api/settings';
import type { SendingOption, Tenant } from '../../../src-preload/api/tenants';
import { useApi, useEvent } from '../../app/api-context';
import { ErrorBox } from '../../components/Feedback';
import { DisplayNameLab } from './DisplayNameLab';
import { OptionCard } from './OptionCard';
import { PendingRemovals } from './PendingRemovals';
import { RecommendationPanel } from './RecommendationPanel';
import { NextStep } from './NextStep';
import { SwitchPlanDialog } from './SwitchPlanDialog';

/** Tenant detail → Options: the three ways to send side by side, the advisor's pick, and the switch flow. */
export function OptionsTab({ tenant }: { tenant: Tenant }) {
  const api = useApi();
  const [data, setData] = useState<OptionsCompareResult | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [switchTo, setSwitchTo] = useState<SendingOption | null>(null);
  const [toast, setToast] = useState('');
  const [checking, setChecking] = useState(false);
  const [next, setNext] = useState<SendingOption | null>(null);

  const load = useCallback(() => {
    api.options.compare({ id: tenant.id }).then((d) => (setData(d), setError(null)), setError);
    api.settings.get({}).then(setSettings, () => undefined);
  }, [api, tenant.id]);
  // Re-runs when the tenant itself changes (edits change the facts: domain, From address, option).
  useEffect(load, [load, tenant.updatedAt]);
  useEvent('settings.changed', load);

  // The check the advisor needs, run from here (the DMARC and MX facts come from it).
  const checkDns = async () => {
    setChecking(true);
    try {
      await api.dns.checkTenant({ id: tenant.id });
      load();
    } catch (err) {
      setError(err);
    } finally {
      setChecking(false);
    }
  };

  if (error != null && !data) return <ErrorBox error={error} />;
  if (!data) return <div className="muted">Comparing options…</div>;

  const choose = async (option: SendingOption, opts: { apply: boolean; displayName?: string }) => {
    const r = await api.options.choose({ id: tenant.id, option, ...opts });
    if (!r.applied) setSwitchTo(null);
    setToast(r.followedRecommendation || r.recommended === null
      ? `${tenant.name} is now on option ${option}.`
      : `${tenant.name} is now on option ${option} (the advisor recommended option ${r.recommended}; noted in Activity).`);
    // Only the choice was recorded when nothing exists in Postmark yet: the next step is to provision.
    setNext(r.applied ? null : option);
    load();
    return r.applied;
  };

  return (
    <div className="options-tab">
      {error != null && <ErrorBox error={error} />}
      {toast && <NextStep text={toast} tenant={tenant} provision={next !== null} dialogOpen={switchTo !== null} onDismiss={() => setToast('')} />}
      <RecommendationPanel data={data} tenantName={tenant.name} checking={checking} onCheckDns={() => void checkDns()} />
      <PendingRemovals tenant={tenant} />
      <div className="opt-grid">
        {data.options.map((o) => (
          <OptionCard
            key={o.option}
            o={o}
            recommended={data.recommendation.option === o.option}
            vendorName={settings?.vendorName ?? 'The vendor'}
            busy={switchTo !== null}
            onChoose={() => setSwitchTo(o.option)}
          />
        ))}
      </div>
      {data.offered.includes(3) && <DisplayNameLab tenant={tenant} />}
      {switchTo !== null && (
        <SwitchPlanDialog
          tenant={tenant}
          to={switchTo}
          advice={{ ...(data.options.find((o) => o.option === switchTo)?.assessment ?? { status: 'ok', why: [] }), recommended: data.recommendation.option }}
          onConfirm={(opts) => choose(switchTo, opts)} onClose={() => setSwitchTo(null)} />
      )}
    </div>
  );
}
