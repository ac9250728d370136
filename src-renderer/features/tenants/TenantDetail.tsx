import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry, Tenant } from '../../../src-preload/api/tenants';
import { useApi, useEvent } from '../../app/api-context';
import { navigate } from '../../app/router';
import { ErrorBox } from '../../components/Feedback';
import { OPTION_LABEL, OptionBadge, TenantStatusChip } from '../../components/Status';
import { DmarcTab } from '../dmarc/DmarcTab';
import { DnsTab } from '../dns/DnsTab';
import { OptionsTab } from '../options/OptionsTab';
import { PostmarkTab } from '../postmark/PostmarkTab';
import { SendsTab } from '../sends/SendsTab';
import { SheetsTab } from '../sheets/SheetsTab';
import { TenantForm } from './TenantForm';
import { DomainName } from '../../components/DomainName';

const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'options', label: 'Options' },
  { id: 'postmark', label: 'Postmark' },
  { id: 'dns', label: 'DNS' },
  { id: 'sheets', label: 'Sheets' },
  { id: 'sends', label: 'Test sends' },
  { id: 'dmarc', label: 'DMARC' },
  { id: 'activity', label: 'Activity' },
] as const;

export function TenantDetail({ id, tab }: { id: string; tab: string }) {
  const api = useApi();
  const [tenant, setTenant] = useState<Tenant | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);

  const load = useCallback(() => {
    api.tenants.get({ id }).then(setTenant, setError);
  }, [api, id]);
  useEffect(load, [load]);
  useEvent('tenants.changed', (e) => (e.ids.length === 0 || e.ids.includes(id)) && load());

  if (error) return <div className="page"><ErrorBox error={error} /><button className="btn" onClick={() => navigate('tenants')}>Back to tenants</button></div>;
  if (!tenant) return <div className="page muted">Loading…</div>;
  const current = TABS.find((t) => t.id === tab) ?? TABS[0];

  return (
    <div className="page">
      <div className="page-head">
        <button className="btn small" onClick={() => navigate('tenants')} aria-label="Back to tenants">←</button>
        <h1>{tenant.name}</h1>
        <span className="muted"><DomainName domain={tenant.domain} full /></span>
        <OptionBadge option={tenant.option} />
        <TenantStatusChip status={tenant.status} />
        <span className="grow" />
        <button className="btn" onClick={() => setEditing(true)}>Edit</button>
      </div>
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t.id} role="tab" className="tab" aria-selected={t.id === current.id} onClick={() => navigate('tenants', id, t.id)}>{t.label}</button>
        ))}
      </div>
      {current.id === 'overview' && <Overview tenant={tenant} />}
      {current.id === 'options' && <OptionsTab tenant={tenant} />}
      {current.id === 'postmark' && <PostmarkTab tenant={tenant} />}
      {current.id === 'activity' && <Activity id={id} />}
      {current.id === 'dmarc' && <DmarcTab tenant={tenant} />}
      {current.id === 'dns' && <DnsTab tenant={tenant} />}
      {current.id === 'sheets' && <SheetsTab tenant={tenant} />}
      {current.id === 'sends' && <SendsTab tenant={tenant} />}
      {editing && <TenantForm tenant={tenant} onClose={() => setEditing(false)} onSaved={(t) => (setTenant(t), setEditing(false))} />}
    </div>
  );
}

function Overview({ tenant: t }: { tenant: Tenant }) {
  return (
    <div className="grid2">
      <div className="card">
        <h3>Customer</h3>
        <dl className="kv">
          <dt>Name</dt><dd>{t.name}</dd>
          <dt>Primary domain</dt><dd><DomainName domain={t.domain} full /></dd>
          <dt>Contact</dt><dd>{t.contactName || <span className="muted">—</span>} {t.contactEmail && <span className="mono">&lt;{t.contactEmail}&gt;</span>}</dd>
          <dt>Tags</dt><dd>{t.tags.length ? t.tags.map((g) => <span key={g} className="tag">{g}</span>) : <span className="muted">none</span>}</dd>
          <dt>Notes</dt><dd style={{ whiteSpace: 'pre-wrap' }}>{t.notes || <span className="muted">none</span>}</dd>
        </dl>
      </div>
      <div className="card">
        <h3>Sending</h3>
        <dl className="kv">
          <dt>Option</dt><dd>{t.option ? `${t.option} — ${OPTION_LABEL[t.option]}` : 'Not decided yet'}</dd>
          <dt>From</dt><dd className="mono">{t.fromName ? `${t.fromName} ` : ''}{t.fromAddress ? `<${t.fromAddress}>` : <span className="muted">not set</span>}</dd>
          <dt>Status</dt><dd><TenantStatusChip status={t.status} /></dd>
          <dt>Created</dt><dd className="mono">{t.createdAt.replace('T', ' ').slice(0, 19)}</dd>
          <dt>Updated</dt><dd className="mono">{t.updatedAt.replace('T', ' ').slice(0, 19)}</dd>
        </dl>
      </div>
    </div>
  );
}

function Activity({ id }: { id: string }) {
  const api = useApi();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => void api.tenants.audit({ id }).then((r) => setEntries(r.entries), setError), [api, id]);
  useEffect(load, [load]);
  useEvent('tenants.changed', (e) => e.ids.includes(id) && load());
  if (error) return <ErrorBox error={error} />;
  if (!entries) return <div className="muted">Loading…</div>;
  return (
    <div className="card">
      <h3>Audit trail</h3>
      <ul className="audit" aria-label="Audit trail">
        {entries.map((e) => (
          <li key={e.id}>
            <span className="mono muted">{e.at.replace('T', ' ').slice(0, 19)}</span>
            <span>{e.action}{e.field ? ` ${e.field}` : ''}</span>
            <span>{e.field ? <><span className="muted">{e.oldValue ?? '∅'}</span> → <strong>{e.newValue ?? '∅'}</strong></> : e.newValue}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
