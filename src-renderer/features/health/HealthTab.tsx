import type { Tenant } from '../../../src-preload/api/tenants';
import type { TenantHealth } from '../../../src-preload/api/health';
import { useApi } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox } from '../../components/Feedback';
import { StatusChip } from '../../components/Status';
import { HealthChart } from './HealthChart';
import { TrendArrow } from './HealthRows';
import { fetchedAge, ratePct, VERDICT_VIEW } from './health-words';
import './health.css';

const LEVEL_TONE = { fail: 'failing', warn: 'warning', info: 'info' } as const;

/** A tenant's Health tab: verdict with reasons and fixes, 30 days as a chart, bounces by type, latest failures. */
export function HealthTab({ tenant }: { tenant: Tenant }) {
  const api = useApi();
  const healthQuery = useQuery(() => api.health.tenant({ id: tenant.id }), [api, tenant.id]);
  const health = healthQuery.data ?? null;
  const action = useMutation();
  const busy = action.busy !== null;
  const refreshError = action.error;
  // Read again whether or not the refresh worked: a failed one is recorded with the cache.
  const refresh = async () => {
    await action.run('refresh', () => api.health.refresh({ id: tenant.id }));
    healthQuery.reload();
  };

  if (!health) return healthQuery.error ? <ErrorBox error={healthQuery.error} /> : <p className="muted">Loading…</p>;
  const v = VERDICT_VIEW[health.verdict];
  const hasNumbers = health.fetch.fetchedAt !== null;

  return (
    <div className="grid2">
      <section className="card health-wide" aria-labelledby="health-verdict">
        <div className="health-head">
          <h2 id="health-verdict">Sending health</h2>
          <StatusChip tone={v.tone} label={v.word} />
          <span className="grow" />
          <span className="muted small-print" data-testid="health-age">
            {fetchedAge(health.fetch.fetchedAt)}
            {health.serverName ? ` · server ${health.serverName}` : ''}
          </span>
          <button className="btn" onClick={() => void refresh()} disabled={busy || !health.serverName}>
            {busy ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
        {health.fetch.error && (
          <p className="error-text small-print" role="alert">
            Last refresh failed: {health.fetch.error.message} The numbers below are the last ones fetched.
          </p>
        )}
        {/* A failed refresh is recorded with the cache and shown above; anything else (no such tenant) here. */}
        {refreshError && !health.fetch.error ? <ErrorBox error={refreshError} /> : null}
        {health.reasons.length > 0 ? (
          <ul className="health-reasons">
            {health.reasons.map((r) => (
              <li key={r.code}>
                <StatusChip tone={LEVEL_TONE[r.level]} label={r.level === 'fail' ? 'over the limit' : r.level === 'warn' ? 'watch' : 'note'} /> {r.text}
                {r.fix && <div className="fix muted">Fix: {r.fix}</div>}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Bounces and spam complaints are under every limit over the last 7 days.</p>
        )}
        {hasNumbers && (
          <dl className="kv" style={{ marginTop: 10 }}>
            <dt>Last 7 days</dt>
            <dd>
              {health.last7.sent.toLocaleString('en-US')} sent · bounces {ratePct(health.last7.bounceRate)} <TrendArrow trend={health.bounceTrend} /> · spam
              complaints {ratePct(health.last7.complaintRate)} <TrendArrow trend={health.complaintTrend} />
            </dd>
            <dt>Last 30 days</dt>
            <dd>
              {health.last30.sent.toLocaleString('en-US')} sent · {health.last30.bounced.toLocaleString('en-US')} bounced ·{' '}
              {health.last30.complaints.toLocaleString('en-US')} spam complaints
            </dd>
          </dl>
        )}
      </section>
      {hasNumbers && (
        <section className="card health-wide" aria-label="Last 30 days">
          <HealthChart name={tenant.name} days={health.days} thresholds={health.thresholds} />
        </section>
      )}
      {hasNumbers && (
        <section className="card" aria-labelledby="health-types">
          <h2 id="health-types">Bounces by type (all time)</h2>
          {health.bouncesByType.length === 0 ? (
            <p className="muted">No bounces recorded.</p>
          ) : (
            <table className="dtable compact" aria-labelledby="health-types">
              <thead>
                <tr>
                  <th>Type</th>
                  <th className="num">Count</th>
                </tr>
              </thead>
              <tbody>
                {health.bouncesByType.map((b) => (
                  <tr key={b.type}>
                    <td>{b.name}</td>
                    <td className="num">{b.count.toLocaleString('en-US')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {health.inactiveAddresses !== null && (
            <p className="muted small-print">
              {health.inactiveAddresses.toLocaleString('en-US')} addresses inactive in Postmark (hard bounces and complaints; Postmark will not send to them).
            </p>
          )}
        </section>
      )}
      {hasNumbers && (
        <section className="card health-wide" aria-labelledby="health-recent">
          <h2 id="health-recent">Latest complaints and hard bounces</h2>
          <RecentTable
            label="Latest spam complaints"
            rows={health.recent.filter((b) => b.type === 'SpamComplaint').slice(0, 6)}
            empty="No spam complaints in the last 30 days."
          />
          <RecentTable
            label="Latest hard bounces"
            rows={health.recent.filter((b) => b.type !== 'SpamComplaint').slice(0, 8)}
            empty="No hard bounces in the last 30 days."
          />
        </section>
      )}
    </div>
  );
}

/** Complaints and hard bounces apart: a handful of complaints matter more than many bounces and must not drown. */
function RecentTable({ label, rows, empty }: { label: string; rows: TenantHealth['recent']; empty: string }) {
  return (
    <>
      <h3 className="recent-title">{label}</h3>
      {rows.length === 0 ? (
        <p className="muted small-print">{empty}</p>
      ) : (
        <table
          className="dtable compact recent-table"
          aria-label={label}
          data-testid={label === 'Latest spam complaints' ? 'health-complaints' : 'health-hard-bounces'}
        >
          <thead>
            <tr>
              <th>When (Postmark time)</th>
              <th>Address</th>
              <th>Description</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((b) => (
              <tr key={b.id}>
                <td className="mono small-print">{b.at.slice(0, 16).replace('T', ' ')}</td>
                <td className="mono small-print">{b.email}</td>
                <td className="small-print" title={b.details}>
                  {b.description}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
