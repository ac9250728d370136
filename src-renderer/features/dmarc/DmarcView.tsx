import { useCallback, useState } from 'react';
import { DMARC_SOURCES_SHOWN, READINESS_SOURCES_SHOWN, type DmarcCharts, type DmarcReadiness, type DmarcSourcesReport } from '../../../src-preload/api/dmarc';
import { IsoDateInput } from '../../components/IsoDateInput';
import { useApi } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { navigate } from '../../app/router';
import { EmptyState, ErrorBox } from '../../components/Feedback';
import { percent } from './chart-scale';
import { ImportPanel } from './ImportPanel';
import { MailboxPanel } from './MailboxPanel';
import { PostmarkDmarcPanel } from './PostmarkDmarcPanel';
import { FailureReports } from './FailureReports';
import { RepairedReports } from './RepairedReports';
import { ReadinessCard } from './ReadinessCard';
import { SourceChart } from './SourceChart';
import { SourcesTable, type OnMark } from './SourcesTable';
import { VolumeChart } from './VolumeChart';

interface View {
  sources: DmarcSourcesReport;
  readiness: DmarcReadiness;
  charts: DmarcCharts;
  /** Domain and period the view was read for (a reply for an older choice is never shown). */
  scopeKey: string;
}

/** Sources shown without a reverse DNS name (not looked up yet, or none exists). */
const missingNames = (view: View | null | undefined) => view?.sources.sources.filter((s) => s.ptr === null).length ?? 0;

/** The DMARC page: import reports, then per domain and period who sends, charts, and p=reject readiness. */
export function DmarcView({ domain: routeDomain }: { domain?: string }) {
  const api = useApi();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [lookup, setLookup] = useState(true);
  const domainsQuery = useQuery(async () => (await api.dmarc.domains({})).domains, [api]);
  const domains = domainsQuery.data ?? null;
  const loadDomains = domainsQuery.reload;
  const domain = routeDomain ?? domains?.[0]?.domain;
  const scopeKey = `${domain ?? ''}|${from}|${to}`;
  // Everything from the ledger first, names from the PTR cache only: the page is whole in milliseconds. Reverse DNS
  // then fills in the missing names in a second call (2 s a lookup; offline, or for a domain with hundreds of new
  // sources, that is minutes — bench P8 found the page blank for over a minute waiting for it).
  const viewQuery = useQuery(
    async (): Promise<View> => {
      const scope = { domain: domain!, ...(from ? { from } : {}), ...(to ? { to } : {}) };
      const [sources, readiness, charts] = await Promise.all([
        api.dmarc.sources({ ...scope, resolvePtr: false, limit: DMARC_SOURCES_SHOWN }),
        api.dmarc.readiness({ ...scope, resolvePtr: false, limit: READINESS_SOURCES_SHOWN }),
        api.dmarc.charts(scope),
      ]);
      return { sources, readiness, charts, scopeKey };
    },
    [api, domain, from, to, domains],
    { enabled: !!domain },
  );
  const basis = viewQuery.data;
  const named = useQuery(
    async (): Promise<View & { basis: View | undefined }> => {
      const scope = { domain: domain!, ...(from ? { from } : {}), ...(to ? { to } : {}) };
      // Sources first: it fills the PTR cache that readiness and the chart legend then read without lookups.
      const sources = await api.dmarc.sources({ ...scope, resolvePtr: true, limit: DMARC_SOURCES_SHOWN });
      const [readiness, charts] = await Promise.all([
        api.dmarc.readiness({ ...scope, resolvePtr: false, limit: READINESS_SOURCES_SHOWN }),
        api.dmarc.charts(scope),
      ]);
      return { sources, readiness, charts, scopeKey, basis };
    },
    [api, domain, from, to, domains, lookup, viewQuery.data],
    { enabled: !!domain && lookup && viewQuery.data?.scopeKey === scopeKey && missingNames(viewQuery.data) > 0 },
  );
  const shown = viewQuery.data?.scopeKey === scopeKey ? viewQuery.data : null;
  // Names for exactly the view shown: after a sender is marked legitimate the view is read again, and so are they.
  const withNames = shown && named.data?.basis === shown ? named.data : null;
  const view = withNames ?? shown;
  const lookingUp = !!shown && lookup && named.loading;
  const loading = viewQuery.loading;
  const mark = useMutation();
  const error = mark.error || domainsQuery.error || viewQuery.error || named.error;
  const reloadView = viewQuery.reload;
  const markRun = mark.run;
  // After a sender is marked legitimate, sources and readiness are read again.
  const onMark = useCallback(
    (sender: string, legitimate: boolean) => {
      if (!domain) return;
      void markRun('mark', async () => (await api.dmarc.markLegitimate({ domain, sender, legitimate }), reloadView()));
    },
    [api, domain, markRun, reloadView],
  );

  const known = domains?.find((d) => d.domain === domain);
  return (
    <div className="page dmarc-page">
      <div className="page-head">
        <h1>DMARC</h1>
        <span className="muted">aggregate reports · who sends as each domain · p=reject readiness</span>
      </div>
      <ImportPanel onImported={loadDomains} />
      <MailboxPanel onImported={loadDomains} />
      <PostmarkDmarcPanel onImported={loadDomains} />
      {domains && domains.length === 0 && !routeDomain ? (
        <EmptyState title="No DMARC reports yet">
          Import the aggregate reports receivers mail to the <code>rua=</code> address (Google, Yahoo and Microsoft send one a day per domain). The CLI does the
          same: <code>behalf dmarc import ~/reports</code>.
        </EmptyState>
      ) : (
        <>
          <div className="toolbar">
            <label className="field-inline">
              Domain
              <select className="input" aria-label="Domain" value={domain ?? ''} onChange={(e) => navigate('dmarc', e.target.value)}>
                {!known && domain && <option value={domain}>{domain}</option>}
                {(domains ?? []).map((d) => (
                  <option key={d.domain} value={d.domain}>
                    {d.domain} — {d.messages.toLocaleString()} msgs{d.tenant ? ` · ${d.tenant.name}` : ''}
                  </option>
                ))}
              </select>
            </label>
            <label className="field-inline">
              From <IsoDateInput label="From" value={from} max={to} onChange={setFrom} />
            </label>
            <label className="field-inline">
              To <IsoDateInput label="To" value={to} min={from} onChange={setTo} />
            </label>
            {(from || to) && (
              <button className="btn small" onClick={() => (setFrom(''), setTo(''))}>
                All dates
              </button>
            )}
            <label className="field-inline">
              <input type="checkbox" checked={lookup} onChange={(e) => setLookup(e.target.checked)} /> Look up reverse DNS (2 s each, cached)
            </label>
            {known && (
              <span className="muted small">
                reports {known.firstDay} → {known.lastDay}
              </span>
            )}
            {loading && <span className="muted small">Loading…</span>}
            {!loading && lookingUp && (
              <span className="muted small" role="status" data-testid="ptr-lookup">
                Looking up reverse DNS names…
              </span>
            )}
          </div>
          {error ? <ErrorBox error={error} /> : null}
          {view && <DomainView view={view} onMark={onMark} />}
          {domain && <FailureReports domain={domain} refresh={domains} />}
          {domain && <RepairedReports domain={domain} refresh={domains} />}
        </>
      )}
    </div>
  );
}

function DomainView({ view: { sources, readiness, charts }, onMark }: { view: View; onMark: OnMark }) {
  const unknownFailing = sources.counts.unknownFailing;
  return (
    <>
      <div className="kpis" data-testid="dmarc-kpis">
        <div className="kpi">
          <span className="muted">Messages</span>
          <strong data-testid="kpi-messages">{sources.messages.toLocaleString()}</strong>
        </div>
        <div className="kpi">
          <span className="muted">Pass DMARC</span>
          <strong>{percent(sources.passing, sources.messages)}</strong>
          <span className="muted small">{sources.passing.toLocaleString()}</span>
        </div>
        <div className="kpi">
          <span className="muted">Fail DMARC</span>
          <strong>{sources.failing.toLocaleString()}</strong>
        </div>
        <div className="kpi">
          <span className="muted">Sources</span>
          <strong>{sources.counts.sources.toLocaleString()}</strong>
          <span className={unknownFailing ? 'small warn-text' : 'muted small'}>{unknownFailing} unknown failing</span>
        </div>
        <div className="kpi">
          <span className="muted">Tenant</span>
          {sources.tenant ? <a href={`#/tenants/${sources.tenant.id}/dmarc`}>{sources.tenant.name}</a> : <span className="muted">none on this domain</span>}
        </div>
      </div>
      <div className="grid2 charts">
        <div className="card">
          <h2>Volume and pass rate</h2>
          <VolumeChart domain={charts.domain} days={charts.dailyVolume} />
        </div>
        <div className="card">
          <h2>Volume by source</h2>
          <SourceChart domain={charts.domain} volume={charts.sourceVolume} />
        </div>
      </div>
      <ReadinessCard readiness={readiness} />
      <div className="card">
        <h2>Who sends as {sources.domain}</h2>
        <SourcesTable report={sources} onMark={onMark} />
      </div>
    </>
  );
}
