import type { HealthRow, Trend } from '../../../src-preload/api/health';
import { navigate } from '../../app/router';
import { StatusChip } from '../../components/Status';
import { fetchedAge, ratePct, TREND_VIEW, VERDICT_VIEW } from './health-words';

const DNS_TONE = { ok: 'ok', warning: 'warning', failing: 'failing', error: 'error' } as const;

export function TrendArrow({ trend }: { trend: Trend }) {
  if (!trend)
    return (
      <span className="trend" aria-label="no trend (too little mail)">
        ·
      </span>
    );
  const v = TREND_VIEW[trend];
  return (
    <span className={`trend ${trend}`} title={v.words} aria-label={v.words}>
      {v.arrow}
    </span>
  );
}

/** One row per tenant, worst first (the order comes from main); Enter or click opens the tenant's Health tab. */
export function HealthRows({ rows }: { rows: HealthRow[] }) {
  const open = (r: HealthRow) => navigate('tenants', r.tenantId, 'health');
  return (
    <table className="dtable health-table" aria-label="Sending health per tenant">
      <thead>
        <tr>
          <th>Tenant</th>
          <th>Health</th>
          <th className="num">Sent 7d</th>
          <th className="num">Sent 30d</th>
          <th className="num">Bounce 7d</th>
          <th className="num">Spam 7d</th>
          <th>DNS</th>
          <th className="num">DMARC pass</th>
          <th>Why</th>
          <th>Numbers</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const v = VERDICT_VIEW[r.verdict];
          const first = r.reasons.find((x) => x.level !== 'info') ?? r.reasons[0];
          return (
            <tr key={r.tenantId} data-testid={`health-row-${r.name}`}>
              <td>
                <a href={`#/tenants/${encodeURIComponent(r.tenantId)}/health`} onClick={(e) => (e.preventDefault(), open(r))}>
                  {r.name}
                </a>
                <div className="muted small-print">{r.domain}</div>
              </td>
              <td>
                <StatusChip tone={v.tone} label={v.word} />
              </td>
              <td className="num">{r.last7.sent.toLocaleString('en-US')}</td>
              <td className="num">{r.last30.sent.toLocaleString('en-US')}</td>
              <td className="num">
                {ratePct(r.last7.bounceRate)} <TrendArrow trend={r.bounceTrend} />
              </td>
              <td className="num">
                {ratePct(r.last7.complaintRate)} <TrendArrow trend={r.complaintTrend} />
              </td>
              <td>{r.dns ? <StatusChip tone={DNS_TONE[r.dns]} label={r.dns} /> : <span className="muted">not checked</span>}</td>
              <td className="num">{r.dmarcPassRate === null ? <span className="muted">no reports</span> : `${r.dmarcPassRate}%`}</td>
              <td className="reason">
                {first ? first.text : <span className="muted">—</span>}
                {r.reasons.length > 1 && <span className="muted"> (+{r.reasons.length - 1} more)</span>}
              </td>
              <td className="muted small-print">
                {r.fetch.error ? (
                  <span className="error-text" title={r.fetch.error.message}>
                    refresh failed ·{' '}
                  </span>
                ) : null}
                {fetchedAge(r.fetch.fetchedAt)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
