import type { BulkSummaryView } from '../../../src-preload/api/dns';
import { checkVerdict } from '../../../src-preload/api/verdicts';
import { VerdictChip } from '../../components/Status';
import { DriftList } from './DriftList';
import { CAUSE_TEXT } from './dns-text';

/** A finished (or cancelled) bulk run: counts per status, tenants grouped by cause, then drift. */
export function BulkResults({ summary }: { summary: BulkSummaryView }) {
  const statuses = ['failing', 'error', 'warning', 'ok', 'failed-to-check'] as const;
  return (
    <>
      <div className="toolbar" aria-label="Counts by status">
        {statuses.map((s) => (
          <span key={s} className="bulk-count">
            <VerdictChip verdict={checkVerdict(s)} /> <strong className="num">{summary.byStatus[s]}</strong>
          </span>
        ))}
        {summary.state === 'cancelled' && (
          <span className="muted">
            Cancelled after {summary.done} of {summary.total}: the rest keep their previous check.
          </span>
        )}
      </div>
      {summary.drift.length > 0 && (
        <div className="card drift-card" data-testid="bulk-drift">
          <h2>
            Drift since each tenant’s previous check ({summary.drift.length} tenant{summary.drift.length > 1 ? 's' : ''})
          </h2>
          {summary.drift.map((d) => (
            <div key={d.tenantId} className="bulk-drift-tenant">
              <a href={`#/tenants/${encodeURIComponent(d.tenantId)}/dns`}>
                <strong>{d.tenantName}</strong>
              </a>{' '}
              <span className="mono muted">{d.domain}</span>
              <DriftList items={d.items} label={`Drift for ${d.tenantName}`} />
            </div>
          ))}
        </div>
      )}
      <div className="bulk-groups" aria-label="Results by cause">
        {summary.groups.map((g) => (
          <section key={g.cause} className="card bulk-group" data-testid={`bulk-group-${g.cause}`}>
            <h2>
              <code className="cause">{g.cause}</code> <span className="muted">{CAUSE_TEXT[g.cause] ?? ''}</span>
              <span className="grow" />
              <span className="num">
                {g.count} tenant{g.count === 1 ? '' : 's'}
              </span>
            </h2>
            <ul>
              {g.tenants.map((t) => (
                <li key={t.tenantId}>
                  <a href={`#/tenants/${encodeURIComponent(t.tenantId)}/dns`}>{t.tenantName}</a> <span className="mono muted">{t.domain}</span>
                  {t.detail && <span className="muted detail"> — {t.detail}</span>}
                </li>
              ))}
              {g.tenants.length < g.count && <li className="muted">… and {g.count - g.tenants.length} more</li>}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
