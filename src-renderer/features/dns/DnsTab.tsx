import type { Tenant } from '../../../src-preload/api/tenants';
import { useApi, useEvent } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { useIntent } from '../../app/intents';
import { EmptyState, ErrorBox } from '../../components/Feedback';
import { checkVerdict } from '../../../src-preload/api/verdicts';
import { VerdictChip } from '../../components/Status';
import { DmarcCards } from './DmarcCards';
import { DriftList } from './DriftList';
import { RecordsTable } from './RecordsTable';
import { when } from './dns-text';
import { DomainName } from '../../components/DomainName';
import { unicodeDomain } from '../../../src-preload/api/domain-input';

/** Tenant detail → DNS: the latest check (records, DMARC, option-2 verdict, drift) and the history. */
export function DnsTab({ tenant }: { tenant: Tenant }) {
  const api = useApi();
  // Keyed by the tenant: a reply about the previously shown tenant never lands here.
  const latest = useQuery(() => api.dns.latest({ id: tenant.id }), [api, tenant.id]);
  const historyQuery = useQuery(() => api.dns.history({ id: tenant.id }), [api, tenant.id]);
  const action = useMutation();
  const check = latest.data?.check;
  const history = historyQuery.data?.rows ?? [];
  const busy = action.busy !== null;
  const error = action.error ?? latest.error ?? historyQuery.error ?? null;

  const load = () => {
    latest.reload();
    historyQuery.reload();
  };
  // A verify that turns the tenant live runs a check in main: show it without a manual reload.
  useEvent('tenants.changed', (e) => e.ids.includes(tenant.id) && e.reason === 'dns-checked' && load());

  useIntent('tenant.check-dns', () => void checkNow(), tenant.id);
  const checkNow = () =>
    action.run('check', async () => {
      latest.setData({ check: await api.dns.checkTenant({ id: tenant.id }) });
      historyQuery.setData(await api.dns.history({ id: tenant.id }));
    });

  const button = (
    <button className="btn primary" onClick={checkNow} disabled={busy} aria-busy={busy}>
      {busy ? 'Checking…' : 'Check now'}
    </button>
  );
  if (check === undefined && !error) return <div className="muted">Loading…</div>;
  const report = check?.report;
  const notOk = report ? report.records.filter((r) => r.status !== 'ok').length : 0;
  // Under option 2 the DMARC verdict decides delivery, so it comes before the records.
  const verdictFirst = tenant.option === 2 || report?.option === 2;
  const option2Fails = verdictFirst && report?.option2.verdict === 'will-fail';

  return (
    <div className="dns-tab">
      <div className="toolbar">
        {button}
        {check && (
          <>
            <VerdictChip verdict={checkVerdict(check.status)} />
            <span className="muted">
              <DomainName domain={check.domain} full /> checked {when(check.checkedAt)} ·{' '}
              {notOk === 0 ? 'every record ok' : `${notOk} of ${report!.records.length} records need attention`}
              {option2Fails && <strong className="fails"> · option-2 mail will fail DMARC</strong>}
              {report!.authoritative.servers.length > 0 && <> · name servers asked: {report!.authoritative.servers.join(', ')}</>}
            </span>
          </>
        )}
      </div>
      {unicodeDomain(tenant.domain) !== tenant.domain && (
        <p className="muted small" data-testid="idn-note">
          {unicodeDomain(tenant.domain)} is an internationalised name: every query and record here uses its A-label <code>{tenant.domain}</code>, which is how
          most DNS panels show it.
        </p>
      )}
      {error ? <ErrorBox error={error} /> : null}
      {!check ? (
        <EmptyState title="Not checked yet" actions={button}>
          Check <DomainName domain={tenant.domain} full /> to compare what is published with what option {tenant.option ?? '(not decided)'} needs.
        </EmptyState>
      ) : (
        <>
          {check.drift.length > 0 && (
            <div className="card drift-card">
              <h2>Changed since the previous check</h2>
              <DriftList items={check.drift} label="Drift since the previous check" />
            </div>
          )}
          {verdictFirst && <DmarcCards report={report!} option={tenant.option} />}
          <RecordsTable records={report!.records} />
          {!verdictFirst && <DmarcCards report={report!} option={tenant.option} />}
          <div className="card">
            <h2>History</h2>
            <table className="dns-table compact" aria-label="Check history">
              <thead>
                <tr>
                  <th>Checked</th>
                  <th>Domain</th>
                  <th>Status</th>
                  <th>Causes</th>
                  <th>Drift</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.id}>
                    <td className="mono">{when(h.checkedAt)}</td>
                    <td className="mono">{h.domain}</td>
                    <td>
                      <VerdictChip verdict={checkVerdict(h.status)} />
                    </td>
                    <td>
                      {h.causes.length ? (
                        h.causes.map((c) => (
                          <code key={c} className="cause">
                            {c}
                          </code>
                        ))
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td>
                      {h.drift.length ? (
                        <span className="drift-flag" title={h.drift.map((d) => d.message).join('\n')}>
                          {h.drift.length} change{h.drift.length > 1 ? 's' : ''}: {h.drift.map((d) => d.code).join(', ')}
                        </span>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
