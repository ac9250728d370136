import { useState } from 'react';
import type { SendingOption, Tenant } from '../../../src-preload/api/tenants';
import { useApi, useEvent } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
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
  // Re-runs when the tenant itself changes (edits change the facts: domain, From address, option).
  const compare = useQuery(() => api.options.compare({ id: tenant.id }), [api, tenant.id, tenant.updatedAt]);
  const data = compare.data ?? null;
  const settingsQuery = useQuery(() => api.settings.get({}), [api]);
  const settings = settingsQuery.data ?? null;
  const [switchTo, setSwitchTo] = useState<SendingOption | null>(null);
  const [toast, setToast] = useState('');
  const check = useMutation();
  const checking = check.busy !== null;
  const error = compare.error ?? check.error ?? null;
  const [next, setNext] = useState<SendingOption | null>(null);

  const load = compare.reload;
  useEvent('settings.changed', () => (load(), settingsQuery.reload()));

  // The check the advisor needs, run from here (the DMARC and MX facts come from it).
  const checkDns = () =>
    check.run('check-dns', async () => {
      await api.dns.checkTenant({ id: tenant.id });
      load();
    });

  if (error != null && !data) return <ErrorBox error={error} />;
  if (!data) return <div className="muted">Comparing options…</div>;

  const choose = async (option: SendingOption, opts: { apply: boolean; displayName?: string }) => {
    const r = await api.options.choose({ id: tenant.id, option, ...opts });
    if (!r.applied) setSwitchTo(null);
    setToast(
      r.followedRecommendation || r.recommended === null
        ? `${tenant.name} is now on option ${option}.`
        : `${tenant.name} is now on option ${option} (the advisor recommended option ${r.recommended}; noted in Activity).`,
    );
    // Only the choice was recorded when nothing exists in Postmark yet: the next step is to provision.
    setNext(r.applied ? null : option);
    load();
    return r.applied;
  };

  return (
    <div className="options-tab">
      {error != null && <ErrorBox error={error} />}
      {settingsQuery.error ? <ErrorBox error={settingsQuery.error} /> : null}
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
          onConfirm={(opts) => choose(switchTo, opts)}
          onClose={() => setSwitchTo(null)}
        />
      )}
    </div>
  );
}
