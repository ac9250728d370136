import { useEffect, useRef, useState } from 'react';
import type { Tenant } from '../../../src-preload/api/tenants';
import { useApi, useEvent } from '../../app/api-context';
import { useQuery } from '../../app/data/use-query';
import { navigate } from '../../app/router';
import { ErrorBox } from '../../components/Feedback';
import { OPTION_LABEL, OptionBadge, TenantHealthChip, TenantStatusChip } from '../../components/Status';
import { DmarcTab } from '../dmarc/DmarcTab';
import { HealthTab } from '../health/HealthTab';
import { DnsTab } from '../dns/DnsTab';
import { OptionsTab } from '../options/OptionsTab';
import { PostmarkTab } from '../postmark/PostmarkTab';
import { SendsTab } from '../sends/SendsTab';
import { SenderRulesCard } from '../rules/SenderRulesCard';
import { SheetsTab } from '../sheets/SheetsTab';
import { ActivityTab } from './ActivityTab';
import { TenantForm } from './TenantForm';
import { DomainName } from '../../components/DomainName';
import { TenantTabs } from './TenantTabs';
import { useBackOnEscape } from './use-back';
import { useLastCheck } from './use-last-check';

const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'options', label: 'Options' },
  { id: 'postmark', label: 'Postmark' },
  { id: 'dns', label: 'DNS' },
  { id: 'sheets', label: 'Sheets' },
  { id: 'sends', label: 'Test sends' },
  { id: 'dmarc', label: 'DMARC' },
  { id: 'health', label: 'Health' },
  { id: 'activity', label: 'Activity' },
] as const;

export function TenantDetail({ id, tab }: { id: string; tab: string }) {
  const api = useApi();
  const tenantQuery = useQuery(() => api.tenants.get({ id }), [api, id]);
  const tenant = tenantQuery.data ?? null;
  const error = tenantQuery.error;
  const [editing, setEditing] = useState(false);

  const heading = useRef<HTMLHeadingElement>(null);
  const lastCheck = useLastCheck(id);

  useEvent('tenants.changed', (e) => (e.ids.length === 0 || e.ids.includes(id)) && tenantQuery.reload());
  useBackOnEscape();
  // Opening a tenant puts focus on its name (the new content), not on <body>; tab changes keep focus on the tab.
  const loaded = tenant !== null;
  useEffect(() => {
    if (loaded && !document.activeElement?.closest('[role=tablist], [role=dialog]')) heading.current?.focus();
  }, [loaded, id]);

  if (error)
    return (
      <div className="page">
        <ErrorBox error={error} />
        <button className="btn" onClick={() => navigate('tenants')}>
          Back to tenants
        </button>
      </div>
    );
  if (!tenant) return <div className="page muted">Loading…</div>;
  const current = TABS.find((t) => t.id === tab) ?? TABS[0];

  return (
    <div className="page">
      <div className="page-head">
        <button className="btn small" onClick={() => navigate('tenants')} aria-label="Back to tenants">
          ←
        </button>
        <h1 ref={heading} tabIndex={-1}>
          {tenant.name}
        </h1>
        <span className="muted">
          <DomainName domain={tenant.domain} full />
        </span>
        <OptionBadge option={tenant.option} />
        <TenantHealthChip status={tenant.status} lastCheck={lastCheck} />
        <span className="grow" />
        <button className="btn" onClick={() => setEditing(true)}>
          Edit
        </button>
      </div>
      <TenantTabs tabs={TABS} current={current.id} idBase="tenant" onSelect={(t) => navigate('tenants', id, t)} />
      <div role="tabpanel" id="tenant-panel" aria-labelledby={`tenant-tab-${current.id}`}>
        {current.id === 'overview' && <Overview tenant={tenant} />}
        {current.id === 'options' && <OptionsTab tenant={tenant} />}
        {current.id === 'postmark' && <PostmarkTab tenant={tenant} />}
        {current.id === 'activity' && <ActivityTab id={id} />}
        {current.id === 'dmarc' && <DmarcTab tenant={tenant} />}
        {current.id === 'health' && <HealthTab tenant={tenant} />}
        {current.id === 'dns' && <DnsTab tenant={tenant} />}
        {current.id === 'sheets' && <SheetsTab tenant={tenant} />}
        {current.id === 'sends' && <SendsTab tenant={tenant} onEdit={() => setEditing(true)} />}
      </div>
      {editing && <TenantForm tenant={tenant} onClose={() => setEditing(false)} onSaved={(t) => (tenantQuery.setData(t), setEditing(false))} />}
    </div>
  );
}

function Overview({ tenant: t }: { tenant: Tenant }) {
  return (
    <div className="grid2">
      <div className="card">
        <h2>Customer</h2>
        <dl className="kv">
          <dt>Name</dt>
          <dd>{t.name}</dd>
          <dt>Primary domain</dt>
          <dd>
            <DomainName domain={t.domain} full />
          </dd>
          <dt>Contact</dt>
          <dd>
            {t.contactName || <span className="muted">—</span>} {t.contactEmail && <span className="mono">&lt;{t.contactEmail}&gt;</span>}
          </dd>
          <dt>Tags</dt>
          <dd>
            {t.tags.length ? (
              t.tags.map((g) => (
                <span key={g} className="tag">
                  {g}
                </span>
              ))
            ) : (
              <span className="muted">none</span>
            )}
          </dd>
          <dt>Notes</dt>
          <dd style={{ whiteSpace: 'pre-wrap' }}>{t.notes || <span className="muted">none</span>}</dd>
        </dl>
      </div>
      <div className="card">
        <h2>Sending</h2>
        <dl className="kv">
          <dt>Option</dt>
          <dd>{t.option ? `${t.option} — ${OPTION_LABEL[t.option]}` : 'Not decided yet'}</dd>
          <dt>From</dt>
          <dd className="mono">
            {t.fromName ? `${t.fromName} ` : ''}
            {t.fromAddress ? `<${t.fromAddress}>` : <span className="muted">not set</span>}
          </dd>
          <dt>Status</dt>
          <dd>
            <TenantStatusChip status={t.status} />
          </dd>
          <dt>Created</dt>
          <dd className="mono">{t.createdAt.replace('T', ' ').slice(0, 19)}</dd>
          <dt>Updated</dt>
          <dd className="mono">{t.updatedAt.replace('T', ' ').slice(0, 19)}</dd>
        </dl>
      </div>
      <SenderRulesCard tenant={t} />
    </div>
  );
}
